import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../../config/format-issues.js';
import { readYamlFile } from '../../config/read-yaml-file.js';
import { FINDING_TYPES, GRADES, parseCutScope, type ChatMessage, type CutScope } from '../../domain/index.js';

/**
 * The YAML file of `jaju policy test`: request → expected decision cases, so that operators can
 * unit-test their own policies against their own config (examples/policy/cases.yaml).
 */

const grade = z.enum(GRADES);
const ruleIds = z.array(z.string().min(1));

const inlineApp = z.strictObject({
  id: z.string().min(1),
  grade,
  purpose: z.string().min(1).default('general'),
  highImpact: z.boolean().default(false),
});

const message = z.looseObject({ role: z.string().min(1) });

const requestSchema = z
  .strictObject({
    /** An app id of the config, or an app written inline (to test a policy before the app exists). */
    app: z.union([z.string().min(1), inlineApp]),
    /** As the x-jaju-grade header: may raise the app's grade, never lower it. */
    grade: grade.optional(),
    model: z.string().min(1),
    findings: z.partialRecord(z.enum(FINDING_TYPES), z.number().int().min(0)).optional(),
    /** Text (one user message) or chat messages, scanned by jaju's detectors. */
    messages: z.union([z.string(), z.array(message)]).optional(),
    cuts: z.array(z.unknown()).default([]),
    crisis: z.boolean().default(false),
  })
  .refine((request) => !(request.findings !== undefined && request.messages !== undefined), {
    message: 'give either findings or messages, not both',
  });

const candidateExpectation = z.strictObject({
  permitted: z.boolean(),
  mode: z.enum(['raw', 'pseudonymized']).optional(),
  /** Permit ids that must be among the candidate's determining policies. */
  policies: ruleIds.optional(),
  /** Rule ids that must be among the candidate's reasons. */
  reasons: ruleIds.optional(),
});

const expectationSchema = z.strictObject({
  decision: z.enum(['allow', 'deny']),
  grade: grade.optional(),
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  mode: z.enum(['raw', 'pseudonymized']).optional(),
  /** 'unavailable' when only cuts stand in the way (503), 'policy' otherwise (403). */
  denialKind: z.enum(['policy', 'unavailable']).optional(),
  /** Keyed by provider id (every target of that provider) or by "provider/model". */
  candidates: z.record(z.string().min(1), candidateExpectation).optional(),
  /** Rule ids that must appear among the reasons of the denied candidates. */
  reasons: ruleIds.optional(),
});

const caseSchema = z.strictObject({
  name: z.string().min(1),
  request: requestSchema,
  expect: expectationSchema,
});

const caseFileSchema = z.strictObject({
  /** Config to test against, relative to this file (`--config` overrides it). */
  config: z.string().min(1).optional(),
  /** Extra policy files loaded on top of the config's, relative to this file. */
  files: z.array(z.string().min(1)).default([]),
  cases: z.array(caseSchema).min(1),
});

export type CandidateExpectation = z.output<typeof candidateExpectation>;
export type CaseExpectation = z.output<typeof expectationSchema>;

export interface PolicyCase {
  name: string;
  request: Omit<z.output<typeof requestSchema>, 'cuts' | 'messages'> & { cuts: CutScope[]; messages?: ChatMessage[] };
  expect: CaseExpectation;
}

export interface PolicyCaseFile {
  file: string;
  /** Absolute path of the config named in the file, if any. */
  config: string | null;
  /** Absolute paths of the extra policy files. */
  files: string[];
  cases: PolicyCase[];
}

/** A case file that cannot be read or does not follow the format; the message names the path. */
export class PolicyCaseFileError extends Error {
  override name = 'PolicyCaseFileError';
}

export function readPolicyCaseFile(file: string): PolicyCaseFile {
  const { path, value } = readYamlFile(file, (_where, problems) => new PolicyCaseFileError(`${file}: ${(problems[0] ?? 'unreadable').replace(/^cannot read: /, '')}`));
  const result = caseFileSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const [first, ...rest] = formatIssues(result.error.issues);
    throw new PolicyCaseFileError(`${file}: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid'}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`);
  }
  const base = dirname(path);
  const cases = result.data.cases.map((testCase, index): PolicyCase => {
    const cuts = testCase.request.cuts.map((scope, cutIndex) => {
      const parsed = parseCutScope(scope);
      if (typeof parsed === 'string') throw new PolicyCaseFileError(`${file}: cases[${index}].request.cuts[${cutIndex}]: ${parsed}`);
      return parsed;
    });
    const { messages, ...request } = testCase.request;
    const chat: ChatMessage[] | undefined =
      messages === undefined ? undefined : typeof messages === 'string' ? [{ role: 'user', content: messages }] : (messages as ChatMessage[]);
    return { name: testCase.name, request: { ...request, cuts, ...(chat ? { messages: chat } : {}) }, expect: testCase.expect };
  });
  return {
    file: path,
    config: result.data.config === undefined ? null : resolve(base, result.data.config),
    files: result.data.files.map((policyFile) => resolve(base, policyFile)),
    cases,
  };
}
