// A one-node Slurm cluster for the fleet test (shared/SLURM.md): Debian's slurm-wlm and munge,
// installed when missing; munged, slurmctld and slurmd started in the foreground with their pids
// kept, a private slurm.conf (SLURM_CONF) with this machine's hostname and CPUs, its own ports and
// state folders; stop() ends exactly the processes start() began.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, chownSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';

const MUNGE_SOCKET = '/run/munge/munge.socket.2';

export interface Cluster {
  /** Environment for sinfo/sbatch (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  /** What this run started, by name → pid. */
  started: Record<string, number>;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 600_000 });
}

/** slurm-wlm and munge from Debian, when they are not installed yet (the test runs as root). */
export function ensurePackages(log: (s: string) => void): void {
  if (existsSync('/usr/sbin/slurmctld') && existsSync('/usr/sbin/slurmd') && existsSync('/usr/sbin/munged')) return;
  if (process.getuid?.() !== 0) throw new Error('the Slurm test installs slurm-wlm and munge with apt-get: run it as root');
  log('installing slurm-wlm and munge from Debian…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'slurm-wlm', 'munge']]) {
    const r = run('apt-get', args, env);
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  }
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const mungeWorks = () => existsSync(MUNGE_SOCKET) && run('munge', ['-n']).status === 0;

export async function startCluster(dir: string, log: (s: string) => void): Promise<Cluster> {
  ensurePackages(log);
  const children: Array<{ name: string; child: ChildProcess }> = [];
  const started: Record<string, number> = {};
  const daemon = (name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { tail = (tail + d).slice(-4000); });
    child.on('exit', (code, signal) => { if (started[name]) log(`${name} (pid ${child.pid}) exited: ${signal ?? code}${tail ? `\n${tail}` : ''}`); });
    children.push({ name, child });
    started[name] = child.pid!;
    return child;
  };
  const stop = async () => {
    // exactly the pids started here, newest first (slurmd, slurmctld, then munged)
    for (const { name, child } of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      delete started[name];
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    // munge: reuse a running daemon, else start one as the munge user (key made if missing)
    if (!mungeWorks()) {
      if (!existsSync('/etc/munge/munge.key')) {
        writeFileSync('/etc/munge/munge.key', randomBytes(1024), { mode: 0o400 });
        chownSync('/etc/munge/munge.key', uid('munge'), gid('munge'));
      }
      for (const d of ['/run/munge', '/var/log/munge', '/var/lib/munge']) {
        mkdirSync(d, { recursive: true });
        chownSync(d, uid('munge'), gid('munge'));
        chmodSync(d, 0o755);
      }
      daemon('munged', '/usr/bin/setpriv', ['--reuid=munge', '--regid=munge', '--init-groups', '/usr/sbin/munged', '-F'], process.env);
      await until('munged', mungeWorks, 30_000);
    }

    const host = hostname().split('.')[0];
    const memMb = Math.floor(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) / 1024) - 512;
    for (const d of ['state', 'spool']) mkdirSync(join(dir, d), { recursive: true });
    const conf = join(dir, 'slurm.conf');
    writeFileSync(conf, [
      'ClusterName=leaklenstest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      'SlurmctldPort=27817',
      'SlurmdPort=27818',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'MpiDefault=none',
      'SlurmUser=root',
      'SlurmdUser=root',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'ReturnToService=2',
      'MaxArraySize=1001',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus().length} RealMemory=${memMb} State=UNKNOWN`,
      `PartitionName=fleet Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'));
    const env = { ...process.env, SLURM_CONF: conf };
    daemon('slurmctld', '/usr/sbin/slurmctld', ['-D', '-f', conf], env);
    daemon('slurmd', '/usr/sbin/slurmd', ['-D', '-f', conf], env);
    await until('the node to be idle', () => /^idle/m.test(run('sinfo', ['-h', '-o', '%T'], env).stdout ?? ''), 90_000);
    return { env, started, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function uid(user: string): number {
  return Number(run('id', ['-u', user]).stdout.trim());
}
function gid(user: string): number {
  return Number(run('id', ['-g', user]).stdout.trim());
}
