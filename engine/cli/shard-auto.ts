// `run --shard auto`: which shard this process runs, read from the batch system that started it — a
// Kubernetes Indexed Job, a Slurm job array or an AWS Batch array job — and the `{shard}` placeholder
// of `run --out` (docs/scale-out.md). Every doubt is bad input: a value that is not a whole number, an
// index out of range, an array with gaps, two batch systems at once.
import { InputError } from '../io/errors.js';

/** A shard, 1-based: the i-th of n shares of the trial ranges. */
export interface Shard {
  index: number;
  count: number;
}

/** What `--shard auto` found: the shard and where it came from, for the log line. */
export interface AutoShard extends Shard {
  /** `JOB_COMPLETION_INDEX=2 (Kubernetes Indexed Job)`. */
  source: string;
}

/** The environment variables --shard auto reads (a fixed list: no lookup by text from outside). */
type Variable =
  | 'JOB_COMPLETION_INDEX'
  | 'SLURM_ARRAY_TASK_ID'
  | 'SLURM_ARRAY_TASK_MIN'
  | 'SLURM_ARRAY_TASK_MAX'
  | 'SLURM_ARRAY_TASK_COUNT'
  | 'SLURM_ARRAY_TASK_STEP'
  | 'SLURM_JOB_ID'
  | 'AWS_BATCH_JOB_ARRAY_INDEX'
  | 'AWS_BATCH_JOB_ARRAY_SIZE'
  | 'AWS_BATCH_JOB_ID';
type Env = Readonly<Partial<Record<Variable, string>>>;

interface Scheduler {
  /** The variable whose presence says this batch system started the process. */
  variable: Variable;
  name: string;
  /** Reads the shard; `shards` is --shards when given. */
  read(env: Env, shards: number | undefined): Shard;
}

const SLURM_ID = 'SLURM_ARRAY_TASK_ID' satisfies Variable;

/** A variable's value as a whole number, or a one-line error naming it and what it should hold. */
function wholeNumber(env: Env, variable: Variable, what: string): number {
  const v = env[variable];
  if (v === undefined) throw new InputError(`--shard auto: ${variable} is not set; expected ${what}`);
  if (!/^\d{1,9}$/.test(v)) throw new InputError(`--shard auto: ${variable}: expected a whole number (${what}), got ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * A 0-based index: Kubernetes keeps the count to itself, so it comes from --shards; AWS Batch gives it
 * in AWS_BATCH_JOB_ARRAY_SIZE on recent agents, and --shards, when given too, must agree with it.
 */
function zeroBased(variable: Variable, name: string, countName: string, countVariable?: Variable): Scheduler['read'] {
  return (env, shards) => {
    const i = wholeNumber(env, variable, `the 0-based index of the ${name}'s task`);
    let count = shards;
    if (countVariable !== undefined && env[countVariable] !== undefined) {
      const size = wholeNumber(env, countVariable, `the ${countName}`);
      if (shards !== undefined && shards !== size) throw new InputError(`--shard auto: --shards is ${shards} but ${countVariable} is ${size}: the ${countName} is the shard count`);
      count = size;
    }
    if (count === 0) throw new InputError(`--shard auto: ${countVariable}: expected at least 1 task, got 0`);
    if (count === undefined) throw new InputError(`--shard auto in a ${name} needs --shards N, the ${countName} (${variable} gives the index, and the count is not in the environment)`);
    if (i >= count) {
      const from = count === shards ? `--shards is ${count}` : `${countVariable} is ${count}`;
      throw new InputError(`--shard auto: ${variable} is ${i} but ${from}: expected 0 to ${count - 1} (the ${countName} must equal the shard count)`);
    }
    return { index: i + 1, count };
  };
}

/**
 * A Slurm array task: the index is SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN (arrays may start at 0
 * or 1) of SLURM_ARRAY_TASK_COUNT. An array with gaps (`--array=0-15:4`, `--array=1,2,9`) has no
 * shard for some indices: refused, by its step when Slurm gives one, else because its count is not
 * MAX − MIN + 1.
 */
function slurm(env: Env, shards: number | undefined): Shard {
  const id = wholeNumber(env, SLURM_ID, 'the array task index');
  const min = wholeNumber(env, 'SLURM_ARRAY_TASK_MIN', "the array's first index");
  const count = wholeNumber(env, 'SLURM_ARRAY_TASK_COUNT', 'the number of tasks in the array');
  if (count < 1) throw new InputError('--shard auto: SLURM_ARRAY_TASK_COUNT: expected at least 1 task, got 0');
  const step = env.SLURM_ARRAY_TASK_STEP;
  if (step !== undefined && wholeNumber(env, 'SLURM_ARRAY_TASK_STEP', "the array's index step") !== 1) {
    throw new InputError(`--shard auto: SLURM_ARRAY_TASK_STEP is ${step}: expected 1; an array with a step (--array=0-15:4) leaves shards out: submit it as --array=1-${count}`);
  }
  if (env.SLURM_ARRAY_TASK_MAX !== undefined) {
    const max = wholeNumber(env, 'SLURM_ARRAY_TASK_MAX', "the array's last index");
    if (max - min + 1 !== count) {
      throw new InputError(
        `--shard auto: the Slurm array has gaps: ${count} tasks from SLURM_ARRAY_TASK_MIN ${min} to SLURM_ARRAY_TASK_MAX ${max}; expected consecutive indices (--array=${min}-${min + count - 1})`,
      );
    }
  }
  if (id < min || id - min >= count) throw new InputError(`--shard auto: ${SLURM_ID} is ${id}: expected ${min} to ${min + count - 1} (SLURM_ARRAY_TASK_MIN ${min}, SLURM_ARRAY_TASK_COUNT ${count})`);
  if (shards !== undefined && shards !== count) throw new InputError(`--shard auto: --shards is ${shards} but SLURM_ARRAY_TASK_COUNT is ${count}: the array's size is the shard count (leave --shards out, or submit --array=1-${shards})`);
  return { index: id - min + 1, count };
}

const SCHEDULERS: readonly Scheduler[] = [
  { variable: 'JOB_COMPLETION_INDEX', name: 'Kubernetes Indexed Job', read: zeroBased('JOB_COMPLETION_INDEX', 'Kubernetes Indexed Job', "Job's completions") },
  { variable: SLURM_ID, name: 'Slurm job array', read: slurm },
  { variable: 'AWS_BATCH_JOB_ARRAY_INDEX', name: 'AWS Batch array job', read: zeroBased('AWS_BATCH_JOB_ARRAY_INDEX', 'AWS Batch array job', "array job's size", 'AWS_BATCH_JOB_ARRAY_SIZE') },
];

const named = (s: Scheduler) => `${s.variable} (${s.name})`;

/** The shard this process runs, from the environment of the batch system that started it (`env`: process.env). */
export function autoShard(env: Env, shards: number | undefined): AutoShard {
  const found = SCHEDULERS.filter((s) => env[s.variable] !== undefined);
  if (found.length > 1) throw new InputError(`--shard auto: ${found.map(named).join(' and ')} are ${found.length === 2 ? 'both' : 'all'} set; expected one batch system's variables (give --shard i/n instead)`);
  const s = found[0];
  if (!s) {
    const hint =
      env.SLURM_JOB_ID !== undefined ? ': SLURM_JOB_ID is set, but this Slurm job is not an array (sbatch --array=1-N)'
      : env.AWS_BATCH_JOB_ID !== undefined ? ': AWS_BATCH_JOB_ID is set, but this AWS Batch job is not an array job (--array-properties size=N)'
      : '; outside a batch system, give --shard i/n';
    throw new InputError(`--shard auto: no batch system found: expected ${SCHEDULERS.map(named).join(', ')} in the environment${hint}`);
  }
  const shard = s.read(env, shards);
  return { ...shard, source: `${s.variable}=${env[s.variable]!} (${s.name})` };
}

/** The placeholder `run --out` replaces with the shard's index. */
export const SHARD_PLACEHOLDER = '{shard}';

/**
 * `--out` with `{shard}` replaced by the shard's 1-based index, zero-padded to the width of the count
 * (shard 3 of 12 writes part-03.json), so that a glob lists the parts in order. `{shard}` without a
 * shard is refused rather than written as a file of that name.
 */
export function shardOut(out: string | boolean | undefined, shard: Shard | undefined): string | boolean | undefined {
  if (typeof out !== 'string' || !out.includes(SHARD_PLACEHOLDER)) return out;
  if (!shard) throw new InputError(`--out ${out}: ${SHARD_PLACEHOLDER} stands for the shard's index and needs --shard i/n or --shard auto`);
  return out.replaceAll(SHARD_PLACEHOLDER, String(shard.index).padStart(String(shard.count).length, '0'));
}
