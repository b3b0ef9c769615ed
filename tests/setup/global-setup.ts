import 'tsconfig-paths/register';
import { Client } from 'pg';
import Redis from 'ioredis';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';

/** Rebuilds the test database from the migrations alone, so every run proves they apply from scratch. */
export default async function globalSetup(): Promise<void> {
  require('./env');
  const databaseUrl = process.env.DATABASE_URL as string;
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await ensureDatabaseExists(databaseUrl);
  await runPendingMigrations(databaseUrl);
  const redis = new Redis(process.env.REDIS_URL as string);
  await redis.flushdb();
  redis.disconnect();
}
