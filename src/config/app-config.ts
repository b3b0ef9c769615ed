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

export class AppConfig {
  constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
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
  ) {}

  get databaseName(): string {
    return decodeURIComponent(new URL(this.databaseUrl).pathname.replace(/^\//, ''));
  }
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

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/trackflow');
  const database = parseUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  if (database.pathname.replace(/^\//, '') === '') {
    throw new ConfigError('DATABASE_URL', 'names no database (expected postgres://user@host:port/database)');
  }

  const redisUrl = read(env, 'REDIS_URL', 'redis://127.0.0.1:6379');
  parseUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);

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

  const refitCron = read(env, 'ATTRIBUTION_REFIT_CRON', '0 3 * * *');
  if (refitCron.toLowerCase() !== 'off' && !CRON_EXPRESSION.test(refitCron)) {
    throw new ConfigError('ATTRIBUTION_REFIT_CRON', `must be a cron expression such as "0 3 * * *", or off, got "${refitCron}"`);
  }

  const trustProxyText = read(env, 'TRUST_PROXY', 'false').toLowerCase();
  if (!['true', 'false'].includes(trustProxyText)) throw new ConfigError('TRUST_PROXY', `must be true or false, got "${trustProxyText}"`);

  return new AppConfig(
    databaseUrl,
    redisUrl,
    Number(portText),
    publicBaseUrl,
    read(env, 'CLICK_JOURNAL_DIR', 'var/journal'),
    runWorkersText === 'true',
    queueLockMs,
    trustProxyText === 'true',
    refitCron.toLowerCase() === 'off' ? null : refitCron,
    readWholeNumber(env, 'ATTRIBUTION_FIT_DAYS', 90, 1, 3650, 'days'),
    secretKey,
  );
}
