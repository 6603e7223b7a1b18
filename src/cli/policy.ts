import { relative, resolve } from 'node:path';
import { loadConfigFile, type Config } from '../config/index.js';
import { PSEUDONYMIZED_TYPES, safeScan, scanChatRequest } from '../detect/index.js';
import type { ChatCompletionRequest, FindingCounts } from '../domain/index.js';
import { loadPolicyEngine } from '../policy/index.js';
import { PolicyCaseFileError, readPolicyCaseFile } from '../policy/policy-cases/case-file.js';
import { runPolicyCase } from '../policy/policy-cases/run-policy-case.js';
import { aliasTargets } from '../route/alias-targets.js';
import { CliUsageError, parseCliArgs, writeLine, type CliCommand, type CliIo } from './command.js';

/** jaju's own detectors, failing loudly: a case whose scan fails must not pass as "no findings". */
function scan(body: ChatCompletionRequest): FindingCounts {
  const scanned = safeScan(scanChatRequest, body);
  if (!scanned.ok) throw new Error(scanned.error);
  return scanned.findings;
}

function shown(io: CliIo, path: string): string {
  const fromCwd = relative(io.cwd, path);
  return fromCwd.startsWith('..') ? path : fromCwd;
}

async function testCommand(file: string, configOption: string | undefined, io: CliIo): Promise<number> {
  let caseFile;
  try {
    caseFile = readPolicyCaseFile(resolve(io.cwd, file));
  } catch (error) {
    if (error instanceof PolicyCaseFileError) throw new CliUsageError(error.message);
    throw error;
  }
  const configPath = configOption === undefined ? caseFile.config : resolve(io.cwd, configOption);
  if (configPath === null) throw new CliUsageError(`no config to test against: pass --config FILE or set "config:" in ${file}`);
  const loaded = loadConfigFile(configPath);
  const config: Config = { ...loaded, policies: { ...loaded.policies, files: [...loaded.policies.files, ...caseFile.files] } };
  const engine = await loadPolicyEngine(config);
  const targetsByAlias = aliasTargets(config);

  const extra = config.policies.files.length > 0 ? ` + ${config.policies.files.length} policy file${config.policies.files.length === 1 ? '' : 's'}` : '';
  writeLine(io.stdout, `policy test ${shown(io, caseFile.file)} against ${shown(io, configPath)} (packs ${engine.packs.join(', ')}${extra}; version ${engine.version})`);
  let failed = 0;
  for (const testCase of caseFile.cases) {
    const result = runPolicyCase(engine, config, targetsByAlias, testCase, { scan, pseudonymizedTypes: PSEUDONYMIZED_TYPES });
    if (result.passed) {
      writeLine(io.stdout, `✓ ${result.name}`);
    } else {
      failed += 1;
      writeLine(io.stdout, `✗ ${result.name} — ${result.differences.join('; ')}`);
    }
  }
  const total = caseFile.cases.length;
  writeLine(io.stdout, `${total} case${total === 1 ? '' : 's'}: ${total - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function checkCommand(configOption: string | undefined, io: CliIo): Promise<number> {
  if (configOption === undefined) throw new CliUsageError('policy check needs --config FILE');
  const engine = await loadPolicyEngine(loadConfigFile(resolve(io.cwd, configOption)));
  writeLine(io.stdout, `ok: ${engine.rules.length} policies valid against the schema (packs ${engine.packs.join(', ')}; version ${engine.version})`);
  for (const rule of engine.rules) {
    writeLine(io.stdout, `  ${rule.effect.padEnd(6)} ${rule.id}  ${shown(io, rule.file)}:${rule.line}${rule.reason ? `  — ${rule.reason}` : ''}`);
  }
  return 0;
}

export const policyCommand: CliCommand = {
  name: 'policy',
  summary: 'test policies against request cases, or check and list them',
  help: `Usage:
  jaju policy test FILE [--config FILE]   run the request → expected decision cases of FILE (YAML)
  jaju policy check --config FILE         validate the config's policies and list them

policy test prints one line per case (✓, or ✗ with what differed) and a summary; exit code 1 when a
case fails, 2 for bad input. The config is --config, or the "config:" entry of the cases file.
A cases file (see examples/policy/cases.yaml):
  config: ../jaju.yaml            # optional, relative to the cases file
  files: [my-rules.cedar]         # optional extra policy files to load for these cases
  cases:
    - name: S data never leaves the country
      request:
        app: minwon-bot           # an app of the config, or inline: { id, grade, purpose, highImpact }
        grade: S                  # optional, like the x-jaju-grade header (can only raise)
        model: ko-chat
        findings: { KR_RRN: 1 }   # or messages: "text" (scanned by jaju's detectors)
        cuts: [{ provider: onprem-llm }]   # optional; also { jurisdiction: US }, { deployment: foreign-cloud }
        crisis: false             # optional
      expect:
        decision: allow           # allow | deny
        provider: kr-cloud        # optional: first target of the plan, and model, mode
        mode: raw
        denialKind: policy        # optional: policy (403) | unavailable (503, only cuts stand in the way)
        candidates:               # optional, by provider or provider/model
          openai: { permitted: false, reasons: [n2sf.s-outside-home] }
        reasons: [n2sf.s-foreign-cloud]    # optional: rule ids that must appear among the denials`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { config: { type: 'string', short: 'c' } }, true);
    const [sub, file, ...rest] = positionals;
    if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
    if (sub === 'test') {
      if (!file) throw new CliUsageError('policy test needs a FILE of cases');
      return testCommand(file, values.config, io);
    }
    if (sub === 'check') {
      if (file) throw new CliUsageError(`unexpected argument "${file}"`);
      return checkCommand(values.config, io);
    }
    throw new CliUsageError(sub ? `unknown subcommand "${sub}" (test | check)` : 'expected a subcommand: test | check');
  },
};
