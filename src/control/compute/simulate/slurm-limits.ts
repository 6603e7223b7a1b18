/**
 * A small model of how Slurm enforces association limits (not a scheduler): jobs are replayed against
 * the GrpTRES of their account and every ancestor account, as slurmctld does with
 * AccountingStorageEnforce=limits. A job's typed GRES request (`gpu:h100`) counts against both the
 * typed TRES (`gres/gpu:h100`) and the untyped total (`gres/gpu`); an untyped request counts against
 * the untyped total only, which is why typed limits alone do not pin a type.
 */

/** An account association on one cluster (users inherit their account's limits). */
export interface SlurmAccount {
  cluster: string;
  account: string;
  parent: string;
  /** GrpTRES as written to sacctmgr, e.g. `gres/gpu=64,gres/gpu:h100=64`. */
  grpTres: string;
  fairshare: number;
  qos: string;
}

export interface SlurmJob {
  cluster: string;
  account: string;
  /** GRES name and count, and the type when the job asks for one. */
  gres: { name: string; type?: string; count: number };
}

export interface SlurmReplay {
  admitted: SlurmJob[];
  refused: { job: SlurmJob; account: string; tres: string; limit: number; wouldUse: number }[];
  /** Usage per cluster/account per TRES key at the end of the replay. */
  usage: Map<string, Map<string, number>>;
}

/** `gres/gpu=64,gres/gpu:h100=64` → Map. */
export function parseTres(value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of value.split(',')) {
    if (part === '') continue;
    const at = part.lastIndexOf('=');
    out.set(part.slice(0, at), Number(part.slice(at + 1)));
  }
  return out;
}

/** Replays jobs in order; a job that would exceed any limit on its account chain is refused (DenyOnLimit). */
export function replaySlurmJobs(accounts: readonly SlurmAccount[], jobs: readonly SlurmJob[]): SlurmReplay {
  const byKey = new Map(accounts.map((account) => [`${account.cluster}/${account.account}`, account]));
  const limits = new Map(accounts.map((account) => [`${account.cluster}/${account.account}`, parseTres(account.grpTres)]));
  const usage = new Map<string, Map<string, number>>();
  const replay: SlurmReplay = { admitted: [], refused: [], usage };
  for (const job of jobs) {
    const keys = [...(job.gres.type === undefined ? [] : [`gres/${job.gres.name}:${job.gres.type}`]), `gres/${job.gres.name}`];
    const chain: string[] = [];
    for (let account = byKey.get(`${job.cluster}/${job.account}`); account !== undefined; account = byKey.get(`${job.cluster}/${account.parent}`)) {
      chain.push(`${account.cluster}/${account.account}`);
    }
    let refusal: SlurmReplay['refused'][number] | undefined;
    for (const key of chain) {
      for (const tres of keys) {
        const limit = limits.get(key)!.get(tres);
        const wouldUse = (usage.get(key)?.get(tres) ?? 0) + job.gres.count;
        if (limit !== undefined && limit >= 0 && wouldUse > limit && refusal === undefined) refusal = { job, account: key, tres, limit, wouldUse };
      }
    }
    if (chain.length === 0) refusal = { job, account: `${job.cluster}/${job.account}`, tres: '(no association)', limit: 0, wouldUse: job.gres.count };
    if (refusal !== undefined) {
      replay.refused.push(refusal);
      continue;
    }
    for (const key of chain) {
      const used = usage.get(key) ?? new Map<string, number>();
      for (const tres of keys) used.set(tres, (used.get(tres) ?? 0) + job.gres.count);
      usage.set(key, used);
    }
    replay.admitted.push(job);
  }
  return replay;
}
