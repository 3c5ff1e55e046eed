// Sharding (DESIGN §5): shard I of N keeps the artifacts whose sha256 falls in it, so shards never
// overlap and their union is the whole input, whatever order or machine each task sees.
// The shard is the first 48 bits of the sha256 modulo N.

export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

/** Shards at most (a Slurm array or an Indexed Job larger than this is a mistake). */
export const MAX_SHARDS = 100_000;

export function inShard(sha256: string, shard: Shard): boolean {
  return Number.parseInt(sha256.slice(0, 12), 16) % shard.count === shard.index;
}

/** `I/N` as typed after --shard; throws an Error with one sentence. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) throw new Error(`--shard must look like I/N (0-based, e.g. 0/4), not "${text}"`);
  return checked(Number(m[1]), Number(m[2]), '--shard');
}

/**
 * The shard a Slurm array task (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT)
 * or a Kubernetes Indexed Job pod (JOB_COMPLETION_INDEX of JOB_COMPLETIONS, which the manifest
 * sets) is; undefined outside both. Throws when the variables are there but inconsistent.
 */
export function shardFromEnv(env: Record<string, string | undefined>): Shard | undefined {
  const num = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    if (!/^\d{1,9}$/.test(v)) throw new Error(`${name} must be a whole number, not "${v}"`);
    return Number(v);
  };
  const slurmId = num('SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) {
    const count = num('SLURM_ARRAY_TASK_COUNT');
    if (count === undefined) throw new Error('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (Slurm 17.11 or later sets both)');
    return checked(slurmId - (num('SLURM_ARRAY_TASK_MIN') ?? 0), count, 'SLURM_ARRAY_TASK_ID');
  }
  const k8sIndex = num('JOB_COMPLETION_INDEX');
  if (k8sIndex !== undefined) {
    const count = num('JOB_COMPLETIONS');
    if (count === undefined) throw new Error('JOB_COMPLETION_INDEX is set but JOB_COMPLETIONS is not: set it to the Job\'s spec.completions');
    return checked(k8sIndex, count, 'JOB_COMPLETION_INDEX');
  }
  return undefined;
}

function checked(index: number, count: number, what: string): Shard {
  if (count < 1 || count > MAX_SHARDS) throw new Error(`${what}: the number of shards must be between 1 and ${MAX_SHARDS}, not ${count}`);
  if (index < 0 || index >= count) throw new Error(`${what}: shard ${index} is not between 0 and ${count - 1}`);
  return { index, count };
}
