/** Every test process talks to its own database and Redis logical database, never to a dev server's. */
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trackflow_test';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
process.env.PUBLIC_BASE_URL = 'http://localhost:3300';
process.env.CLICK_JOURNAL_DIR = process.env.CLICK_JOURNAL_DIR ?? `${require('os').tmpdir()}/trackflow-test-journal-${process.pid}`;
// Short locks so a killed worker's job is taken over within seconds in the exactly-once tests.
process.env.QUEUE_LOCK_MS = process.env.QUEUE_LOCK_MS ?? '1500';
// A fixed key for sealing Twenty credentials in tests; production keys come from the environment only.
process.env.TRACKFLOW_SECRET_KEY = process.env.TRACKFLOW_SECRET_KEY ?? '5f'.repeat(32);
// Repeatable jobs stay off unless a spec turns them on: a rollup or retention run in the middle of another spec would race it.
process.env.ANALYTICS_ROLLUP_CRON = process.env.ANALYTICS_ROLLUP_CRON ?? 'off';
process.env.ANALYTICS_CAMPAIGN_REFRESH_CRON = process.env.ANALYTICS_CAMPAIGN_REFRESH_CRON ?? 'off';
process.env.RETENTION_CRON = process.env.RETENTION_CRON ?? 'off';
process.env.EXPORT_CRON = process.env.EXPORT_CRON ?? 'off';
process.env.PARTITION_MAINTENANCE_CRON = process.env.PARTITION_MAINTENANCE_CRON ?? 'off';
process.env.PARTITION_ANALYZE_CRON = process.env.PARTITION_ANALYZE_CRON ?? 'off';
process.env.TWENTY_SYNC_INTERVAL_SECONDS = process.env.TWENTY_SYNC_INTERVAL_SECONDS ?? '0';
