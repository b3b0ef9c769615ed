import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { loadConfig } from 'src/config/app-config';
import { entryPoint } from 'bench/support/processes';

const SERVER_SCRIPT = join(__dirname, '..', '..', 'src', 'main.js');

/** Forks a script and resolves once it sends an IPC message or prints `readyLine`. */
export function startChild(script: string, env: Record<string, string>, readyLine?: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_PROFILE_DIR writes a CPU profile of every server process, to find where a run's time goes.
    const execArgv = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.on('message', () => resolve(child));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (readyLine?.test(chunk.toString())) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function startServer(env: Record<string, string>): Promise<ChildProcess> {
  return startChild(SERVER_SCRIPT, env, /TrackFlow is running at/);
}

/** A benchmark starts from an empty database (created again by the server) and an empty Redis database. */
export async function resetStores(databaseUrl: string, redisUrl: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  redis.disconnect();
}

/** A workspace and an API key through the real CLI; returns the plaintext key. */
export function createApiKey(env: Record<string, string>, workspace = 'bench'): string {
  const cli = entryPoint('src/cli/main');
  const output = execFileSync(process.execPath, [...cli.execArgv, cli.script, 'api-key:create', '--workspace', workspace, '--name', 'bench'], { env: { ...process.env, ...env } });
  return output.toString().trim().split('\n').pop() as string;
}

export async function graphql<T>(baseUrl: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`GraphQL answered ${response.status} ${text.slice(0, 300)}`);
  }
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Waits until a Bull queue of the servers started with `env` holds no waiting, active or delayed job. */
export async function drainQueue(env: Record<string, string>, queue: string): Promise<void> {
  const { redisUrl, redisPrefix } = loadConfig(env);
  const redis = new Redis(redisUrl);
  try {
    for (;;) {
      const [waiting, active, delayed] = await Promise.all([
        redis.llen(`${redisPrefix}:${queue}:wait`),
        redis.llen(`${redisPrefix}:${queue}:active`),
        redis.zcard(`${redisPrefix}:${queue}:delayed`),
      ]);
      if (waiting + active + delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    redis.disconnect();
  }
}

export async function countRows(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(sql, params);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

/**
 * What a table takes on disk per million of its rows, indexes and TOAST included and, when it is
 * partitioned, summed over its partitions: the storage figure of the capacity model.
 */
export async function bytesPerMillionRows(databaseUrl: string, table: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string; count: string }>(
      `SELECT (SELECT coalesce(sum(pg_total_relation_size(relid)), pg_total_relation_size($1::regclass)) FROM pg_partition_tree($1::regclass)) AS bytes, (SELECT count(*) FROM ${table}) AS count`,
      [table],
    );
    const count = Number(rows[0].count);
    return count === 0 ? 0 : Math.round((Number(rows[0].bytes) / count) * 1_000_000);
  } finally {
    await client.end();
  }
}

