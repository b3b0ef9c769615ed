/**
 * What every command takes and does. It imports nothing, so `trackflow --help` answers without
 * loading NestJS, TypeORM or Redis; the commands themselves (`cli-commands.ts`) are keyed by these
 * names, and the type check fails when one is missing on either side.
 */
const COMMAND_USAGE = {
  'api-key:create': {
    synopsis: `api-key:create --workspace <name> --name <label> [--scopes '*'] [--role TWENTY_APP|CAMPAIGN_MANAGER|TRACKFLOW_MANAGER]`,
    description: `Creates the workspace if needed and an API key; prints the key alone on the last line. The Twenty
app's TRACKFLOW_API_KEY should be a --role TWENTY_APP key: it reaches only what the app's screens use.`,
  },
  migrate: {
    synopsis: 'migrate',
    description: 'Creates the database if missing and runs pending migrations.',
  },
  'twenty:install': {
    synopsis: 'twenty:install --url <twenty base url> --api-key <twenty api key> --workspace <name> [--dry-run] [--require-delivery] [--no-backfill]',
    description: `Checks the key (its role needs the API_KEYS_AND_WEBHOOKS and DATA_MODEL permissions), adds TrackFlow's
objects and fields to Twenty, registers the webhook (removing strays an interrupted run left), stores
the connection (needs TRACKFLOW_SECRET_KEY), then proves that Twenty's deliveries reach PUBLIC_BASE_URL,
warning why not (--require-delivery: failing), and backfills the attribution of the people, companies
and deals Twenty already holds (--no-backfill skips it; an interrupted one resumes). Running it again
finishes a half-done install and changes nothing else. --dry-run prints the plan only.`,
  },
  'twenty:sync': {
    synopsis: 'twenty:sync --workspace <name> [--full]',
    description: `Fetches from Twenty the people, companies and deals changed since the last reconciliation and runs
the hooks on them, as the server does every TWENTY_SYNC_INTERVAL_SECONDS; --full walks everything.`,
  },
  'twenty:uninstall': {
    synopsis: 'twenty:uninstall --workspace <name> [--purge]',
    description: `Removes the Twenty webhook and the stored connection; TrackFlow's objects and fields stay in Twenty
with their records, unless --purge deletes them too (TrackFlow's own data is kept either way).`,
  },
  'ads:import': {
    synopsis: 'ads:import <file.csv> --workspace <name> --platform <platform> [--currency USD]',
    description: `Imports daily ad spend (date, campaign_id, spend, and optionally campaign_name, adset_id, adset_name,
ad_id, ad_name, placement, impressions, clicks, currency). The days the file covers replace that
platform's earlier rows. Bad rows are listed by line number on stderr; a summary ends the output.`,
  },
  demo: {
    synopsis: 'demo',
    description: `Starts a server for a moment, fills a new demo workspace through its public endpoints (short links,
the tracker, GraphQL), rolls it up and prints revenue per campaign under each attribution model.`,
  },
  'analytics:rollup': {
    synopsis: 'analytics:rollup [--workspace <name>]',
    description: 'Brings the hourly, daily and monthly rollups up to date now (every workspace unless one is named).',
  },
  'attribution:paths': {
    synopsis: 'attribution:paths <file.csv> --model <MODEL> [--order k] [--half-life d]',
    description: `Credits ChannelAttribution-style aggregated journeys to channels; prints JSON on the last line.
MODEL: FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, MARKOV, SHAPLEY.`,
  },
} satisfies Record<string, { synopsis: string; description: string }>;

export type CommandName = keyof typeof COMMAND_USAGE;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

const indent = (text: string) => text.replace(/^/gm, '    ');

/** Every command, for `trackflow --help`. */
export function usage(): string {
  const commands = Object.values(COMMAND_USAGE).map((command) => `  ${command.synopsis}\n${indent(command.description)}`);
  return `Usage: trackflow <command> [options]   (npx trackflow …, or npm run cli -- …)

Configuration comes from the environment (DATABASE_URL, REDIS_URL, …; see the README).
trackflow <command> --help shows one command.

Commands:
${commands.join('\n')}`;
}

/** One command, for `trackflow <command> --help`. */
export function commandUsage(name: CommandName): string {
  const command = COMMAND_USAGE[name];
  return `Usage: trackflow ${command.synopsis}\n\n${command.description}`;
}
