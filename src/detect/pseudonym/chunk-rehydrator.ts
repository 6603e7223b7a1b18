import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatToolCallDelta } from '../../domain/index.js';
import type { PlaceholderIndex } from './placeholder-index.js';
import { RehydrationStream } from './rehydration-stream.js';

export interface ChunkRehydrator {
  /**
   * Rewrites delta.content / delta.tool_calls[].function.arguments of one chunk (mutates and returns
   * it). Text that cannot be the start of a placeholder is released immediately; a possible
   * placeholder prefix is held back until it is complete or proven not to be one. When a choice's
   * finish_reason arrives, everything held for that choice is released into that chunk.
   */
  transform(chunk: ChatCompletionChunk): ChatCompletionChunk;
  /** At end of stream: chunks carrying anything still held (normally none). */
  flush(): ChatCompletionChunk[];
}

/** Streams of one choice: its content (and reasoning text some servers send), and each tool call's arguments. */
interface ChoiceStreams {
  content?: RehydrationStream;
  reasoning?: RehydrationStream;
  tools: Map<number, RehydrationStream>;
}

const REASONING = 'reasoning_content';

export class StreamingRehydrator implements ChunkRehydrator {
  private readonly choices = new Map<number, ChoiceStreams>();
  private template: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'> = { id: '', created: 0, model: '' };

  constructor(private readonly index: PlaceholderIndex) {}

  private streamsOf(choiceIndex: number): ChoiceStreams {
    let streams = this.choices.get(choiceIndex);
    if (streams === undefined) {
      streams = { tools: new Map() };
      this.choices.set(choiceIndex, streams);
    }
    return streams;
  }

  transform(chunk: ChatCompletionChunk): ChatCompletionChunk {
    this.template = { id: chunk.id, created: chunk.created, model: chunk.model };
    if (!Array.isArray(chunk.choices)) return chunk;
    for (const choice of chunk.choices) {
      if (typeof choice !== 'object' || choice === null) continue;
      const delta = choice.delta;
      if (typeof delta === 'object' && delta !== null) {
        const streams = this.streamsOf(choice.index);
        if (typeof delta.content === 'string') {
          streams.content ??= new RehydrationStream(this.index, 'text');
          delta.content = streams.content.push(delta.content, false);
        }
        const reasoning = delta[REASONING];
        if (typeof reasoning === 'string') {
          streams.reasoning ??= new RehydrationStream(this.index, 'text');
          delta[REASONING] = streams.reasoning.push(reasoning, false);
        }
        if (Array.isArray(delta.tool_calls)) {
          for (const call of delta.tool_calls) {
            const args = call?.function?.arguments;
            if (typeof args !== 'string') continue;
            let stream = streams.tools.get(call.index);
            if (stream === undefined) {
              stream = new RehydrationStream(this.index, 'json');
              streams.tools.set(call.index, stream);
            }
            call.function!.arguments = stream.push(args, false);
          }
        }
      }
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) this.release(choice);
    }
    return chunk;
  }

  /** Puts everything held for this choice into its (finishing) chunk. */
  private release(choice: ChatCompletionChunkChoice): void {
    const streams = this.choices.get(choice.index);
    if (streams === undefined) return;
    this.choices.delete(choice.index);
    if (typeof choice.delta !== 'object' || choice.delta === null) choice.delta = {};
    const delta = choice.delta;
    const content = streams.content?.push('', true) ?? '';
    if (content.length > 0) delta.content = (typeof delta.content === 'string' ? delta.content : '') + content;
    const reasoning = streams.reasoning?.push('', true) ?? '';
    if (reasoning.length > 0) delta[REASONING] = (typeof delta[REASONING] === 'string' ? delta[REASONING] : '') + reasoning;
    for (const [toolIndex, stream] of streams.tools) {
      const held = stream.push('', true);
      if (held.length === 0) continue;
      delta.tool_calls ??= [];
      let call: ChatToolCallDelta | undefined = delta.tool_calls.find((candidate) => candidate.index === toolIndex);
      if (call === undefined) {
        call = { index: toolIndex, function: { arguments: '' } };
        delta.tool_calls.push(call);
      }
      call.function ??= {};
      call.function.arguments = (call.function.arguments ?? '') + held;
    }
  }

  flush(): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const choiceIndex of [...this.choices.keys()]) {
      const choice: ChatCompletionChunkChoice = { index: choiceIndex, delta: {}, finish_reason: null };
      this.release(choice);
      const delta = choice.delta;
      if (delta.content === undefined && delta.tool_calls === undefined && delta[REASONING] === undefined) continue;
      chunks.push({ ...this.template, object: 'chat.completion.chunk', choices: [choice] });
    }
    return chunks;
  }
}
