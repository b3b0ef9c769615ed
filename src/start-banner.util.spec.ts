import { loadConfig } from 'src/config/app-config';
import { startBanner } from 'src/start-banner.util';

describe('startBanner', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db.internal:6543/shop', REDIS_URL: 'redis://:hunter2@cache:6379/2' });

  it('says where the dashboard is, what happened to the database, whether workers run, and the Redis prefix', () => {
    const banner = startBanner(config, { databaseCreated: true, migrationsApplied: ['A1', 'B2'] }, 'http://127.0.0.1:3300');
    expect(banner.split('\n')).toEqual([
      'TrackFlow is running at http://127.0.0.1:3300',
      '  dashboard  http://127.0.0.1:3300/app (sign in with an API key: npx trackflow api-key:create --help)',
      '  GraphQL    http://127.0.0.1:3300/graphql, health http://127.0.0.1:3300/healthz',
      '  database   "shop" on db.internal:6543: created, 2 migration(s) applied',
      '  workers    on: clicks, tracker events, Twenty deliveries and scheduled jobs run in this process',
      '  Redis      queues and keys under "shop:"',
    ]);
    expect(banner).not.toMatch(/s3cret|hunter2/);
  });

  it('tells a migrated database from an up-to-date one, and workers off', () => {
    const webOnly = loadConfig({ DATABASE_URL: 'postgres://db.internal/shop', TRACKFLOW_WORKERS: 'false' });
    expect(startBanner(webOnly, { databaseCreated: false, migrationsApplied: ['A1', 'B2'] }, 'http://x')).toContain('database   "shop" on db.internal:5432: migrated, 2 new migration(s) applied (last B2)');
    expect(startBanner(webOnly, { databaseCreated: false, migrationsApplied: [] }, 'http://x')).toContain('database   "shop" on db.internal:5432: up to date');
    expect(startBanner(webOnly, { databaseCreated: false, migrationsApplied: [] }, 'http://x')).toContain('workers    off (TRACKFLOW_WORKERS=false): jobs wait in Redis for a process with workers on');
  });
});
