import Redis from 'ioredis';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { AppConfig, ConfigError } from 'src/config/app-config';

/** What preparing the stores did to the database, for the start banner and `trackflow migrate`. */
export type StoresReport = { databaseCreated: boolean; migrationsApplied: string[] };

/** Redis must answer at start: a wrong REDIS_URL should stop the process, not surface as lost clicks later. */
async function ensureRedisReachable(config: AppConfig): Promise<void> {
  const client = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const { hostname, port } = new URL(config.redisUrl);
    throw new ConfigError('REDIS_URL', `cannot connect to Redis at ${hostname}:${port || 6379} (${(error as Error).message})`);
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
