// Gateway overhead benchmark (issue 2 "Performance", and the same-run ratios of issues 4 and 5).
//   npx tsx bench/gateway/overhead.ts [--duration 10] [--connections 1,32] [--rounds 3]
//        [--variants direct,nginx,node-floor,core,policy,full] [--body clean|personal] [--upstream nginx|node]
//        [--postgres URL] [--warmup 3] [--threads 1] [--runtime build|tsx] [--json FILE] [--profile DIR]
//        [--patch FILE]
// Variants, all measured in ONE run against the same loopback fake upstream, interleaved round by round:
//   direct   wrk → upstream                     (the floor)
//   nginx    wrk → nginx reverse proxy → upstream (what one plain proxy hop costs)
//   node-floor wrk → minimal node:http + undici proxy that parses and re-serializes JSON (node's floor here)
//   core     wrk → jaju (HTTP + auth + alias + executor + adapter; no scan, no policy, no ledger)
//   policy   wrk → jaju with real detection + real Cedar policy (audit discarded)
//   full     wrk → jaju composePorts: detection + policy + SQLite ledger with group commit (temp dir)
//   full-pg  like full, ledger in PostgreSQL in a fresh schema, dropped at the end (needs --postgres URL,
//            e.g. the test suite's postgres://postgres@127.0.0.1:5432/test)
//   <name>-x2  the same gateway as a 2-worker node:cluster (e.g. core-x2)
//   <name>+patch  the same gateway built from a copy of the tree with --patch FILE applied (e.g. core+patch),
//            to measure a proposed change beside the current code under the same conditions
// Every gateway runs in its own child process with logging silent, compiled by the project's tsc into a
// temp directory first (--runtime build, the default: what `npm start` runs) or through tsx (--runtime tsx).
// nginx and wrk come from Debian and are installed with apt-get when missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileForBench, patchedTree } from './compile-for-bench.js';
import { BENCH_APP_KEY, chatRequestBody, UPSTREAM_RESPONSE, type BodyKind } from './bench-workload.js';
import { freePort, waitForPort } from './free-port.js';
import { startProcess, waitForLine, type ManagedProcess } from './managed-process.js';
import { freshBenchSchema } from './postgres-schema.js';
import { proxyServerBlock, startNginx, upstreamServerBlock, type RunningNginx } from './nginx.js';
import { descendants, machineBusySeconds, treeCpuSeconds } from './process-cpu.js';
import { median, relativeSpread } from './stats.js';
import { ensureDebianTool } from './tools.js';
import { runWrk, writeWrkScript, type WrkResult } from './wrk.js';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '..', '..');
const CHAT_PATH = '/v1/chat/completions';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,32' },
    rounds: { type: 'string', default: '1' },
    variants: { type: 'string', default: 'direct,nginx,node-floor,core,policy,full' },
    body: { type: 'string', default: 'clean' },
    upstream: { type: 'string', default: 'nginx' },
    postgres: { type: 'string' },
    warmup: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
    'upstream-check': { type: 'string', default: '3' },
    runtime: { type: 'string', default: 'build' },
    json: { type: 'string' },
    profile: { type: 'string' },
    patch: { type: 'string' },
  },
});

const durationSeconds = Number(values.duration);
const connectionCounts = values.connections.split(',').map(Number);
const rounds = Number(values.rounds);
const warmupSeconds = Number(values.warmup);
const threads = Number(values.threads);
const upstreamCheckSeconds = Number(values['upstream-check']);
const bodyKind = values.body as BodyKind;
const variantNames = values.variants.split(',').map((name) => name.trim()).filter(Boolean);
if (values.postgres && !values.variants.includes('full-pg') && values.variants === 'direct,nginx,node-floor,core,policy,full') variantNames.push('full-pg');
for (const [name, value] of [['duration', durationSeconds], ['rounds', rounds], ['warmup', warmupSeconds], ['threads', threads]] as const) {
  if (!Number.isFinite(value) || value < (name === 'warmup' ? 0 : 1) || value > 3600) throw new Error(`--${name}: expected a number in range, got ${value}`);
}
if (connectionCounts.some((count) => !Number.isInteger(count) || count < 1 || count > 1024)) throw new Error('--connections: expected integers 1..1024');
if (!['clean', 'personal'].includes(bodyKind)) throw new Error('--body: expected clean or personal');
if (!['nginx', 'node'].includes(values.upstream)) throw new Error('--upstream: expected nginx or node');
if (!['build', 'tsx'].includes(values.runtime)) throw new Error('--runtime: expected build or tsx');
const command = `npx tsx bench/gateway/overhead.ts ${process.argv.slice(2).join(' ')}`.trim();

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

// ---------------------------------------------------------------------------------------------------------
// Clean-up: every process and the temp directory go away at the end, on error, and on Ctrl-C.
const cleanups: (() => Promise<void> | void)[] = [];
let cleanedUp = false;
async function cleanUp(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`clean-up: ${(error as Error).message}\n`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything the benchmark started\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------
interface Variant {
  name: string;
  description: string;
  url: string;
  /** Processes whose CPU is the cost of the thing under test (none for direct: the upstream is the floor). */
  pids(): number[];
  expectJajuHeaders: boolean;
}

interface Measurement {
  round: number;
  variant: string;
  connections: number;
  wrk: WrkResult;
  /** CPU µs per request of the thing under test, of the upstream, and of wrk. */
  targetCpuUs: number | undefined;
  upstreamCpuUs: number;
  wrkCpuUs: number;
  /** Share of both cores busy with anything else (other engineers' tests, the kernel's share of loopback). */
  otherBusyFraction: number;
}

const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_APP_KEY}` };
const requestBody = chatRequestBody(bodyKind);

async function preflight(variant: Variant): Promise<void> {
  const response = await fetch(variant.url, { method: 'POST', headers, body: requestBody, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${variant.name}: preflight answered ${response.status}: ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text) as { choices?: { message?: { content?: string } }[] };
  if (!parsed.choices?.[0]?.message?.content) throw new Error(`${variant.name}: preflight answer has no message content`);
  if (variant.expectJajuHeaders && response.headers.get('x-jaju-provider') !== 'onprem-llm') {
    throw new Error(`${variant.name}: expected x-jaju-provider onprem-llm, got ${response.headers.get('x-jaju-provider')}`);
  }
}

async function measure(
  variant: Variant,
  connections: number,
  seconds: number,
  upstreamPids: () => number[],
  wrkBinary: string,
  script: string,
): Promise<Omit<Measurement, 'round'>> {
  const targetPids = variant.pids();
  const upstream = upstreamPids();
  const targetBefore = targetPids.length > 0 ? treeCpuSeconds(targetPids[0]!, targetPids.slice(1)) : 0;
  const upstreamBefore = treeCpuSeconds(upstream[0]!, upstream.slice(1));
  const machineBefore = machineBusySeconds();
  const wrk = await runWrk({ binary: wrkBinary, url: variant.url, script, connections, threads, durationSeconds: seconds });
  const machineAfter = machineBusySeconds();
  const targetCpu = targetPids.length > 0 ? treeCpuSeconds(targetPids[0]!, targetPids.slice(1)) - targetBefore : undefined;
  const upstreamCpu = treeCpuSeconds(upstream[0]!, upstream.slice(1)) - upstreamBefore;
  const errors = Object.values(wrk.errors).reduce((sum, count) => sum + count, 0);
  if (errors > 0) throw new Error(`${variant.name} at ${connections} connections: ${JSON.stringify(wrk.errors)} errors (${wrk.command})`);
  const perRequest = (cpuSeconds: number) => (cpuSeconds / Math.max(1, wrk.requests)) * 1e6;
  const wallSeconds = wrk.durationUs / 1e6;
  const cores = cpus().length;
  const accounted = (targetCpu ?? 0) + upstreamCpu + wrk.wrkCpuSeconds;
  return {
    variant: variant.name,
    connections,
    wrk,
    targetCpuUs: targetCpu === undefined ? undefined : perRequest(targetCpu),
    upstreamCpuUs: perRequest(upstreamCpu),
    wrkCpuUs: perRequest(wrk.wrkCpuSeconds),
    otherBusyFraction: Math.max(0, (machineAfter - machineBefore - accounted) / (wallSeconds * cores)),
  };
}

// ---------------------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const nginxBinary = ensureDebianTool('nginx', 'nginx-light', log);
  const wrkBinary = ensureDebianTool('wrk', 'wrk', log);
  const dir = mkdtempSync(join(tmpdir(), 'jaju-bench-gateway-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const script = writeWrkScript(dir, `chat-${bodyKind}`, requestBody, headers);
  let buildRoot: string | undefined;
  if (values.runtime === 'build') {
    const build = compileForBench(repositoryRoot, dir);
    buildRoot = build.buildRoot;
    log(`compiled src/ and bench/gateway/ with tsc in ${build.seconds.toFixed(1)} s${build.typeErrors > 0 ? ` (${build.typeErrors} type errors elsewhere in the tree; emitted anyway)` : ''}`);
  }
  /** node arguments that run one of this folder's scripts, compiled or through tsx. */
  const nodeScript = (name: string) => (buildRoot ? [join(buildRoot, 'bench', 'gateway', `${name}.js`)] : ['--import', 'tsx', join(here, `${name}.ts`)]);
  let patchedChild: string[] | undefined;
  if (variantNames.some((name) => name.endsWith('+patch'))) {
    if (!values.patch) throw new Error('a "+patch" variant needs --patch FILE');
    const tree = patchedTree(repositoryRoot, dir, resolve(values.patch));
    if (buildRoot) {
      const patched = compileForBench(tree, join(dir, 'patched'));
      patchedChild = [join(patched.buildRoot, 'bench', 'gateway', 'gateway-child.js')];
    } else patchedChild = ['--import', 'tsx', join(tree, 'bench', 'gateway', 'gateway-child.ts')];
    log(`patched copy built with ${values.patch}`);
  }

  // --- the fake upstream(s) -----------------------------------------------------------------------------
  const nginxUpstreamPort = await freePort();
  const nginxUpstream = await startNginx(nginxBinary, dir, 'upstream', nginxUpstreamPort, upstreamServerBlock(nginxUpstreamPort, UPSTREAM_RESPONSE));
  cleanups.push(() => nginxUpstream.stop());

  let nodeUpstream: { process: ManagedProcess; port: number } | undefined;
  const startNodeUpstream = async () => {
    const port = await freePort();
    const child = startProcess('node-upstream', process.execPath, [...nodeScript('node-upstream'), '--port', String(port)], { cwd: repositoryRoot });
    cleanups.push(() => child.stop());
    await waitForLine(child, 'READY', 20_000);
    await waitForPort(port);
    return { process: child, port };
  };

  const upstreamCheck: { upstream: string; requestsPerSecond: number; upstreamCpuUs: number; wrkCpuUs: number }[] = [];
  if (upstreamCheckSeconds > 0 || values.upstream === 'node') nodeUpstream = await startNodeUpstream();
  if (upstreamCheckSeconds > 0) {
    // Which fake upstream leaves more CPU to the thing under test: CPU per request at saturation, direct.
    for (const [name, port, pids] of [
      ['nginx return 200', nginxUpstreamPort, () => nginxUpstream.pids()],
      ['node:http', nodeUpstream!.port, () => [nodeUpstream!.process.pid]],
    ] as const) {
      const variant: Variant = { name, description: '', url: `http://127.0.0.1:${port}${CHAT_PATH}`, pids: () => [], expectJajuHeaders: false };
      await preflight(variant);
      await runWrk({ binary: wrkBinary, url: variant.url, script, connections: 32, threads, durationSeconds: 1 });
      const result = await measure(variant, 32, upstreamCheckSeconds, pids, wrkBinary, script);
      upstreamCheck.push({ upstream: name, requestsPerSecond: result.wrk.requestsPerSecond, upstreamCpuUs: result.upstreamCpuUs, wrkCpuUs: result.wrkCpuUs });
    }
  }
  const useNode = values.upstream === 'node';
  if (!useNode && nodeUpstream) {
    await nodeUpstream.process.stop();
    nodeUpstream = undefined;
  }
  const upstreamPort = useNode ? nodeUpstream!.port : nginxUpstreamPort;
  const upstreamPids = useNode ? () => [nodeUpstream!.process.pid] : () => nginxUpstream.pids();
  const upstreamBaseUrl = `http://127.0.0.1:${upstreamPort}/v1`;

  // --- the variants -------------------------------------------------------------------------------------
  const variants: Variant[] = [];
  const unavailable: { name: string; reason: string }[] = [];
  for (const name of variantNames) {
    if (name === 'direct') {
      variants.push({ name, description: 'wrk → fake upstream', url: `${upstreamBaseUrl}/chat/completions`, pids: () => [], expectJajuHeaders: false });
      continue;
    }
    if (name === 'nginx') {
      const port = await freePort();
      const proxy: RunningNginx = await startNginx(nginxBinary, dir, 'proxy', port, proxyServerBlock(port, upstreamPort));
      cleanups.push(() => proxy.stop());
      variants.push({ name, description: 'nginx reverse proxy (1 worker, keep-alive upstream)', url: `http://127.0.0.1:${port}${CHAT_PATH}`, pids: () => proxy.pids(), expectJajuHeaders: false });
      continue;
    }
    if (name === 'node-floor') {
      const child = startProcess('node-floor', process.execPath, [...nodeScript('node-floor-proxy'), '--upstream', `http://127.0.0.1:${upstreamPort}`], { cwd: repositoryRoot });
      cleanups.push(() => child.stop());
      const url = await waitForLine(child, 'READY', 30_000);
      variants.push({ name, description: 'minimal node:http + undici JSON proxy', url: `${url}${CHAT_PATH}`, pids: () => [child.pid], expectJajuHeaders: false });
      continue;
    }
    const match = /^(core|policy|full|full-pg)(?:-x(\d+))?(\+patch)?$/.exec(name);
    if (!match) throw new Error(`unknown variant "${name}"`);
    const kind = match[1]!;
    const workers = Number(match[2] ?? 1);
    if (kind === 'full-pg' && !values.postgres) {
      unavailable.push({ name, reason: 'needs --postgres URL' });
      continue;
    }
    const port = workers > 1 ? await freePort() : 0;
    const args = [...(match[3] ? patchedChild! : nodeScript('gateway-child')), '--variant', kind, '--upstream', upstreamBaseUrl, '--data-dir', join(dir, name), '--workers', String(workers), '--port', String(port)];
    if (kind === 'full-pg') {
      const schema = freshBenchSchema(values.postgres!);
      // Registered before the child's own clean-up, so it runs after the child has closed its pool.
      cleanups.push(() => schema.drop());
      args.push('--postgres', schema.url);
    }
    // --profile: V8 CPU profiles of every gateway child (written when it exits); read them with profile-summary.ts.
    // One folder per variant; node names each file by pid and thread (the ledger's writer thread gets its own).
    const profileFlags = values.profile ? ['--cpu-prof', '--cpu-prof-dir', join(resolve(values.profile), name)] : [];
    const child = startProcess(`gateway-${name}`, process.execPath, [...profileFlags, ...args], { cwd: repositoryRoot, env: { ...process.env, NODE_ENV: 'production' } });
    cleanups.push(() => child.stop('SIGTERM', 10_000));
    let url: string;
    try {
      url = await waitForLine(child, 'READY', 60_000);
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      const reason = lines.find((line) => /Cannot find (module|package)/.test(line)) ?? lines.find((line) => /^\s*\w*Error\b/.test(line)) ?? lines[0]!;
      unavailable.push({ name, reason: reason.trim().slice(0, 300) });
      await child.stop();
      continue;
    }
    const tree = descendants(child.pid);
    const description = `jaju ${kind}${workers > 1 ? ` (node:cluster, ${workers} workers)` : ''}${match[3] ? ' with --patch' : ''}`;
    variants.push({ name, description, url: `${url}${CHAT_PATH}`, pids: () => [child.pid, ...tree], expectJajuHeaders: true });
  }
  for (const variant of variants) await preflight(variant);

  log(`command: ${command}`);
  log(`machine: ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${new Date().toISOString()}`);
  log(`gateway runtime: ${buildRoot ? 'tsc build (as npm start)' : 'tsx (from sources)'}`);
  log(`upstream: ${useNode ? 'node:http' : 'nginx return 200'} on 127.0.0.1:${upstreamPort}; body: ${bodyKind} (${Buffer.byteLength(requestBody)} bytes); response ${Buffer.byteLength(UPSTREAM_RESPONSE)} bytes`);
  for (const entry of unavailable) log(`variant ${entry.name}: UNAVAILABLE (${entry.reason})`);

  // --- warm-up, then rounds ---------------------------------------------------------------------------
  for (const variant of variants) {
    if (warmupSeconds > 0) await runWrk({ binary: wrkBinary, url: variant.url, script, connections: Math.max(...connectionCounts), threads, durationSeconds: warmupSeconds });
  }
  const measurements: Measurement[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    // Each round starts one variant later, so that a drift in the machine's background load does not always
    // favour the same variant.
    const shift = (round - 1) % variants.length;
    for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
      // Re-warm briefly: keep-alive pools may have idled out while the other variants ran.
      if (round > 1 || warmupSeconds === 0) await runWrk({ binary: wrkBinary, url: variant.url, script, connections: Math.max(...connectionCounts), threads, durationSeconds: 1 });
      for (const connections of connectionCounts) {
        await sleep(300);
        const result = await measure(variant, connections, durationSeconds, upstreamPids, wrkBinary, script);
        measurements.push({ round, ...result });
        log(
          `  round ${round} ${variant.name.padEnd(14)} c=${String(connections).padEnd(3)} ${result.wrk.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(result.wrk.latencyUs.p50).padStart(6)} µs  p99 ${String(result.wrk.latencyUs.p99).padStart(6)} µs  cpu/req ${result.targetCpuUs?.toFixed(0) ?? '-'} µs  other load ${(result.otherBusyFraction * 100).toFixed(0)}%`,
        );
      }
    }
  }

  report(variants, measurements, upstreamCheck, unavailable, useNode);
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ command, date: new Date().toISOString(), node: process.version, cpus: cpus().length, upstreamCheck, unavailable, measurements }, null, 2));
  }
}

// ---------------------------------------------------------------------------------------------------------
function report(
  variants: Variant[],
  measurements: Measurement[],
  upstreamCheck: { upstream: string; requestsPerSecond: number; upstreamCpuUs: number; wrkCpuUs: number }[],
  unavailable: { name: string; reason: string }[],
  useNode: boolean,
): void {
  const low = Math.min(...connectionCounts);
  const high = Math.max(...connectionCounts);
  const pick = (variant: string, connections: number) => measurements.filter((entry) => entry.variant === variant && entry.connections === connections);
  const medianOf = (variant: string, connections: number, get: (entry: Measurement) => number | undefined) => median(pick(variant, connections).map(get));
  const directP50 = (round: number) => pick('direct', low).find((entry) => entry.round === round)?.wrk.latencyUs.p50;
  const fmt = (value: number | undefined, digits = 0) => (value === undefined ? '-' : value.toFixed(digits));

  log('');
  if (upstreamCheck.length > 0) {
    log(`fake upstream cost (direct, 32 connections, ${upstreamCheckSeconds} s each): CPU per request of the upstream process(es)`);
    for (const entry of upstreamCheck) log(`  ${entry.upstream.padEnd(18)} ${entry.requestsPerSecond.toFixed(0).padStart(7)} req/s   upstream ${entry.upstreamCpuUs.toFixed(1).padStart(6)} µs/req   wrk ${entry.wrkCpuUs.toFixed(1)} µs/req`);
    log(`  used: ${useNode ? 'node:http' : 'nginx return 200'}`);
    log('');
  }

  log(`results: median of ${rounds} round(s), ${durationSeconds} s per measurement, wrk -t ${threads}; latency at c=${low}, throughput at c=${high}`);
  log(`added p50 = variant p50 − direct p50 at c=${low}, taken per round, then the median.  cpu/req = CPU µs per request of the thing under test.`);
  const nameWidth = Math.max(10, ...variants.map((variant) => variant.name.length));
  const header = [
    'variant'.padEnd(nameWidth),
    `p50@${low} µs`.padStart(10),
    `p99@${low} µs`.padStart(10),
    'added p50'.padStart(10),
    `req/s@${high}`.padStart(10),
    'spread'.padStart(7),
    `p50@${high} µs`.padStart(11),
    `p99@${high} µs`.padStart(11),
    'cpu/req µs'.padStart(10),
    'upstr µs'.padStart(9),
    'wrk µs'.padStart(7),
    'other'.padStart(6),
  ];
  log(header.join(' '));
  log('-'.repeat(header.join(' ').length));
  for (const variant of variants) {
    const added = median(pick(variant.name, low).map((entry) => {
      const direct = directP50(entry.round);
      return direct === undefined ? undefined : entry.wrk.latencyUs.p50 - direct;
    }));
    const throughputs = pick(variant.name, high).map((entry) => entry.wrk.requestsPerSecond);
    const spread = relativeSpread(throughputs);
    log(
      [
        variant.name.padEnd(nameWidth),
        fmt(medianOf(variant.name, low, (entry) => entry.wrk.latencyUs.p50)).padStart(10),
        fmt(medianOf(variant.name, low, (entry) => entry.wrk.latencyUs.p99)).padStart(10),
        (variant.name === 'direct' ? '0' : fmt(added)).padStart(10),
        fmt(median(throughputs)).padStart(10),
        (spread === undefined ? '-' : `±${((spread / 2) * 100).toFixed(0)}%`).padStart(7),
        fmt(medianOf(variant.name, high, (entry) => entry.wrk.latencyUs.p50)).padStart(11),
        fmt(medianOf(variant.name, high, (entry) => entry.wrk.latencyUs.p99)).padStart(11),
        fmt(medianOf(variant.name, high, (entry) => entry.targetCpuUs), 1).padStart(10),
        fmt(medianOf(variant.name, high, (entry) => entry.upstreamCpuUs), 1).padStart(9),
        fmt(medianOf(variant.name, high, (entry) => entry.wrkCpuUs), 1).padStart(7),
        `${fmt((medianOf(variant.name, high, (entry) => entry.otherBusyFraction) ?? 0) * 100)}%`.padStart(6),
      ].join(' '),
    );
  }
  for (const entry of unavailable) log(`${entry.name.padEnd(nameWidth)} unavailable: ${entry.reason}`);
  log(`(spread = half of (max − min) / median of req/s over rounds; other = CPU share of both cores used by processes outside this benchmark during the c=${high} runs)`);

  // Ratios: per round (same conditions), then the median.
  const ratio = (numerator: string, denominator: string) =>
    median(
      pick(numerator, high).map((entry) => {
        const base = pick(denominator, high).find((other) => other.round === entry.round);
        return base ? entry.wrk.requestsPerSecond / base.wrk.requestsPerSecond : undefined;
      }),
    );
  const cpuRatio = (numerator: string, denominator: string) => {
    const a = medianOf(numerator, high, (entry) => entry.targetCpuUs);
    const b = medianOf(denominator, high, (entry) => entry.targetCpuUs);
    return a && b ? b / a : undefined;
  };
  const has = (name: string) => variants.some((variant) => variant.name === name);
  const verdict = (pass: boolean | undefined) => (pass === undefined ? 'n/a ' : pass ? 'PASS' : 'FAIL');

  log('');
  log(`targets (issue 2: this 2-core machine; issues 4 and 5: same-run ratios at c=${high})`);
  // The same ratios for every flavour measured: plain, cluster (-x2), patched (+patch).
  const suffixes = [...new Set(variants.map((variant) => /^(?:core|policy|full|full-pg)(.*)$/.exec(variant.name)?.[1]).filter((suffix) => suffix !== undefined))];
  for (const suffix of suffixes) {
    const core = `core${suffix}`;
    for (const [kind, target, issue] of [
      ['policy', 0.7, 'issue 4: auth + scan + policy + route ≥ 70% of core'],
      ['full', 0.6, 'issue 5: full path with auditing ≥ 60% of core'],
      ['full-pg', 0.6, 'issue 5 (PostgreSQL ledger) ≥ 60% of core'],
    ] as const) {
      const numerator = `${kind}${suffix}`;
      if (!has(numerator) || !has(core)) continue;
      const value = ratio(numerator, core);
      const cpu = cpuRatio(numerator, core);
      log(`  ${verdict(value === undefined ? undefined : value >= target)}  ${numerator}/${core} throughput = ${fmt(value, 3)} (target ≥ ${target.toFixed(2)}; ${issue}); CPU-per-request ratio ${core}/${numerator} = ${fmt(cpu, 3)}`);
    }
  }
  for (const variant of variants) {
    const base = variant.name.endsWith('+patch') ? variant.name.slice(0, -'+patch'.length) : undefined;
    if (!base || !has(base)) continue;
    log(`  (patch effect: ${variant.name}/${base} throughput = ${fmt(ratio(variant.name, base), 3)}, CPU per request ${variant.name}/${base} = ${fmt(cpuRatio(base, variant.name), 3)})`);
  }
  for (const variant of variants) {
    if (!variant.expectJajuHeaders) continue;
    const added = median(pick(variant.name, low).map((entry) => {
      const direct = directP50(entry.round);
      return direct === undefined ? undefined : entry.wrk.latencyUs.p50 - direct;
    }));
    const throughput = medianOf(variant.name, high, (entry) => entry.wrk.requestsPerSecond);
    log(
      `  ${verdict(added === undefined ? undefined : added <= 300)}  ${variant.name.padEnd(13)} added p50 latency at c=${low}: ${fmt(added)} µs (target ≤ 300 µs)` +
        `   ${verdict(throughput === undefined ? undefined : throughput >= 5000)}  throughput at c=${high}: ${fmt(throughput)} req/s (target ≥ 5,000)`,
    );
  }
  if (has('nginx')) {
    const added = median(pick('nginx', low).map((entry) => {
      const direct = directP50(entry.round);
      return direct === undefined ? undefined : entry.wrk.latencyUs.p50 - direct;
    }));
    log(`  (reference: one nginx proxy hop adds ${fmt(added)} µs p50 at c=${low}, and carries ${fmt(medianOf('nginx', high, (entry) => entry.wrk.requestsPerSecond))} req/s at c=${high})`);
  }
  log('');
  log(`command: ${command}`);
  const wrkCommand = measurements[0]?.wrk.command;
  if (wrkCommand) log(`load:    ${wrkCommand.replace(/ -c \d+ /, ' -c N ').replace(/http:\/\/\S+/, '<variant URL>')}`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`overhead benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
