import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { waitUntil } from 'bench/support/polling';

const run = promisify(execFile);

/** A PostgreSQL primary of a test's own with a streaming replica, in a temporary directory; never the machine's shared server. */
export type PrimaryWithReplica = {
  primaryUrl: string;
  replicaUrl: string;
  /** The primary's postmaster, for a test that kills it. */
  primaryPid(): number;
  /**
   * Freezes the primary for `ms` as a stalled machine or disk does: SIGSTOP to the postmaster (so
   * it forks nothing new), then to every process it forked; SIGCONT after. Open connections hang
   * mid-query and new ones wait in the kernel's accept queue; nothing is refused or reset.
   */
  pausePrimary(ms: number): Promise<void>;
  /** Stops the replica (fast shutdown); its data stays, so startReplica resumes streaming where it stopped. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Resolves once the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops both clusters and deletes their directory; safe to call twice. */
  stop(): Promise<void>;
};

// PG_BIN_DIR when set, else the server binaries of the pg_config on the PATH.
const binDir = (): string => process.env.PG_BIN_DIR ?? execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();

// initdb and postgres refuse to run as root: as root, the clusters belong to the postgres user.
const asRoot = process.getuid?.() === 0;
const serverUser = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) });

function command(program: string, args: string[]): [string, string[]] {
  const path = join(binDir(), program);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function pg(program: string, args: string[]): Promise<void> {
  const [file, argv] = command(program, args);
  try {
    await run(file, argv, { cwd: tmpdir() });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}`);
  }
}

function pgSync(program: string, args: string[]): void {
  const [file, argv] = command(program, args);
  try {
    execFileSync(file, argv, { stdio: 'ignore', cwd: tmpdir() });
  } catch {
    // already stopped
  }
}

/**
 * Starts, on `primaryPort` and `replicaPort`, a primary (initdb, trust authentication,
 * wal_level=replica) and a hot standby streaming from it (pg_basebackup -R), creates `database` on
 * the primary and runs the migrations, then waits until the replica has replayed them. A failure
 * on the way stops what had started and deletes the directory.
 */
export async function startPrimaryWithReplica(options: { primaryPort: number; replicaPort: number; database?: string }): Promise<PrimaryWithReplica> {
  const { primaryPort, replicaPort } = options;
  const database = options.database ?? 'trackflow_replicated';
  const root = mkdtempSync(join(tmpdir(), 'trackflow-replica-'));
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (asRoot) {
    const { uid, gid } = serverUser();
    chownSync(root, uid, gid);
    chownSync(sockets, uid, gid);
  }
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const startCluster = async (dir: string) => {
    const log = join(root, `${dir === primaryDir ? 'primary' : 'replica'}.log`);
    // pg_ctl says only "could not start server"; why is in the server's log, gone with the directory once the caller cleans up.
    await pg('pg_ctl', ['-D', dir, '-l', log, '-w', '-t', '60', 'start']).catch((error: Error) => {
      const said = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n') : 'no log written';
      throw new Error(`${error.message}\n${said}`);
    });
  };
  const stopCluster = (dir: string, mode: 'fast' | 'immediate') => pg('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']);

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopNow);
    for (const dir of [replicaDir, primaryDir]) pgSync('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
    rmSync(root, { recursive: true, force: true });
  };
  // A test run that dies before stop() must not leave two servers behind.
  process.on('exit', stopNow);

  const primaryLsnReplayed = async (): Promise<boolean> => {
    const primary = new Client({ connectionString: url(primaryPort).replace(/\/[^/]*$/, '/postgres') });
    const replica = new Client({ connectionString: url(replicaPort).replace(/\/[^/]*$/, '/postgres') });
    try {
      await primary.connect();
      await replica.connect();
      const [{ lsn }] = (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows;
      const [{ replayed }] = (await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed', [lsn])).rows;
      return replayed === true;
    } finally {
      await primary.end().catch(() => undefined);
      await replica.end().catch(() => undefined);
    }
  };
  const caughtUp = () => waitUntil(primaryLsnReplayed, 'the replica to replay the primary', 60_000);

  try {
    await pg('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // fsync off: a test's clusters are thrown away, never recovered after a crash.
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${sockets}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        'hot_standby_feedback = on',
        'fsync = off',
        'shared_buffers = 32MB',
        '',
      ].join('\n'),
    );
    await startCluster(primaryDir);
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    // The copied configuration names the primary's port; the replica's own comes after it and wins.
    appendFileSync(join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
    await startCluster(replicaDir);
    await ensureDatabaseExists(url(primaryPort));
    await runPendingMigrations(url(primaryPort));
    await caughtUp();
  } catch (error) {
    stopNow();
    throw error;
  }

  const primaryPid = () => Number(readFileSync(join(primaryDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pausePrimary = async (ms: number) => {
    const postmaster = primaryPid();
    process.kill(postmaster, 'SIGSTOP');
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0);
    try {
      for (const pid of children) process.kill(pid, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      for (const pid of children) process.kill(pid, 'SIGCONT');
      process.kill(postmaster, 'SIGCONT');
    }
  };

  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    primaryPid,
    pausePrimary,
    stopReplica: () => stopCluster(replicaDir, 'fast'),
    startReplica: () => startCluster(replicaDir),
    caughtUp,
    stop: async () => {
      if (stopped) return;
      for (const dir of [replicaDir, primaryDir]) await stopCluster(dir, 'immediate').catch(() => undefined);
      stopNow();
    },
  };
}
