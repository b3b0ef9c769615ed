import { isTimeZone } from 'src/common/time/zoned-time.util';
import { parseSecretKey } from 'src/common/crypto/secret-box.util';

/**
 * The one place that reads process.env. Every variable is validated at start so that a bad value
 * stops the server with one line naming the variable, instead of failing later on first use.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type AnalyticsConfig = {
  /** Time zones whose local days are rolled up (UTC always); other zones are answered from raw rows. */
  timeZones: string[];
  /** Cron of the rollup job (null: off). */
  rollupCron: string | null;
  /** Cron of the refresh of campaign metrics onto link_campaign rows (null: off). */
  campaignRefreshCron: string | null;
};

/** Days kept before the retention job deletes rows (0: kept forever); each workspace may set its own in its settings. */
export type RetentionPeriods = {
  clickEventDays: number;
  visitorEventDays: number;
  visitorSessionDays: number;
  /** A visitor without conversion, person or activity for this long goes, with all its rows. */
  visitorDays: number;
  apiRequestLogDays: number;
  /** Finished outgoing webhook deliveries and processed Twenty deliveries. */
  webhookDeliveryDays: number;
};

export const MAX_RETENTION_DAYS = 36_500;

/** The server's retention periods (the workspaces' defaults), when the job runs, and how long failed jobs stay in Redis. */
type RetentionConfig = RetentionPeriods & {
  cron: string | null;
  /** Failed Bull jobs of every queue; they hold a batch of several workspaces' clicks or events, so no workspace sets this. */
  failedJobDays: number;
};

export class AppConfig {
  constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
    /**
     * Every Bull queue and every key and channel TrackFlow uses in Redis starts with it
     * (REDIS_PREFIX, else the database's name), so deployments sharing a Redis never take each
     * other's jobs or read each other's caches.
     */
    readonly redisPrefix: string,
    readonly port: number,
    readonly publicBaseUrl: string,
    readonly clickJournalDir: string,
    readonly runWorkers: boolean,
    readonly queueLockMs: number,
    readonly trustProxy: boolean,
    /** Cron expression of the nightly refit of data-driven attribution models; null turns it off. */
    readonly attributionRefitCron: string | null,
    /** How many trailing days of journeys a data-driven model is fitted on. */
    readonly attributionFitDays: number,
    /** Encrypts Twenty credentials at rest (TRACKFLOW_SECRET_KEY); without it no Twenty connection can be stored. */
    readonly secretKey: Buffer | null,
    readonly analytics: AnalyticsConfig,
    readonly retention: RetentionConfig,
    /** Outgoing webhooks may target private, loopback and link-local addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS); off, as it opens server-side request forgery. */
    readonly allowPrivateWebhookTargets: boolean = false,
    /** First retry delay of a failed webhook delivery, doubled on each further attempt. */
    readonly webhookRetryBaseMs: number = 30_000,
    /** Refused deliveries /webhooks/twenty takes from one address a minute, to bound a flood of forged ones (verified ones are never limited). */
    readonly twentyWebhookRateLimitPerMinute: number = 6000,
    /** How often each connected workspace fetches back from Twenty what changed since its cursor (TWENTY_SYNC_INTERVAL_SECONDS; 0: never). */
    readonly twentySyncIntervalSeconds: number = 300,
    /**
     * Record requests TrackFlow sends one workspace's Twenty a minute, writes and reconciliation
     * together (TWENTY_REQUESTS_PER_MINUTE): under Twenty's API_RATE_LIMITING_LONG_LIMIT (100 a
     * minute by default), which the workspace's other integrations share.
     */
    readonly twentyRequestsPerMinute: number = 90,
  ) {}
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function readWholeNumber(env: Env, name: string, fallback: number, min: number, max: number, unit: string): number {
  const text = read(env, name, String(fallback));
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ConfigError(name, `must be a whole number of ${unit} from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

// Five (or six, with seconds) fields of digits, ranges, lists, steps or *; Bull parses the rest.
const CRON_EXPRESSION = /^[\d*/,-]+(\s+[\d*/,-]+){4,5}$/;

function parseUrl(name: string, value: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `"${value}" is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.map((p) => p.replace(':', '://')).join(' or ')}, got "${url.protocol}//"`);
  }
  if (!url.hostname) throw new ConfigError(name, 'has no host');
  return url;
}

/** A cron expression, or null for `off`. */
function readCron(env: Env, name: string, fallback: string): string | null {
  const cron = read(env, name, fallback);
  if (cron.toLowerCase() === 'off') return null;
  if (!CRON_EXPRESSION.test(cron)) throw new ConfigError(name, `must be a cron expression such as "${fallback}", or off, got "${cron}"`);
  return cron;
}

function readTimeZones(env: Env, name: string): string[] {
  const zones = read(env, name, 'UTC').split(',').map((zone) => zone.trim()).filter(Boolean);
  const unknown = zones.filter((zone) => !isTimeZone(zone));
  if (unknown.length > 0) throw new ConfigError(name, `unknown IANA time zone ${unknown.map((zone) => `"${zone}"`).join(', ')} (e.g. Europe/Paris)`);
  return [...new Set(['UTC', ...zones])];
}

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/trackflow');
  const database = parseUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  if (database.pathname.replace(/^\//, '') === '') {
    throw new ConfigError('DATABASE_URL', 'names no database (expected postgres://user@host:port/database)');
  }

  const redisUrl = read(env, 'REDIS_URL', 'redis://127.0.0.1:6379');
  parseUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);

  // ':' separates the prefix from what follows, so one prefix can never be the start of another's keys.
  const databaseName = decodeURIComponent(database.pathname.replace(/^\//, ''));
  const redisPrefix = read(env, 'REDIS_PREFIX', databaseName.replace(/[^A-Za-z0-9_.-]/g, '_'));
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(redisPrefix)) {
    throw new ConfigError('REDIS_PREFIX', `must be 1 to 100 letters, digits, "_", "." or "-", got "${redisPrefix}"`);
  }

  const portText = read(env, 'PORT', '3300');
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new ConfigError('PORT', `"${portText}" is not a port number between 1 and 65535`);
  }

  const publicBaseUrl = read(env, 'PUBLIC_BASE_URL', 'http://localhost:3300').replace(/\/+$/, '');
  const base = parseUrl('PUBLIC_BASE_URL', publicBaseUrl, ['http:', 'https:']);
  if (base.search || base.hash) throw new ConfigError('PUBLIC_BASE_URL', 'must not carry a query string or fragment');

  const runWorkersText = read(env, 'TRACKFLOW_WORKERS', 'true').toLowerCase();
  if (!['true', 'false'].includes(runWorkersText)) {
    throw new ConfigError('TRACKFLOW_WORKERS', `must be true or false, got "${runWorkersText}"`);
  }

  const queueLockMs = readWholeNumber(env, 'QUEUE_LOCK_MS', 30_000, 500, 3_600_000, 'milliseconds');

  const secretKeyText = read(env, 'TRACKFLOW_SECRET_KEY', '');
  const secretKey = secretKeyText === '' ? null : parseSecretKey(secretKeyText);
  if (secretKeyText !== '' && !secretKey) {
    throw new ConfigError('TRACKFLOW_SECRET_KEY', 'must be 32 random bytes written as 64 hex characters or base64 (e.g. openssl rand -hex 32)');
  }

  const refitCron = readCron(env, 'ATTRIBUTION_REFIT_CRON', '0 3 * * *');

  const trustProxyText = read(env, 'TRUST_PROXY', 'false').toLowerCase();
  if (!['true', 'false'].includes(trustProxyText)) throw new ConfigError('TRUST_PROXY', `must be true or false, got "${trustProxyText}"`);

  const privateTargetsText = read(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', 'false').toLowerCase();
  if (!['true', 'false'].includes(privateTargetsText)) throw new ConfigError('WEBHOOK_ALLOW_PRIVATE_TARGETS', `must be true or false, got "${privateTargetsText}"`);

  return new AppConfig(
    databaseUrl,
    redisUrl,
    redisPrefix,
    Number(portText),
    publicBaseUrl,
    read(env, 'CLICK_JOURNAL_DIR', 'var/journal'),
    runWorkersText === 'true',
    queueLockMs,
    trustProxyText === 'true',
    refitCron,
    readWholeNumber(env, 'ATTRIBUTION_FIT_DAYS', 90, 1, 3650, 'days'),
    secretKey,
    {
      timeZones: readTimeZones(env, 'ANALYTICS_TIME_ZONES'),
      rollupCron: readCron(env, 'ANALYTICS_ROLLUP_CRON', '*/5 * * * *'),
      campaignRefreshCron: readCron(env, 'ANALYTICS_CAMPAIGN_REFRESH_CRON', '*/15 * * * *'),
    },
    {
      cron: readCron(env, 'RETENTION_CRON', '30 4 * * *'),
      clickEventDays: readWholeNumber(env, 'RETENTION_CLICK_EVENT_DAYS', 730, 0, MAX_RETENTION_DAYS, 'days'),
      visitorEventDays: readWholeNumber(env, 'RETENTION_VISITOR_EVENT_DAYS', 365, 0, MAX_RETENTION_DAYS, 'days'),
      visitorSessionDays: readWholeNumber(env, 'RETENTION_VISITOR_SESSION_DAYS', 365, 0, MAX_RETENTION_DAYS, 'days'),
      // Seed 001 keeps events a year "deleting non-converting visitors"; a month more lets a visitor's last sessions go first.
      visitorDays: readWholeNumber(env, 'RETENTION_VISITOR_DAYS', 395, 0, MAX_RETENTION_DAYS, 'days'),
      apiRequestLogDays: readWholeNumber(env, 'RETENTION_API_REQUEST_LOG_DAYS', 90, 0, MAX_RETENTION_DAYS, 'days'),
      webhookDeliveryDays: readWholeNumber(env, 'RETENTION_WEBHOOK_DELIVERY_DAYS', 30, 0, MAX_RETENTION_DAYS, 'days'),
      // Seed 001: the click queue's items are cleared after 7 days.
      failedJobDays: readWholeNumber(env, 'RETENTION_FAILED_JOB_DAYS', 7, 0, MAX_RETENTION_DAYS, 'days'),
    },
    privateTargetsText === 'true',
    readWholeNumber(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 10, 3_600_000, 'milliseconds'),
    readWholeNumber(env, 'TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE', 6000, 1, 1_000_000, 'deliveries'),
    readWholeNumber(env, 'TWENTY_SYNC_INTERVAL_SECONDS', 300, 0, 86_400, 'seconds'),
    readWholeNumber(env, 'TWENTY_REQUESTS_PER_MINUTE', 90, 3, 1_000_000, 'requests'),
  );
}
