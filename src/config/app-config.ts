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
  /** Cron of the job creating the event tables' monthly partitions ahead (null: off). */
  partitionCron: string | null;
  /** Cron of the job analysing partitions whose statistics lag what was written to them (null: off). */
  partitionAnalyzeCron: string | null;
  /** Failed Bull jobs of every queue; they hold a batch of several workspaces' clicks or events, so no workspace sets this. */
  failedJobDays: number;
};

/** A streaming replica the reports and dashboards may read from (DATABASE_REPLICA_URL). */
export type ReplicaConfig = {
  url: string;
  /** Past this lag the replica's answers are too old: reads go to the primary until it catches up. */
  maxLagSeconds: number;
};

/** When the scheduled export runs (null: off) and the folder it writes into, one sub-folder per workspace and day. */
type ExportsConfig = { cron: string | null; dir: string };

/** A Redis Cluster named by REDIS_URL: the nodes to discover it from, and the credentials every node takes. */
export type RedisClusterSeeds = { nodes: { host: string; port: number }[]; username?: string; password?: string };

export const REDIS_CLUSTER_SCHEME = 'redis-cluster://';

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
    /** Null without DATABASE_REPLICA_URL: every read goes to the primary. */
    readonly replica: ReplicaConfig | null = null,
    /** The scheduled export of offline-conversion, daily analytics and event files (EXPORT_CRON, off by default; EXPORT_DIR). */
    readonly exports: ExportsConfig = { cron: null, dir: 'var/exports' },
    /** Set when REDIS_URL names a Redis Cluster (`redis-cluster://host:port,host:port,…`); null for one Redis. */
    readonly redisCluster: RedisClusterSeeds | null = null,
    /**
     * How long a write that must survive a failover (a click, tracker events, a lead) waits for a
     * replica of its master to acknowledge it (REDIS_REPLICA_WAIT_MS); only masters with replicas wait.
     */
    readonly redisReplicaWaitMs: number = 100,
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

/** A PostgreSQL URL naming its database, as DATABASE_URL and DATABASE_REPLICA_URL must. */
function parseDatabaseUrl(name: string, value: string): URL {
  const url = parseUrl(name, value, ['postgres:', 'postgresql:']);
  if (url.pathname.replace(/^\//, '') === '') throw new ConfigError(name, 'names no database (expected postgres://user@host:port/database)');
  return url;
}

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

/** A folder path: not blank, no NUL (which no file system takes), and not the root, whose sub-folders belong to the system. */
function readExportDir(env: Env): string {
  const dir = read(env, 'EXPORT_DIR', 'var/exports');
  if (dir.includes('\0') || /^\/+$/.test(dir)) throw new ConfigError('EXPORT_DIR', `must be a folder path other than the root, got "${dir}"`);
  return dir;
}

const CLUSTER_URL_RULE = `a cluster is named ${REDIS_CLUSTER_SCHEME}[user:password@]host:port,host:port,… with a port on every node and no database (a cluster has database 0 only)`;

/** The seeds of `redis-cluster://`; credentials are never echoed back in an error. */
function parseRedisCluster(value: string): RedisClusterSeeds {
  const match = /^redis-cluster:\/\/(?:([^@/]*)@)?([^@/?#]+)\/?$/i.exec(value);
  if (!match) throw new ConfigError('REDIS_URL', CLUSTER_URL_RULE);
  const nodes = match[2].split(',').map((seed) => {
    const node = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(seed.trim());
    if (!node || Number(node[2]) < 1 || Number(node[2]) > 65535) throw new ConfigError('REDIS_URL', `cluster node "${seed.trim()}" must be host:port with a port from 1 to 65535 (${CLUSTER_URL_RULE})`);
    return { host: node[1].replace(/^\[|\]$/g, ''), port: Number(node[2]) };
  });
  if (match[1] === undefined) return { nodes };
  const [username, ...password] = match[1].split(':');
  return { nodes, username: decodeURIComponent(username) || undefined, password: password.length > 0 ? decodeURIComponent(password.join(':')) : undefined };
}

/** A cron expression, or null for `off`. */
function readCron(env: Env, name: string, fallback: string, example = fallback): string | null {
  const cron = read(env, name, fallback);
  if (cron.toLowerCase() === 'off') return null;
  if (!CRON_EXPRESSION.test(cron)) throw new ConfigError(name, `must be a cron expression such as "${example}", or off, got "${cron}"`);
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
  const database = parseDatabaseUrl('DATABASE_URL', databaseUrl);
  const replicaUrl = read(env, 'DATABASE_REPLICA_URL', '');
  if (replicaUrl !== '') parseDatabaseUrl('DATABASE_REPLICA_URL', replicaUrl);

  const redisUrl = read(env, 'REDIS_URL', 'redis://127.0.0.1:6379');
  const redisCluster = redisUrl.toLowerCase().startsWith(REDIS_CLUSTER_SCHEME) ? parseRedisCluster(redisUrl) : null;
  // redis-cluster: is listed for the error's sake: such a URL was read as a cluster above.
  if (!redisCluster) parseUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:', 'redis-cluster:']);

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
      partitionCron: readCron(env, 'PARTITION_MAINTENANCE_CRON', '0 4 * * *'),
      partitionAnalyzeCron: readCron(env, 'PARTITION_ANALYZE_CRON', '*/15 * * * * *'),
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
    replicaUrl === '' ? null : { url: replicaUrl, maxLagSeconds: readWholeNumber(env, 'DATABASE_REPLICA_MAX_LAG_SECONDS', 30, 1, 86_400, 'seconds') },
    { cron: readCron(env, 'EXPORT_CRON', 'off', '15 2 * * *'), dir: readExportDir(env) },
    redisCluster,
    readWholeNumber(env, 'REDIS_REPLICA_WAIT_MS', 100, 1, 10_000, 'milliseconds'),
  );
}
