import type { ChatCompletionRequest, ChatCompletionResponse, EmbeddingsRequest } from '../../domain/index.js';
import { DetectorError } from '../detector-error.js';
import { mapChatRequestTexts, mapEmbeddingsTexts } from '../request/chat-request-texts.js';
import { replaceFindings, replaceInText } from '../request/text-findings.js';
import type { Candidate } from '../candidate.js';
import { StreamingRehydrator, type ChunkRehydrator } from './chunk-rehydrator.js';
import { barePlaceholderText, placeholderText, scopedKey } from './placeholder.js';
import { PlaceholderIndex } from './placeholder-index.js';
import { PSEUDONYMIZED_TYPES } from './pseudonymized-types.js';
import { RehydrationStream } from './rehydration-stream.js';

export interface PseudonymSession {
  pseudonymizeText(text: string): string;
  /** Returns a NEW request (the original is not mutated) with every finding replaced by a placeholder. */
  pseudonymizeChatRequest(body: ChatCompletionRequest): ChatCompletionRequest;
  pseudonymizeEmbeddingsRequest(body: EmbeddingsRequest): EmbeddingsRequest;
  /** Number of distinct values replaced so far (0 ⇒ nothing to rehydrate, the gateway can skip rehydration). */
  readonly size: number;
  rehydrateText(text: string): string;
  /** Restores values in message content and tool_calls arguments of every choice (mutates and returns it). */
  rehydrateChatResponse(body: ChatCompletionResponse): ChatCompletionResponse;
  /** Streaming: one per response stream. Keeps separate state per (choice index, content | tool call index). */
  chunkRehydrator(): ChunkRehydrator;
}

export interface SessionOptions {
  /** A tenant (e.g. the app id): placeholders are keyed per scope, so tenants cannot correlate them. */
  scope?: string;
}

export interface Pseudonymizer {
  /** One session per request; the mapping lives only in it. */
  session(options?: SessionOptions): PseudonymSession;
}

/** At least 128 bits of key: the placeholder ids must not be guessable from the values. */
const MIN_SECRET_BYTES = 16;
const REPLACED = new Set(PSEUDONYMIZED_TYPES);

class Session implements PseudonymSession {
  private readonly index: PlaceholderIndex;

  constructor(key: Uint8Array) {
    this.index = new PlaceholderIndex(key);
  }

  get size(): number {
    return this.index.size;
  }

  private replace(text: string, bare: boolean): string {
    const replaced = replaceInText(text, (value, finding) => {
      if (!REPLACED.has(finding.type)) return value;
      const entry = this.index.entryFor(finding.type, value);
      return bare ? barePlaceholderText(entry.type, entry.id) : placeholderText(entry.type, entry.id);
    });
    return this.replaceKnownNames(replaced, bare);
  }

  /** Names replaced anywhere in this session are replaced wherever else they appear (even without a cue). */
  private replaceKnownNames(text: string, bare: boolean): string {
    const names = this.index.names();
    if (names.empty) return text;
    const occurrences: Candidate[] = [];
    names.find(text, occurrences);
    if (occurrences.length === 0) return text;
    occurrences.sort((a, b) => a.start - b.start);
    for (let index = occurrences.length - 1; index > 0; index--) if (occurrences[index]!.start < occurrences[index - 1]!.end) occurrences.splice(index, 1);
    return replaceFindings(text, occurrences, (value) => {
      const entry = this.index.entryFor('PERSON_NAME', value);
      return bare ? barePlaceholderText(entry.type, entry.id) : placeholderText(entry.type, entry.id);
    });
  }

  pseudonymizeText(text: string): string {
    return this.replace(text, false);
  }

  pseudonymizeChatRequest(body: ChatCompletionRequest): ChatCompletionRequest {
    const names = this.index.names();
    const first = mapChatRequestTexts(
      body,
      (text) => this.replace(text, false),
      // A message name must stay an identifier (^[A-Za-z0-9_-]+$): it gets the bracket-less form.
      (name) => this.replace(name, true),
    );
    // A name learnt in a later message also hides its mentions in earlier ones.
    if (this.index.names() === names) return first;
    return mapChatRequestTexts(
      first,
      (text) => this.replaceKnownNames(text, false),
      (name) => this.replaceKnownNames(name, true),
    );
  }

  pseudonymizeEmbeddingsRequest(body: EmbeddingsRequest): EmbeddingsRequest {
    const names = this.index.names();
    const first = mapEmbeddingsTexts(body, (text) => this.replace(text, false));
    if (this.index.names() === names) return first;
    return mapEmbeddingsTexts(first, (text) => this.replaceKnownNames(text, false));
  }

  rehydrateText(text: string): string {
    if (this.index.size === 0) return text;
    return new RehydrationStream(this.index, 'text').push(text, true);
  }

  private rehydrateJson(text: string): string {
    if (this.index.size === 0) return text;
    return new RehydrationStream(this.index, 'json').push(text, true);
  }

  rehydrateChatResponse(body: ChatCompletionResponse): ChatCompletionResponse {
    if (this.index.size === 0 || !Array.isArray(body?.choices)) return body;
    for (const choice of body.choices) {
      const message = choice?.message;
      if (typeof message !== 'object' || message === null) continue;
      if (typeof message.content === 'string') {
        message.content = this.rehydrateText(message.content);
      } else if (Array.isArray(message.content)) {
        for (const part of message.content) {
          if (part?.type === 'text' && typeof part['text'] === 'string') part['text'] = this.rehydrateText(part['text']);
        }
      }
      if (typeof message['reasoning_content'] === 'string') message['reasoning_content'] = this.rehydrateText(message['reasoning_content']);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          if (typeof call?.function?.arguments === 'string') call.function.arguments = this.rehydrateJson(call.function.arguments);
        }
      }
      const legacy = message['function_call'] as { arguments?: unknown } | undefined;
      if (typeof legacy?.arguments === 'string') legacy.arguments = this.rehydrateJson(legacy.arguments);
    }
    return body;
  }

  chunkRehydrator(): ChunkRehydrator {
    return new StreamingRehydrator(this.index);
  }
}

/**
 * The pseudonymizer of one deployment. `secret` (≥ 16 bytes, from the deployment's key) keys the
 * placeholder ids; sessions hold their mapping in memory only and are dropped with the request.
 */
export function createPseudonymizer(secret: Uint8Array): Pseudonymizer {
  if (!(secret instanceof Uint8Array) || secret.byteLength < MIN_SECRET_BYTES) {
    throw new DetectorError(`pseudonymization secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const key = Uint8Array.from(secret);
  return {
    session(options?: SessionOptions): PseudonymSession {
      return new Session(scopedKey(key, options?.scope));
    },
  };
}
