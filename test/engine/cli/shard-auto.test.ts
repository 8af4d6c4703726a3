// `run --shard auto` and `merge` as docs/scale-out.md ships them: the commands are read from the
// example files in docs/scale-out/ (the Kubernetes Indexed Job and merge Job, the Slurm array and merge
// scripts, the AWS Batch job definitions), so the docs and this test cannot drift. Each is run for every
// index with that batch system's variables set, the parts are merged with the documented merge step,
// and the result equals the single-machine run byte for byte apart from `run`. Only the run's size
// changes (3 shards of 6144 trials, 3 ranges of 2048, instead of 12 of 1 000 000), and the volumes'
// mount paths become folders of a temporary directory. Then every way --shard auto can be wrong:
// exit 2, one line naming the variable and what was expected, no stack, no file written.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { autoShard, shardOut } from '../../../engine/cli/shard-auto.js';
import { REPO, runCli, stackProblem, type CliResult } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';

const EXAMPLES = join(REPO, 'docs/scale-out');
const SCENARIO = join(REPO, 'scenarios/eu-electronics-inbound.json');
const SHARDS = 3;
const TRIALS = '6144';

/** Every variable --shard auto reads or mentions: cleared in each child unless a case sets it. */
const SCHEDULER_VARS = [
  'JOB_COMPLETION_INDEX',
  'SLURM_ARRAY_TASK_ID',
  'SLURM_ARRAY_TASK_MIN',
  'SLURM_ARRAY_TASK_MAX',
  'SLURM_ARRAY_TASK_COUNT',
  'SLURM_ARRAY_TASK_STEP',
  'SLURM_JOB_ID',
  'SLURM_CPUS_PER_TASK',
  'AWS_BATCH_JOB_ARRAY_INDEX',
  'AWS_BATCH_JOB_ARRAY_SIZE',
  'AWS_BATCH_JOB_ID',
];
const cleared = (): NodeJS.ProcessEnv => Object.fromEntries(SCHEDULER_VARS.map((v) => [v, undefined]));

let root: string;
/** A folder holding `chainward`, a script starting the CLI as the tests do: put first on PATH. */
let shimDir: string;

function show(r: CliResult): string {
  return `chainward ${r.args.join(' ')}\n--- status ${r.status} --- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;
}

/** Runs a command (a documented script or `sh -c`) with `chainward` on PATH, in `cwd`. */
function runScript(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...cleared(), ...env, PATH: `${shimDir}${delimiter}${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ args: [command, ...args], status, signal, stdout, stderr }));
  });
}

/** Results JSON without `run` (workers, wall time), as merge and a single run must agree on. */
function stable(file: string): string {
  const { run: _run, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The value after `option` in `args`, which must be there once. */
function valueOf(args: readonly string[], option: string): string {
  const at = args.indexOf(option);
  expect(at, `${option} in ${args.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(args.lastIndexOf(option)).toBe(at);
  return args[at + 1]!;
}

/** `args` with the value after each option replaced (each option must be there). */
function withValues(args: readonly string[], values: Record<string, string>): string[] {
  const out = [...args];
  for (const [option, v] of Object.entries(values)) {
    valueOf(out, option);
    out[out.indexOf(option) + 1] = v;
  }
  return out;
}

/** Each argument with a mount path at its start moved to the folder that stands for it. */
function mapPaths(args: readonly string[], mounts: Record<string, string>): string[] {
  return args.map((a) => {
    for (const [path, dir] of Object.entries(mounts)) if (a === path || a.startsWith(`${path}/`)) return dir + a.slice(path.length);
    return a;
  });
}

/** The single-machine run of the same documented command: no --shard, --shards or --out; JSON. */
const references = new Map<string, Promise<string>>();
function singleRun(shardArgs: readonly string[]): Promise<string> {
  const args: string[] = [];
  for (let i = 0; i < shardArgs.length; i++) {
    if (['--shard', '--shards', '--out', '--workers'].includes(shardArgs[i]!)) i++;
    else args.push(shardArgs[i]!);
  }
  const key = args.join('\0');
  let ref = references.get(key);
  if (!ref) {
    const out = join(root, `single-${references.size}.json`);
    ref = runCli([...args, '--format', 'json', '--out', out, '--quiet'], 120_000, cleared()).then((r) => {
      if (r.status !== 0) throw new Error(`the single-machine run failed:\n${show(r)}`);
      return stable(out);
    });
    references.set(key, ref);
  }
  return ref;
}

/** A folder for one example's volumes, with the scenario where its input volume is. */
function volumes(name: string, mounts: string[], scenarioAt?: string): Record<string, string> {
  const base = join(root, name);
  const map: Record<string, string> = {};
  for (const m of mounts) mkdirSync((map[m] = join(base, m.replace(/^\//, '').replaceAll('/', '_'))), { recursive: true });
  if (scenarioAt) copyFileSync(SCENARIO, mapPaths([scenarioAt], map)[0]!);
  return map;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'chainward-shard-auto-'));
  shimDir = join(root, 'bin');
  mkdirSync(shimDir);
  const entry = inject('chainwardCli') || join(REPO, 'bin/chainward.js');
  writeFileSync(join(shimDir, 'chainward'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(entry)} "$@"\n`);
  chmodSync(join(shimDir, 'chainward'), 0o755);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface K8sContainer {
  args: string[];
  volumeMounts: Array<{ mountPath: string }>;
}
interface K8sJob {
  kind: string;
  spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { containers: K8sContainer[] } } };
}

function k8sJobs(file: string): K8sJob[] {
  const docs = parseAllDocuments(readFileSync(join(EXAMPLES, file), 'utf8')).map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS() as K8sJob;
  });
  return docs.filter((d) => d.kind === 'Job');
}

interface BatchJobDefinition {
  containerProperties: { command: string[]; mountPoints: Array<{ containerPath: string }> };
}
const batchDefinition = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as BatchJobDefinition;

describe('the documented entrypoints, every index, merged', () => {
  it('Kubernetes: the Indexed Job (JOB_COMPLETION_INDEX 0–2, --shards) and the merge Job give the single-machine result', async () => {
    const [shards] = k8sJobs('k8s-indexed-job.yaml');
    expect(shards?.spec.completionMode).toBe('Indexed');
    const container = shards!.spec.template.spec.containers[0]!;
    // the manifest's count in its three places agrees
    const count = Number(valueOf(container.args, '--shards'));
    expect(shards!.spec.completions).toBe(count);
    expect(shards!.spec.parallelism).toBe(count);
    expect(valueOf(container.args, '--shard')).toBe('auto');
    expect(valueOf(container.args, '--out')).toMatch(/\{shard\}/);

    const mounts = volumes('k8s', container.volumeMounts.map((m) => m.mountPath), container.args[1]);
    const args = mapPaths(withValues(container.args, { '--trials': TRIALS, '--shards': String(SHARDS), '--workers': '1' }), mounts);
    const runs = await Promise.all(Array.from({ length: SHARDS }, (_, i) => runCli(args, 120_000, { ...cleared(), JOB_COMPLETION_INDEX: String(i) })));
    runs.forEach((r, i) => {
      expect(r.status, show(r)).toBe(0);
      expect(r.stderr).toContain(`--shard auto: shard ${i + 1}/${SHARDS} from JOB_COMPLETION_INDEX=${i} (Kubernetes Indexed Job)`);
    });
    const parts = mounts['/parts']!;
    expect(readdirSync(parts).sort()).toEqual(['part-1.json', 'part-2.json', 'part-3.json']);

    const [merge] = k8sJobs('k8s-merge-job.yaml');
    const mc = merge!.spec.template.spec.containers[0]!;
    const mergeMounts = Object.fromEntries(mc.volumeMounts.map((m) => [m.mountPath, mounts[m.mountPath]!]));
    const merged = await runCli(mapPaths(mc.args, mergeMounts), 120_000, cleared());
    expect(merged.status, show(merged)).toBe(0);
    const results = mapPaths([valueOf(mc.args, '--out')], mergeMounts)[0]!;
    expect(stable(results)).toBe(await singleRun(mapPaths(withValues(container.args, { '--trials': TRIALS }), mounts)));
    // the same parts named one by one, out of order
    const again = await runCli(['merge', join(parts, 'part-3.json'), join(parts, 'part-1.json'), join(parts, 'part-2.json'), '--format', 'json', '--out', join(root, 'k8s-again.json')], 120_000, cleared());
    expect(again.status, show(again)).toBe(0);
    expect(stable(join(root, 'k8s-again.json'))).toBe(stable(results));
  });

  it('Slurm: slurm-array.sh for tasks 1–3 (and task 0 of an array from 0) and slurm-merge.sh give the single-machine result', async () => {
    const dir = join(root, 'slurm');
    mkdirSync(dir);
    copyFileSync(SCENARIO, join(dir, 'scenario.json'));
    const script = join(EXAMPLES, 'slurm-array.sh');
    expect(readFileSync(script, 'utf8')).toMatch(/^#SBATCH --array=1-\d+$/m);
    const array = { SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: String(SHARDS), SLURM_ARRAY_TASK_COUNT: String(SHARDS), SLURM_ARRAY_TASK_STEP: '1', SLURM_JOB_ID: '41', TRIALS };
    const runs = await Promise.all(Array.from({ length: SHARDS }, (_, i) => runScript('bash', [script], dir, { ...array, SLURM_ARRAY_TASK_ID: String(i + 1) })));
    runs.forEach((r, i) => {
      expect(r.status, show(r)).toBe(0);
      expect(r.stderr).toContain(`--shard auto: shard ${i + 1}/${SHARDS} from SLURM_ARRAY_TASK_ID=${i + 1} (Slurm job array)`);
    });
    expect(readdirSync(join(dir, 'parts')).sort()).toEqual(['part-1.json', 'part-2.json', 'part-3.json']);

    // an array from 0 (--array=0-2): task 0 is shard 1, the same trials as task 1 of --array=1-3
    const zero = join(root, 'slurm-zero');
    mkdirSync(zero);
    copyFileSync(SCENARIO, join(zero, 'scenario.json'));
    const z = await runScript('bash', [script], zero, { ...array, SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: String(SHARDS - 1), SLURM_ARRAY_TASK_ID: '0' });
    expect(z.status, show(z)).toBe(0);
    const fromZero = JSON.parse(readFileSync(join(zero, 'parts/part-1.json'), 'utf8')) as { shard: unknown; units: unknown };
    const fromOne = JSON.parse(readFileSync(join(dir, 'parts/part-1.json'), 'utf8')) as { shard: unknown; units: unknown };
    expect(fromZero.shard).toEqual({ index: 1, count: SHARDS });
    expect(JSON.stringify(fromZero.units)).toBe(JSON.stringify(fromOne.units));

    const merged = await runScript('bash', [join(EXAMPLES, 'slurm-merge.sh')], dir, { SLURM_JOB_ID: '42' });
    expect(merged.status, show(merged)).toBe(0);
    expect(stable(join(dir, 'results.json'))).toBe(await singleRun(['run', join(dir, 'scenario.json'), '--trials', TRIALS, '--seed', '7']));
  });

  it('AWS Batch: the shard job definition (AWS_BATCH_JOB_ARRAY_INDEX 0–2, --shards) and the merge definition give the single-machine result', async () => {
    const job = batchDefinition('aws-batch-job.json').containerProperties;
    expect(valueOf(job.command, '--shard')).toBe('auto');
    const mounts = volumes('aws', job.mountPoints.map((m) => m.containerPath), job.command[1]);
    const args = mapPaths(withValues(job.command, { '--trials': TRIALS, '--shards': String(SHARDS), '--workers': '1' }), mounts);
    const runs = await Promise.all(Array.from({ length: SHARDS }, (_, i) => runCli(args, 120_000, { ...cleared(), AWS_BATCH_JOB_ID: `abc:${i}`, AWS_BATCH_JOB_ARRAY_INDEX: String(i) })));
    runs.forEach((r, i) => {
      expect(r.status, show(r)).toBe(0);
      expect(r.stderr).toContain(`--shard auto: shard ${i + 1}/${SHARDS} from AWS_BATCH_JOB_ARRAY_INDEX=${i} (AWS Batch array job)`);
    });

    const merge = batchDefinition('aws-batch-merge.json').containerProperties;
    const mergeMounts = Object.fromEntries(merge.mountPoints.map((m) => [m.containerPath, mounts[m.containerPath]!]));
    const merged = await runCli(mapPaths(merge.command, mergeMounts), 120_000, cleared());
    expect(merged.status, show(merged)).toBe(0);
    // the seed and scenario of the documented command, the test's trial count
    const single = mapPaths(withValues(job.command, { '--trials': TRIALS }), mounts);
    expect(stable(mapPaths([valueOf(merge.command, '--out')], mergeMounts)[0]!)).toBe(await singleRun(single));
  });
});

interface ErrorCase {
  name: string;
  env: Record<string, string>;
  args: string[];
  stderrHas: Array<string | RegExp>;
}

/** The run the cases start from, small enough that a case that wrongly ran would still be quick. */
const RUN = ['run', '--trials', '4096', '--treatments', 'none', '--workers', '1', '--quiet'];
const SLURM_1_3 = { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '1' };

const ERROR_CASES: ErrorCase[] = [
  { name: 'no batch system', env: {}, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['no batch system found', 'JOB_COMPLETION_INDEX (Kubernetes Indexed Job)', 'SLURM_ARRAY_TASK_ID (Slurm job array)', 'AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job)', 'give --shard i/n'] },
  { name: 'a Slurm job that is not an array', env: { SLURM_JOB_ID: '7' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_JOB_ID is set', 'not an array', '--array=1-N'] },
  { name: 'an AWS Batch job that is not an array', env: { AWS_BATCH_JOB_ID: 'abc' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['AWS_BATCH_JOB_ID is set', 'not an array job'] },
  { name: 'two batch systems', env: { JOB_COMPLETION_INDEX: '0', ...SLURM_1_3 }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['JOB_COMPLETION_INDEX (Kubernetes Indexed Job) and SLURM_ARRAY_TASK_ID (Slurm job array) are both set', 'one batch system'] },
  { name: 'three batch systems', env: { JOB_COMPLETION_INDEX: '0', AWS_BATCH_JOB_ARRAY_INDEX: '0', ...SLURM_1_3 }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['are all set'] },
  { name: 'Kubernetes: no --shards', env: { JOB_COMPLETION_INDEX: '0' }, args: ['--shard', 'auto'], stderrHas: ['Kubernetes Indexed Job needs --shards N', "the Job's completions", 'not in the environment'] },
  { name: 'Kubernetes: index not whole', env: { JOB_COMPLETION_INDEX: '1.5' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['JOB_COMPLETION_INDEX: expected a whole number', '"1.5"'] },
  { name: 'Kubernetes: index negative', env: { JOB_COMPLETION_INDEX: '-1' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['JOB_COMPLETION_INDEX: expected a whole number', '"-1"'] },
  { name: 'Kubernetes: index empty', env: { JOB_COMPLETION_INDEX: '' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['JOB_COMPLETION_INDEX: expected a whole number', '""'] },
  { name: 'Kubernetes: index out of range', env: { JOB_COMPLETION_INDEX: '2' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['JOB_COMPLETION_INDEX is 2 but --shards is 2', 'expected 0 to 1'] },
  { name: 'Kubernetes: more shards than ranges', env: { JOB_COMPLETION_INDEX: '0' }, args: ['--shard', 'auto', '--shards', '3'], stderrHas: ['--shard 1/3', '4096 trials make only 2 ranges', 'at most 2 shards'] },
  { name: '--shards 0', env: { JOB_COMPLETION_INDEX: '0' }, args: ['--shard', 'auto', '--shards', '0'], stderrHas: ['--shards', 'a whole number from 1'] },
  { name: '--shards with --shard i/n', env: {}, args: ['--shard', '1/2', '--shards', '2'], stderrHas: ['--shards goes with --shard auto'] },
  { name: 'Slurm: --shards disagrees with the array', env: SLURM_1_3, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['--shards is 2 but SLURM_ARRAY_TASK_COUNT is 3'] },
  { name: 'Slurm: a step (--array=0-15:4)', env: { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '12', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_STEP: '4' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_STEP is 4', 'expected 1', '--array=1-4'] },
  // what Slurm 22.05 sets for --array=1,2,9: a step of 1 and a count short of MAX − MIN + 1
  { name: 'Slurm: a list with gaps (--array=1,2,9)', env: { SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '9', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '1' }, args: ['--shard', 'auto'], stderrHas: ['the Slurm array has gaps', '3 tasks from SLURM_ARRAY_TASK_MIN 1 to SLURM_ARRAY_TASK_MAX 9', '--array=1-3'] },
  { name: 'Slurm: id out of range', env: { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_ID is 5', 'expected 1 to 3'] },
  { name: 'Slurm: no count', env: { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_COUNT is not set', 'the number of tasks in the array'] },
  { name: 'Slurm: no min', env: { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '3' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_MIN is not set', "the array's first index"] },
  { name: 'Slurm: id not whole', env: { ...SLURM_1_3, SLURM_ARRAY_TASK_ID: 'two' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_ID: expected a whole number', '"two"'] },
  { name: 'Slurm: step not whole', env: { ...SLURM_1_3, SLURM_ARRAY_TASK_STEP: '1.0' }, args: ['--shard', 'auto'], stderrHas: ['SLURM_ARRAY_TASK_STEP: expected a whole number', '"1.0"'] },
  { name: 'AWS Batch: no --shards', env: { AWS_BATCH_JOB_ARRAY_INDEX: '0' }, args: ['--shard', 'auto'], stderrHas: ['AWS Batch array job needs --shards N', "the array job's size"] },
  { name: 'AWS Batch: index out of range', env: { AWS_BATCH_JOB_ARRAY_INDEX: '7' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['AWS_BATCH_JOB_ARRAY_INDEX is 7 but --shards is 2', 'expected 0 to 1'] },
  { name: 'AWS Batch: --shards disagrees with the size', env: { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, args: ['--shard', 'auto', '--shards', '2'], stderrHas: ['--shards is 2 but AWS_BATCH_JOB_ARRAY_SIZE is 3'] },
  { name: 'AWS Batch: index beyond the size', env: { AWS_BATCH_JOB_ARRAY_INDEX: '3', AWS_BATCH_JOB_ARRAY_SIZE: '3' }, args: ['--shard', 'auto'], stderrHas: ['AWS_BATCH_JOB_ARRAY_INDEX is 3 but AWS_BATCH_JOB_ARRAY_SIZE is 3', 'expected 0 to 2'] },
  { name: 'AWS Batch: size not whole', env: { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: 'ten' }, args: ['--shard', 'auto'], stderrHas: ['AWS_BATCH_JOB_ARRAY_SIZE: expected a whole number', '"ten"'] },
  { name: '{shard} without --shard', env: {}, args: [], stderrHas: ['{shard} stands for the shard', 'needs --shard i/n or --shard auto'] },
  { name: '--shard neither i/n nor auto', env: {}, args: ['--shard', 'automatic'], stderrHas: ['--shard: expected i/n', 'or auto', '"automatic"'] },
];

describe('--shard auto refuses what it cannot trust (exit 2, one line, nothing written)', () => {
  const results = new Map<string, { r: CliResult; dir: string }>();
  beforeAll(async () => {
    // in-process, one case at a time: the environment is this process's own while the case runs
    for (const [k, c] of ERROR_CASES.entries()) {
      const dir = join(root, `error-${k}`);
      mkdirSync(dir);
      const saved = { ...process.env };
      for (const v of SCHEDULER_VARS) delete process.env[v];
      Object.assign(process.env, c.env);
      try {
        results.set(c.name, { r: await runMain([...RUN, ...c.args, '--out', join(dir, 'part-{shard}.json')]), dir });
      } finally {
        for (const v of SCHEDULER_VARS) delete process.env[v];
        Object.assign(process.env, saved);
      }
    }
  });

  it.each(ERROR_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { r, dir } = results.get(c.name)!;
    expect(r.status, show(r)).toBe(2);
    for (const s of c.stderrHas) expect(r.stderr).toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
    expect(r.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(stackProblem(r.stderr)).toBeUndefined();
    expect(readdirSync(dir), 'nothing written').toEqual([]);
  });

  it('merge: a folder without parts is refused, naming it', async () => {
    const empty = join(root, 'no-parts');
    mkdirSync(empty);
    const r = await runMain(['merge', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${empty}: a folder with no .json files`);
    expect(stackProblem(r.stderr)).toBeUndefined();
  });
});

describe('the shard from the environment and the part file name', () => {
  it('maps each batch system to a 1-based shard', () => {
    expect(autoShard({ JOB_COMPLETION_INDEX: '0' }, 12)).toEqual({ index: 1, count: 12, source: 'JOB_COMPLETION_INDEX=0 (Kubernetes Indexed Job)' });
    expect(autoShard({ JOB_COMPLETION_INDEX: '11' }, 12)).toMatchObject({ index: 12, count: 12 });
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '16' }, undefined)).toMatchObject({ index: 1, count: 16 });
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '16', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '16', SLURM_ARRAY_TASK_COUNT: '16', SLURM_ARRAY_TASK_STEP: '1' }, 16)).toMatchObject({ index: 16, count: 16 });
    // an array that does not start at 0 or 1 (--array=5-7) is still consecutive
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3' }, undefined)).toMatchObject({ index: 2, count: 3 });
    expect(autoShard({ AWS_BATCH_JOB_ARRAY_INDEX: '4', AWS_BATCH_JOB_ARRAY_SIZE: '5' }, undefined)).toMatchObject({ index: 5, count: 5 });
    expect(autoShard({ AWS_BATCH_JOB_ARRAY_INDEX: '4' }, 5)).toMatchObject({ index: 5, count: 5 });
  });

  it('{shard} is the 1-based index zero-padded to the width of the count, so a glob lists parts in order', () => {
    expect(shardOut('/parts/part-{shard}.json', { index: 3, count: 12 })).toBe('/parts/part-03.json');
    expect(shardOut('part-{shard}.json', { index: 3, count: 9 })).toBe('part-3.json');
    expect(shardOut('p{shard}/part-{shard}.json', { index: 7, count: 100 })).toBe('p007/part-007.json');
    expect(shardOut('results.json', undefined)).toBe('results.json');
    expect(shardOut(undefined, { index: 1, count: 2 })).toBeUndefined();
    const names = Array.from({ length: 12 }, (_, i) => shardOut('part-{shard}.json', { index: i + 1, count: 12 }) as string);
    expect([...names].sort()).toEqual(names);
  });

  it('the output file is exactly the expanded name', async () => {
    const dir = join(root, 'padded');
    mkdirSync(dir);
    const r = await runCli(['run', '--trials', '4096', '--treatments', 'none', '--workers', '1', '--shard', 'auto', '--shards', '2', '--out', join(dir, 'part-{shard}.json')], 120_000, { ...cleared(), AWS_BATCH_JOB_ARRAY_INDEX: '1' });
    expect(r.status, show(r)).toBe(0);
    expect(readdirSync(dir)).toEqual(['part-2.json']);
    expect(existsSync(join(dir, 'part-{shard}.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'part-2.json'), 'utf8')).shard).toEqual({ index: 2, count: 2 });
  });
});
