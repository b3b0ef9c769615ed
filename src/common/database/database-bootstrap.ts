import { Client } from 'pg';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ConfigError } from 'src/config/app-config';
import { ALL_MIGRATIONS } from 'migrations/index';

/** Names the cause of a connection failure in one line: the code pg gives, else its message. */
function describeConnectionError(error: unknown): string {
  const err = error as { code?: string; message?: string };
  return [err.code, err.message].filter(Boolean).join(' ') || String(error);
}

function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** `npm start` must work on a fresh machine, so the database is created when it is missing; true when it was. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  const client = new Client({ connectionString: maintenanceUrl(databaseUrl), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(databaseUrl);
    throw new ConfigError('DATABASE_URL', `cannot connect to PostgreSQL at ${hostname}:${port || 5432} (${describeConnectionError(error)})`);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    throw new ConfigError('DATABASE_URL', `cannot create database "${name}" (${describeConnectionError(error)})`);
  } finally {
    await client.end();
  }
}

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'trackflow_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 20 },
  };
}

export async function runPendingMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The application's own connection; migrations are run before it opens. Each feature module
 * registers its entities with TypeOrmModule.forFeature, so the platform lists none.
 */
export function typeOrmModuleOptions(databaseUrl: string): TypeOrmModuleOptions {
  return { type: 'postgres', url: databaseUrl, autoLoadEntities: true, synchronize: false, migrationsRun: false, extra: { max: 20 } };
}
