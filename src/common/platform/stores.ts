import type { INestApplicationContext } from '@nestjs/common';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { RegisteredQueues } from 'src/common/queue/registered-queues.service';
import { createRedisClient } from 'src/common/redis/redis-clients';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig, ConfigError } from 'src/config/app-config';

/** What preparing the stores did to the database, for the start banner and `trackflow migrate`. */
export type StoresReport = { databaseCreated: boolean; migrationsApplied: string[] };

function redisAddress(config: AppConfig): string {
  if (config.redisCluster) return `the Redis Cluster at ${config.redisCluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',')}`;
  const { hostname, port } = new URL(config.redisUrl);
  return `Redis at ${hostname}:${port || 6379}`;
}

/** Redis must answer at start: a wrong REDIS_URL should stop the process, not surface as lost clicks later. */
async function ensureRedisReachable(config: AppConfig): Promise<void> {
  const client = createRedisClient(config, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new ConfigError('REDIS_URL', `cannot connect to ${redisAddress(config)} (${(error as Error).message})`);
  } finally {
    client.disconnect();
  }
}

/**
 * The one start-up of every process, the server's and each CLI command's: the database is created
 * when missing and migrated, then Redis is checked when the process needs it. Each failure is a
 * ConfigError naming the variable.
 */
export async function prepareStores(config: AppConfig, needs: { redis: boolean }): Promise<StoresReport> {
  const databaseCreated = await ensureDatabaseExists(config.databaseUrl);
  const migrationsApplied = await runPendingMigrations(config.databaseUrl);
  if (needs.redis) await ensureRedisReachable(config);
  return { databaseCreated, migrationsApplied };
}

/**
 * Opens the Redis connections of an application that uses Redis, before its first request or job:
 * they are opened lazily otherwise (see RedisService), and a command sent on a connection still
 * opening fails fast, as does a click offered to a queue whose connection is not ready.
 */
export async function openRedis(app: INestApplicationContext): Promise<void> {
  await app.get(RedisService).connect();
  await Promise.all(app.get(RegisteredQueues).all().map((queue) => queue.client.ping()));
}
