import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { exportSlurm, qosName } from '../../../src/control/compute/export/slurm-export.js';
import { parseTres, replaySlurmJobs, type SlurmAccount } from '../../../src/control/compute/simulate/slurm-limits.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

const FAKE = fileURLToPath(new URL('./fixtures/fake-sacctmgr.sh', import.meta.url));

/** Two Slurm sites with H100 and H200 (and NPUs at one), one Kueue site; two tiers; users on one application. */
const allocation = allocate(
  build({
    sites: [
      site('kisti', 100, { scheduler: 'slurm', name: 'KISTI HPC', gpus: [{ type: 'H100', count: 60, watts: 700 }, { type: 'H200', count: 40, watts: 700 }, { type: 'RNGD', count: 30, watts: 150, resource: 'furiosa.ai/rngd' }] }),
      site('unist', 100, { scheduler: 'slurm', gpus: [{ type: 'H100', count: 50, watts: 700 }] }),
      site('cloud', 50),
    ],
    policy: { periodHours: 1000, tiers: tiers({ id: 'foundation', name: "Sovereign models ('K-AI')", priority: 900 }, { id: 'research', priority: 100 }), weighting: EQUAL_WEIGHTS },
    applications: [
      application('fm.1', 'foundation', 90, { hours: 500, organisation: "O'Neil Labs", users: ['alice', 'bob'] }),
      application('fm-2', 'foundation', 30, { hours: 1000, organisation: "O'Neil Labs", gpuType: 'H200' }),
      application('r-1', 'research', 100, { hours: 1000, organisation: 'KAIST', users: ['alice'] }),
      application('npu-1', 'research', 20, { hours: 1000, organisation: 'KAIST', gpuType: 'RNGD' }),
    ],
  }),
);
const script = exportSlurm(allocation);
const placedAt = (id: string, siteId: string, type?: string) =>
  allocation.grants
    .find((grant) => grant.id === id)!
    .placements.filter((placement) => placement.site === siteId && (type === undefined || placement.gpuType === type))
    .reduce((sum, placement) => sum + placement.gpus, 0);

interface FakeState {
  accounts: SlurmAccount[];
  users: Map<string, string>;
  /** Account and user associations, as cluster/account[/user]. */
  associations: string[];
  log: string[];
}

/** Runs the script with the fake sacctmgr first on PATH; returns its exit code, stderr and the fake's state. */
function run(state: string, extraEnv: Record<string, string> = {}): { code: number; stderr: string; state: FakeState } {
  const bin = tempDir();
  symlinkSync(FAKE, join(bin, 'sacctmgr'));
  const file = join(tempDir(), 'slurm.sh');
  writeFileSync(file, script);
  const result = spawnSync('bash', [file], { env: { PATH: `${bin}:${process.env['PATH']}`, FAKE_SACCTMGR_STATE: state, ...extraEnv }, encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: result.stderr, state: readState(state) };
}

function readState(state: string): FakeState {
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
  const accounts: SlurmAccount[] = [];
  const associations: string[] = [];
  for (const cluster of list(join(state, 'assoc'))) {
    for (const account of list(join(state, 'assoc', cluster))) {
      const dir = join(state, 'assoc', cluster, account);
      accounts.push({ cluster, account, parent: read(join(dir, 'parent')), grpTres: read(join(dir, 'grptres')), fairshare: Number(read(join(dir, 'fairshare'))), qos: read(join(dir, 'qos')) });
      associations.push(`${cluster}/${account}`, ...list(join(dir, 'users')).map((user) => `${cluster}/${account}/${user}`));
    }
  }
  const users = new Map(list(join(state, 'users')).map((user) => [user, read(join(state, 'users', user))]));
  return { accounts, users, associations, log: read(join(state, 'log')).split('\n').filter((line) => line !== '') };
}

describe('Slurm export', () => {
  it('defines each QOS once, with the same limits everywhere (QOS are global)', () => {
    const qosLines = script.split('\n').filter((line) => line.startsWith('ensure_qos '));
    const names = qosLines.map((line) => line.split(' ')[1]);
    assert.deepEqual(names, [qosName('foundation'), qosName('research')]);
    assert.equal(new Set(names).size, names.length);
    assert.match(qosLines[0]!, /^ensure_qos jaju-foundation Priority=900 Flags=DenyOnLimit Description='Sovereign models \('\\''K-AI'\\''\)'$/);
    assert.doesNotMatch(qosLines.join('\n'), /GrpTRES/);
    assert.doesNotMatch(script, /cluster=cloud|ensure_account cloud/);
  });

  it('limits every account by typed GRES, NPUs as their own GRES, with 0 for types it was not granted', () => {
    const h100 = placedAt('fm.1', 'kisti', 'H100');
    assert.ok(h100 > 0);
    const line = script.split('\n').find((entry) => entry.startsWith('ensure_account kisti app-fm-1 '))!;
    assert.match(line, new RegExp(`GrpTRES=gres/gpu=${h100},gres/gpu:h100=${h100},gres/gpu:h200=0,gres/npu=0,gres/npu:rngd=0 `));
    assert.match(line, new RegExp(`GrpTRESMins=gres/gpu=${h100 * 500 * 60},gres/gpu:h100=${h100 * 500 * 60},gres/gpu:h200=0,gres/npu=0,gres/npu:rngd=0 QOS=jaju-foundation DefaultQOS=jaju-foundation$`));
    const npu = placedAt('npu-1', 'kisti');
    assert.match(script, new RegExp(`ensure_account kisti app-npu-1 org-kaist 'npu-1' Fairshare=${npu} GrpTRES=gres/gpu=0,gres/gpu:h100=0,gres/gpu:h200=0,gres/npu=${npu},gres/npu:rngd=${npu} `));
    assert.doesNotMatch(script, /gres\/gpu=\d+ *$|GrpTRES=gres\/gpu=\d+ (?!.*gres\/gpu:)/m);
  });

  it('sets Fairshare at organisation and application level in proportion to grants, and associates listed users', () => {
    const organisation = placedAt('fm.1', 'kisti') + placedAt('fm-2', 'kisti');
    assert.match(script, new RegExp(`^ensure_account kisti org-o-neil-labs root 'O'\\\\''Neil Labs' Fairshare=${organisation} `, 'm'));
    assert.match(script, new RegExp(`^ensure_account kisti app-fm-2 org-o-neil-labs 'fm-2' Fairshare=${placedAt('fm-2', 'kisti')} `, 'm'));
    assert.match(script, /^ensure_user kisti alice app-fm-1$/m);
    assert.match(script, /^ensure_user kisti bob app-fm-1$/m);
    assert.match(script, /^ensure_user unist alice app-r-1$/m);
  });

  it('stops on the first real error and hides no failure', () => {
    assert.match(script, /^#!\/usr\/bin\/env bash\n/);
    assert.match(script, /^set -euo pipefail$/m);
    assert.doesNotMatch(script, /\|\| true|>\s*\/dev\/null/);
    const failed = run(tempDir(), { FAKE_SACCTMGR_FAIL: 'app-fm-2' });
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /Connection refused/);
    assert.ok(failed.state.associations.includes('kisti/app-npu-1'), 'what came before the failure ran');
    assert.equal(failed.state.associations.includes('kisti/app-fm-1'), false, 'nothing after the failure ran');
  });

  it('is idempotent: a second run adds nothing and succeeds; the limits it leaves hold in a replay', () => {
    const stateDir = tempDir();
    const first = run(stateDir);
    assert.equal(first.code, 0, first.stderr);
    const logged = first.state.log.length;
    assert.ok(first.state.log.some((entry) => entry.startsWith('add account app-fm-1 ')));
    assert.deepEqual(first.state.users, new Map([['alice', 'app-fm-1'], ['bob', 'app-fm-1']]));
    assert.ok(first.state.associations.includes('unist/app-r-1/alice'));
    const second = run(stateDir);
    assert.equal(second.code, 0, second.stderr);
    const again = second.state.log.slice(logged);
    assert.ok(again.length > 0);
    assert.equal(again.filter((entry) => entry.startsWith('add ')).length, 0, again.join('\n'));
    assert.deepEqual(second.state.accounts, first.state.accounts);
    assert.deepEqual(second.state.associations, first.state.associations);

    // Replay jobs against the associations the script created: no application gets past its grant of a type.
    const accounts = second.state.accounts;
    const granted = placedAt('fm.1', 'kisti', 'H100');
    const replay = replaySlurmJobs(accounts, [
      { cluster: 'kisti', account: 'app-fm-1', gres: { name: 'gpu', type: 'h100', count: granted } },
      { cluster: 'kisti', account: 'app-fm-1', gres: { name: 'gpu', type: 'h100', count: 1 } },
      { cluster: 'kisti', account: 'app-fm-1', gres: { name: 'gpu', type: 'h200', count: 1 } },
      { cluster: 'kisti', account: 'app-fm-1', gres: { name: 'gpu', count: 1 } },
      { cluster: 'kisti', account: 'app-npu-1', gres: { name: 'gpu', type: 'h100', count: 1 } },
    ]);
    assert.equal(replay.admitted.length, 1);
    assert.deepEqual(replay.refused.map((refusal) => refusal.tres), ['gres/gpu:h100', 'gres/gpu:h200', 'gres/gpu', 'gres/gpu:h100']);
    assert.equal(parseTres(accounts.find((account) => account.account === 'org-kaist' && account.cluster === 'kisti')!.grpTres).get('gres/npu:rngd'), placedAt('npu-1', 'kisti'));
  });

  it('says so when no site runs Slurm', () => {
    const none = exportSlurm(allocate(build({ sites: [site('cloud', 10)], policy: { tiers: tiers('t') }, applications: [application('a', 't', 1)] })));
    assert.match(none, /No site in the sites file has `scheduler: slurm`/);
    assert.doesNotMatch(none, /ensure_/);
  });
});
