import { ConfigError, loadConfig } from 'src/config/app-config';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/trackflow',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'trackflow',
      port: 3300,
      publicBaseUrl: 'http://localhost:3300',
      runWorkers: true,
      queueLockMs: 30_000,
      attributionRefitCron: '0 3 * * *',
      attributionFitDays: 90,
      secretKey: null,
      analytics: { timeZones: ['UTC'], rollupCron: '*/5 * * * *', campaignRefreshCron: '*/15 * * * *' },
      retention: { cron: '30 4 * * *', clickEventDays: 730, visitorEventDays: 365, visitorSessionDays: 365, visitorDays: 395, apiRequestLogDays: 90, webhookDeliveryDays: 30, failedJobDays: 7 },
    });
    expect(loadConfig({ TRACKFLOW_SECRET_KEY: 'ab'.repeat(32) }).secretKey).toEqual(Buffer.alloc(32, 0xab));
  });

  it('reads the refit schedule and period, and lets the schedule be turned off', () => {
    expect(loadConfig({ ATTRIBUTION_REFIT_CRON: '*/15 2-4 * * 1,3', ATTRIBUTION_FIT_DAYS: '30' })).toMatchObject({ attributionRefitCron: '*/15 2-4 * * 1,3', attributionFitDays: 30 });
    expect(loadConfig({ ATTRIBUTION_REFIT_CRON: 'off' }).attributionRefitCron).toBeNull();
  });

  it('reads the analytics time zones (UTC always kept), job schedules and retention periods', () => {
    const config = loadConfig({ ANALYTICS_TIME_ZONES: 'Europe/Paris, America/New_York,Europe/Paris', ANALYTICS_ROLLUP_CRON: 'off', RETENTION_CLICK_EVENT_DAYS: '0', RETENTION_API_REQUEST_LOG_DAYS: '30', RETENTION_VISITOR_DAYS: '100', RETENTION_WEBHOOK_DELIVERY_DAYS: '14', RETENTION_FAILED_JOB_DAYS: '3' });
    expect(config.analytics).toEqual({ timeZones: ['UTC', 'Europe/Paris', 'America/New_York'], rollupCron: null, campaignRefreshCron: '*/15 * * * *' });
    expect(config.retention).toMatchObject({ clickEventDays: 0, apiRequestLogDays: 30, visitorDays: 100, webhookDeliveryDays: 14, failedJobDays: 3 });
  });

  it('reads from a replica only when DATABASE_REPLICA_URL names one, within 30 seconds of the primary unless told otherwise', () => {
    expect(loadConfig({}).replica).toBeNull();
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica.internal/shop' }).replica).toEqual({ url: 'postgres://replica.internal/shop', maxLagSeconds: 30 });
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica.internal/shop', DATABASE_REPLICA_MAX_LAG_SECONDS: '5' }).replica?.maxLagSeconds).toBe(5);
  });

  it('namespaces Redis by the database name unless REDIS_PREFIX names the deployment', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/shop_eu' }).redisPrefix).toBe('shop_eu');
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/shop%20eu:2' }).redisPrefix).toBe('shop_eu_2');
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/shop_eu', REDIS_PREFIX: 'acme-prod' }).redisPrefix).toBe('acme-prod');
  });

  it('reads a Redis Cluster from redis-cluster:// with its seeds and credentials', () => {
    expect(loadConfig({}).redisCluster).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis-cluster://10.0.0.1:7001,redis-b.internal:7002, [::1]:7003' }).redisCluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7001 },
        { host: 'redis-b.internal', port: 7002 },
        { host: '::1', port: 7003 },
      ],
    });
    expect(loadConfig({ REDIS_URL: 'REDIS-CLUSTER://app:s%40cret@h1:7001,h2:7002/' }).redisCluster).toEqual({ nodes: [{ host: 'h1', port: 7001 }, { host: 'h2', port: 7002 }], username: 'app', password: 's@cret' });
    expect(loadConfig({ REDIS_URL: 'redis-cluster://:pw@h1:7001' }).redisCluster).toMatchObject({ username: undefined, password: 'pw' });
  });

  it.each(['redis-cluster://h1:7001,h2', 'redis-cluster://h1:7001/3', 'redis-cluster://h1:70000', 'redis-cluster://', 'redis-cluster://user:pw@h1:7001,,h2:7002'])('refuses the cluster URL %s, naming REDIS_URL and the rule without its password', (url) => {
    const error = failure({ REDIS_URL: url });
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toContain('redis-cluster://[user:password@]host:port,host:port');
    expect(error.message).not.toContain('pw');
  });

  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ REDIS_PREFIX: 'acme:prod' }, 'REDIS_PREFIX'],
    [{ ANALYTICS_TIME_ZONES: 'Europe/Paris,Moon/Base' }, 'ANALYTICS_TIME_ZONES'],
    [{ ANALYTICS_ROLLUP_CRON: 'hourly' }, 'ANALYTICS_ROLLUP_CRON'],
    [{ ANALYTICS_CAMPAIGN_REFRESH_CRON: '* *' }, 'ANALYTICS_CAMPAIGN_REFRESH_CRON'],
    [{ RETENTION_CRON: 'daily' }, 'RETENTION_CRON'],
    [{ RETENTION_VISITOR_EVENT_DAYS: '-1' }, 'RETENTION_VISITOR_EVENT_DAYS'],
    [{ RETENTION_VISITOR_SESSION_DAYS: 'a year' }, 'RETENTION_VISITOR_SESSION_DAYS'],
    [{ RETENTION_VISITOR_DAYS: '36501' }, 'RETENTION_VISITOR_DAYS'],
    [{ RETENTION_WEBHOOK_DELIVERY_DAYS: '1.5' }, 'RETENTION_WEBHOOK_DELIVERY_DAYS'],
    [{ RETENTION_FAILED_JOB_DAYS: '-7' }, 'RETENTION_FAILED_JOB_DAYS'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_REPLICA_URL: 'replica.internal:5432' }, 'DATABASE_REPLICA_URL'],
    [{ DATABASE_REPLICA_URL: 'postgres://replica.internal:5432' }, 'DATABASE_REPLICA_URL'],
    [{ DATABASE_REPLICA_URL: 'postgres://replica.internal/shop', DATABASE_REPLICA_MAX_LAG_SECONDS: '0' }, 'DATABASE_REPLICA_MAX_LAG_SECONDS'],
    [{ TRACKFLOW_WORKERS: 'yes' }, 'TRACKFLOW_WORKERS'],
    [{ QUEUE_LOCK_MS: '100' }, 'QUEUE_LOCK_MS'],
    [{ ATTRIBUTION_REFIT_CRON: 'nightly' }, 'ATTRIBUTION_REFIT_CRON'],
    [{ ATTRIBUTION_FIT_DAYS: '0' }, 'ATTRIBUTION_FIT_DAYS'],
    [{ ATTRIBUTION_FIT_DAYS: '12.5' }, 'ATTRIBUTION_FIT_DAYS'],
    [{ TRACKFLOW_SECRET_KEY: 'short' }, 'TRACKFLOW_SECRET_KEY'],
  ])('names the variable of a bad value: %j', (env, variable) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
  });
});
