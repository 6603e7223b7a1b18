import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate } from '../../../src/control/compute/engine/allocate.js';
import { exportSlurm } from '../../../src/control/compute/export/slurm-export.js';
import { EQUAL_WEIGHTS, application, build, site, tiers } from './fixtures.js';

describe('Slurm export', () => {
  const allocation = allocate(
    build({
      sites: [site('kisti', 100, { scheduler: 'slurm', name: 'KISTI HPC' }), site('cloud', 50)],
      policy: { periodHours: 1000, tiers: tiers({ id: 'foundation', name: "Sovereign models ('K-AI')", priority: 900 }, { id: 'research', priority: 100 }), weighting: EQUAL_WEIGHTS },
      applications: [
        application('fm.1', 'foundation', 60, { hours: 500, organisation: "O'Neil Labs" }),
        application('r-1', 'research', 100, { hours: 1000, organisation: 'KAIST' }),
      ],
    }),
  );
  const script = exportSlurm(allocation);
  const atKisti = (id: string) => allocation.grants.find((grant) => grant.id === id)!.placements.filter((placement) => placement.site === 'kisti').reduce((sum, placement) => sum + placement.gpus, 0);

  it('writes a QOS per tier with its priority, GPU limit and GPU-minute budget, only for Slurm sites', () => {
    const foundation = atKisti('fm.1');
    const research = atKisti('r-1');
    assert.ok(foundation > 0 && research > 0, `kisti: ${foundation}, ${research}`);
    assert.match(script, new RegExp(`set Priority=900 GrpTRES=gres/gpu=${foundation} GrpTRESMins=gres/gpu=${foundation * 500 * 60} Flags=DenyOnLimit,NoDecay Description='Sovereign models \\('\\\\''K-AI'\\\\''\\)'`));
    assert.match(script, new RegExp(`modify qos where name=research set Priority=100 GrpTRES=gres/gpu=${research} GrpTRESMins=gres/gpu=${research * 1000 * 60} `));
    assert.match(script, /^# ── cluster kisti: KISTI HPC/m);
    assert.doesNotMatch(script, /cluster cloud|Cluster=cloud/);
  });

  it('writes an account per organisation and per application with fairshare and GPU-hour limits', () => {
    const gpus = atKisti('fm.1');
    assert.match(script, /sacctmgr -i add account org-o-neil-labs Cluster=kisti Description='O'\\''Neil Labs' Organization='O'\\''Neil Labs'/);
    assert.match(script, /add account app-fm-1 Cluster=kisti Parent=org-o-neil-labs /);
    assert.match(script, new RegExp(`modify account where name=app-fm-1 cluster=kisti set Fairshare=${gpus} GrpTRES=gres/gpu=${gpus} GrpTRESMins=gres/gpu=${gpus * 500 * 60} QOS=foundation DefaultQOS=foundation`));
    // Every add is followed by a modify, so a re-run updates instead of failing.
    assert.equal((script.match(/add qos/g) ?? []).length, (script.match(/modify qos/g) ?? []).length);
  });

  it('says so when no site runs Slurm', () => {
    const none = exportSlurm(allocate(build({ sites: [site('cloud', 10)], policy: { tiers: tiers('t') }, applications: [application('a', 't', 1)] })));
    assert.match(none, /No site in the sites file has `scheduler: slurm`/);
    assert.doesNotMatch(none, /sacctmgr -i/);
  });
});
