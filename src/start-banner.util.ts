import type { AppConfig } from 'src/config/app-config';
import type { StoresReport } from 'src/common/platform/stores';

function databaseLine(config: AppConfig, stores: StoresReport): string {
  const url = new URL(config.databaseUrl);
  const where = `"${decodeURIComponent(url.pathname.slice(1))}" on ${url.hostname}:${url.port || 5432}`;
  const applied = stores.migrationsApplied.length;
  if (stores.databaseCreated) return `${where}: created, ${applied} migration(s) applied`;
  if (applied > 0) return `${where}: migrated, ${applied} new migration(s) applied (last ${stores.migrationsApplied[applied - 1]})`;
  return `${where}: up to date`;
}

/** What `npm start` did and where to go next; no credentials (URLs are shown without them). */
export function startBanner(config: AppConfig, stores: StoresReport, url: string): string {
  const workers = config.runWorkers
    ? 'on: clicks, tracker events, Twenty deliveries and scheduled jobs run in this process'
    : 'off (TRACKFLOW_WORKERS=false): jobs wait in Redis for a process with workers on';
  return [
    `TrackFlow is running at ${url}`,
    `  dashboard  ${url}/app (sign in with an API key: npx trackflow api-key:create --help)`,
    `  GraphQL    ${url}/graphql, health ${url}/healthz`,
    `  database   ${databaseLine(config, stores)}`,
    `  workers    ${workers}`,
    `  Redis      queues and keys under "${config.redisPrefix}:"`,
  ].join('\n');
}
