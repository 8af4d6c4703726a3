// docs/scale-out/slurm-array.sh and slurm-merge.sh on a real Slurm cluster: one node on this machine
// (munged, slurmctld and slurmd, as root, everything in a temporary folder on ports found free), the
// array submitted with sbatch exactly as docs/scale-out.md says, the merge submitted with
// --dependency=afterok on it, and its results.json compared with the single-machine run (the same
// bytes apart from `run`). Skipped, saying so, only where Slurm is not installed
// (apt-get install slurm-wlm munge).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'docs/scale-out');
const SCENARIO = join(ROOT, 'scenarios/eu-electronics-inbound.json');
const SHARDS = 3;
const TRIALS = '6144';
const run = promisify(execFile);

/** A program's path from PATH and the sbin folders (root's daemons live there), or undefined. */
function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

const SLURMCTLD = which('slurmctld');
if (!SLURMCTLD) console.warn('test/e2e/slurm.e2e.ts: skipped: slurmctld is not installed (apt-get install slurm-wlm munge)');

/** A TCP port free on 127.0.0.1 just now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a daemon that forks into the background, and waits for its first process to exit: its
 * standard streams are not piped, so the daemon that keeps them open cannot hold the test up.
 */
function startDaemon(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`))));
  });
}

describe.skipIf(!SLURMCTLD)('Slurm: the documented array and merge on a one-node cluster', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const pidFiles: string[] = [];
  /** The daemons' logs, shown when something fails. */
  const logs = () =>
    ['munged.log', 'slurmctld.log', 'slurmd.log']
      .map((f) => join(dir, 'log', f))
      .filter(existsSync)
      .map((f) => `--- ${f} ---\n${readFileSync(f, 'utf8').split('\n').slice(-30).join('\n')}`)
      .join('\n');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainward-slurm-'));
    for (const d of ['munge', 'state', 'spool', 'log', 'work', 'bin']) mkdirSync(join(dir, d));
    chmodSync(join(dir, 'munge'), 0o700);
    const key = join(dir, 'munge', 'munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o400 });
    const socket = join(dir, 'munge', 'munge.sock');
    const munged = which('munged');
    if (!munged) throw new Error('slurmctld is installed but munged is not: apt-get install munge');
    const mungePid = join(dir, 'munge', 'munged.pid');
    pidFiles.push(mungePid);
    // munged forks into the background once its socket is ready
    await startDaemon(munged, ['--force', `--socket=${socket}`, `--key-file=${key}`, `--log-file=${join(dir, 'log', 'munged.log')}`, `--pid-file=${mungePid}`, `--seed-file=${join(dir, 'munge', 'munged.seed')}`]);

    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        'ClusterName=chainward',
        'SlurmctldHost=localhost(127.0.0.1)',
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        // no cgroups: processes tracked by their parents, no task containment
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/none',
        'MpiDefault=none',
        'SchedulerType=sched/backfill',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core_Memory',
        'ReturnToService=2',
        'MinJobAge=600',
        `NodeName=chainward-node NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=${availableParallelism()} RealMemory=${Math.floor((totalmem() / 2 ** 20) * 0.9)} State=UNKNOWN`,
        'PartitionName=batch Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    pidFiles.push(join(dir, 'slurmctld.pid'), join(dir, 'slurmd.pid'));
    await startDaemon(SLURMCTLD!, ['-f', conf]).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${logs()}`)));
    await startDaemon(which('slurmd')!, ['-f', conf, '-N', 'chainward-node']).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${logs()}`)));

    // `chainward` on the jobs' PATH (sbatch passes the submitting environment on)
    writeFileSync(join(dir, 'bin', 'chainward'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin/chainward.js'))} "$@"\n`, { mode: 0o755 });
    env = { ...process.env, SLURM_CONF: conf, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`, TRIALS, NO_COLOR: '1' };
    for (const v of Object.keys(env)) if (v.startsWith('SLURM_') && v !== 'SLURM_CONF') delete env[v];

    // the node is up when sinfo says idle
    const until = Date.now() + 60_000;
    let state = '';
    while (Date.now() < until) {
      state = (await run('sinfo', ['-h', '-o', '%T'], { env }).catch((e: { stderr?: string }) => ({ stdout: e.stderr ?? '' }))).stdout.trim();
      if (state === 'idle') break;
      await sleep(500);
    }
    if (state !== 'idle') throw new Error(`the Slurm node did not come up (sinfo: ${JSON.stringify(state)})\n${logs()}`);
  }, 120_000);

  afterAll(async () => {
    for (const f of pidFiles.reverse()) {
      const pid = existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : NaN;
      if (Number.isInteger(pid) && pid > 1) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await sleep(1000);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sbatch slurm-array.sh, then slurm-merge.sh after it: results.json is the single-machine result', async () => {
    const work = join(dir, 'work');
    copyFileSync(SCENARIO, join(work, 'scenario.json'));
    // the documented submission, at the test's size (3 tasks, one CPU each, so two run at once)
    const array = await run('sbatch', ['--parsable', `--array=1-${SHARDS}`, '--cpus-per-task=1', join(EXAMPLES, 'slurm-array.sh')], { env, cwd: work });
    const jobId = array.stdout.trim().split(';')[0]!;
    expect(jobId).toMatch(/^\d+$/);
    const merge = await run('sbatch', ['--parsable', `--dependency=afterok:${jobId}`, join(EXAMPLES, 'slurm-merge.sh')], { env, cwd: work });
    const mergeId = merge.stdout.trim().split(';')[0]!;
    // the merge's state until it ends (sbatch --wait polls every few seconds, and more slowly as it goes)
    let state = '';
    for (const until = Date.now() + 240_000; Date.now() < until; await sleep(300)) {
      const shown = await run('scontrol', ['show', 'job', '-o', mergeId], { env });
      state = /JobState=(\S+)/.exec(shown.stdout)?.[1] ?? '';
      // a failed array task leaves the merge waiting on a dependency that can no longer be met
      if (/Reason=DependencyNeverSatisfied/.test(shown.stdout)) state = 'waiting on an array task that failed';
      if (!['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', ''].includes(state)) break;
    }
    if (state !== 'COMPLETED') {
      const jobLogs = readdirSync(work)
        .filter((f) => f.endsWith('.log'))
        .map((f) => `--- ${f} ---\n${readFileSync(join(work, f), 'utf8')}`)
        .join('\n');
      throw new Error(`the merge job ${mergeId} ended ${state || 'not at all'}\n${jobLogs}\n${logs()}`);
    }

    // every task wrote its part and logged the shard it ran
    expect(readdirSync(join(work, 'parts')).sort()).toEqual(['part-1.json', 'part-2.json', 'part-3.json']);
    for (let i = 1; i <= SHARDS; i++) {
      expect(readFileSync(join(work, `chainward-shard-${jobId}_${i}.log`), 'utf8')).toContain(`--shard auto: shard ${i}/${SHARDS} from SLURM_ARRAY_TASK_ID=${i} (Slurm job array)`);
    }
    expect(readFileSync(join(work, `chainward-merge-${mergeId}.log`), 'utf8')).toContain('wrote results.json');

    // the script's own seed: what a single machine runs with the same settings
    const seed = /^SEED=\$\{SEED:-(\d+)\}$/m.exec(readFileSync(join(EXAMPLES, 'slurm-array.sh'), 'utf8'))?.[1];
    expect(seed).toBeDefined();
    const single = join(dir, 'single.json');
    execFileSync(process.execPath, [join(ROOT, 'bin/chainward.js'), 'run', join(work, 'scenario.json'), '--trials', TRIALS, '--seed', seed!, '--format', 'json', '--out', single, '--quiet'], { env });
    const stable = (f: string) => {
      const { run: _run, ...rest } = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    expect(stable(join(work, 'results.json'))).toBe(stable(single));
    expect(JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')).trials).toBe(Number(TRIALS));
  }, 300_000);
});
