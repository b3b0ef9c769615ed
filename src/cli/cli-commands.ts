import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { AttributionModelType } from 'src/attribution/engine/attribution-model.config';
import { MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { analysePaths } from 'src/attribution/engine/paths/analyse-paths.util';
import { parsePathsCsv } from 'src/attribution/engine/paths/paths-csv.parser';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { CliModule } from 'src/cli/cli.module';
import { ParsedArgs, requireOption, UsageError } from 'src/cli/cli-args.util';
import { CommandName } from 'src/cli/cli-usage';
import { AdSpendService } from 'src/analytics/ads/ad-spend.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { runDemo } from 'src/cli/demo/demo';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { ConfigError, loadConfig } from 'src/config/app-config';
import { microsToDecimal } from 'src/common/money/micros.util';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { TwentyApiError } from 'src/crm/twenty/twenty-client';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { syncCounts, TwentySyncService } from 'src/crm/twenty/twenty-sync.service';
import { ApiKeyRole, checkScopes, parseScopes, ROLE_SCOPES } from 'src/security/api-keys/api-key-secret.util';

type Command = (args: ParsedArgs) => Promise<void>;

/**
 * Runs a command's work in an application context of `module` over a created and migrated
 * database (as `npm start` would leave it), closed afterwards.
 */
async function inContext(module: Type<unknown>, work: (context: INestApplicationContext) => Promise<void>): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  await runPendingMigrations(config.databaseUrl);
  const context = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  try {
    await work(context);
  } finally {
    await context.close();
  }
}

/** Commands that need only the database: CliModule opens no Redis connection and starts no worker. */
const inDatabaseContext = (work: (context: INestApplicationContext) => Promise<void>) => inContext(CliModule, work);

/**
 * Runs a command that talks to Twenty in the server's own modules (its hooks queue write-backs in
 * Redis for the server's workers), with no workers of its own and nothing served. The server's
 * modules are loaded only here: the other commands need none of GraphQL or Bull.
 */
async function inServerContext(work: (context: INestApplicationContext) => Promise<void>): Promise<void> {
  // Until worker start-up is one bootstrap a process opts into (issue 16, job wiring), the server's modules read this switch from the environment.
  process.env.TRACKFLOW_WORKERS = 'false';
  const { AppModule } = await import('src/app.module');
  await inContext(AppModule, work);
}

/** A progress bar per object the Twenty sync walks. */
function syncProgress(): (objectPlural: string, done: number, total: number) => void {
  const bars = new Map<string, (done: number, total: number) => void>();
  return (objectPlural, done, total) => {
    if (!bars.has(objectPlural)) bars.set(objectPlural, progressBar(`syncing ${objectPlural}`));
    bars.get(objectPlural)?.(done, total);
  };
}

async function findWorkspace(context: INestApplicationContext, name: string): Promise<{ id: string }> {
  const workspace = await context.get(WorkspaceRepository).findByName(name);
  if (!workspace) throw new UsageError(`no workspace named "${name}"`);
  return workspace;
}

/** A progress bar on a terminal's stderr; elsewhere (pipes, logs) a line every tenth of the way. */
function progressBar(label: string): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      console.error(`${label}: ${done}/${total} rows`);
    }
  };
}

export const COMMANDS: Record<CommandName, Command> = {
  'api-key:create': async (args) => {
    const workspace = requireOption(args, 'workspace');
    const name = requireOption(args, 'name');
    const scopesOption = args.options.get('scopes');
    const roleOption = args.options.get('role');
    const role = typeof roleOption === 'string' ? roleOption.toUpperCase() : undefined;
    if (role !== undefined && !(role in ROLE_SCOPES)) throw new UsageError(`--role must be one of ${Object.keys(ROLE_SCOPES).join(', ')}`);
    const scopes = role ? checkScopes(typeof scopesOption === 'string' ? scopesOption.split(/[\s,]+/) : [], role as ApiKeyRole) : parseScopes(typeof scopesOption === 'string' ? scopesOption : '*');
    await inDatabaseContext(async (context) => {
      const key = await context.get(ApiKeyService).createKey(workspace, name, scopes);
      console.log(`Created API key "${name}" for workspace "${workspace}" (${key.workspaceId}) with scopes ${scopes.join(', ')}.`);
      console.log('Store it now: only its hash is kept.');
      console.log(key.plaintext);
    });
  },
  'twenty:install': (args) =>
    inServerContext(async (context) => {
      const result = await context.get(TwentyInstallService).install({
        twentyUrl: requireOption(args, 'url'),
        apiKey: requireOption(args, 'api-key'),
        workspaceName: requireOption(args, 'workspace'),
        dryRun: args.options.has('dry-run'),
        requireDelivery: args.options.has('require-delivery'),
        backfill: !args.options.has('no-backfill'),
        progress: syncProgress(),
        log: (line) => console.log(line),
      });
      if (args.options.has('dry-run')) console.log('Dry run: nothing was changed.');
      else console.log(`Done: ${result.applied} change(s) applied, webhook ${result.webhookId}${result.deliveryVerified ? ', deliveries verified' : ', deliveries NOT verified (see the warning above)'}.`);
    }),
  'twenty:uninstall': (args) =>
    inServerContext((context) => context.get(TwentyInstallService).uninstall(requireOption(args, 'workspace'), (line) => console.log(line), undefined, args.options.has('purge'))),
  'twenty:sync': (args) =>
    inServerContext(async (context) => {
      const workspace = await findWorkspace(context, requireOption(args, 'workspace'));
      const { processed, deleted, gone } = await context.get(TwentySyncService).sync(workspace.id, { full: args.options.has('full'), progress: syncProgress() });
      console.log(`Synced from Twenty: ${syncCounts(processed)} processed; ${syncCounts(deleted)} found in Twenty's trash; ${syncCounts(gone)} found gone.`);
    }),
  'ads:import': async (args) => {
    const file = args.positional[0];
    if (!file) throw new UsageError('give the CSV file: ads:import <file.csv> --workspace <name> --platform <platform>');
    const workspaceName = requireOption(args, 'workspace');
    const platform = requireOption(args, 'platform');
    const currency = args.options.get('currency');
    const csv = await readFile(file, 'utf8');
    await inDatabaseContext(async (context) => {
      const workspace = await findWorkspace(context, workspaceName);
      const summary = await context.get(AdSpendService).importCsv(workspace.id, platform, csv, typeof currency === 'string' ? currency : null, progressBar('importing'));
      for (const bad of summary.badRows) console.error(`line ${bad.line}: ${bad.reason}`);
      const spend = summary.spendByCurrency.map((amount) => `${microsToDecimal(amount.amount)} ${amount.currencyCode}`).join(', ') || 'nothing';
      console.log(`${summary.platform}: ${summary.imported} of ${summary.rowsRead} row(s) imported, ${summary.badRows.length} bad row(s) left out.`);
      if (summary.daysReplaced > 0) console.log(`${summary.daysReplaced} day(s) from ${summary.firstDate} to ${summary.lastDate} replaced (${summary.replacedRows} earlier row(s)); spend ${spend}.`);
      console.log(JSON.stringify({ ...summary, spendByCurrency: summary.spendByCurrency.map((amount) => ({ currencyCode: amount.currencyCode, amount: microsToDecimal(amount.amount) })) }));
    });
  },
  'analytics:rollup': (args) =>
    inDatabaseContext(async (context) => {
      const rollups = context.get(RollupsService);
      const name = args.options.get('workspace');
      if (typeof name !== 'string') {
        const { workspaces, failed } = await rollups.runAll();
        console.log(`Rolled up ${workspaces - failed.length} of ${workspaces} workspace(s).`);
        if (failed.length > 0) throw new UsageError(`rollup failed for workspace(s) ${failed.join(', ')}`);
        return;
      }
      for (const result of await rollups.runWorkspace((await findWorkspace(context, name)).id)) {
        console.log(`${result.grain} ${result.zone}: ${result.rebuilt.length} range(s) rebuilt, rolled up until ${result.rolledUpUntil.toISOString()}`);
      }
    }),
  demo: async () => {
    await runDemo((line) => console.log(line));
  },
  'attribution:paths': async (args) => {
    const file = args.positional[0];
    if (!file) throw new UsageError('give the CSV file: attribution:paths <file.csv> --model <MODEL>');
    const model = requireOption(args, 'model').toUpperCase() as AttributionModelType;
    const order = args.options.get('order');
    const halfLife = args.options.get('half-life');
    const parsed = parsePathsCsv(await readFile(file, 'utf8'));
    for (const bad of parsed.badRows) console.error(`line ${bad.line}: ${bad.reason}`);
    if (parsed.badRows.length > 0) console.error(`${parsed.badRows.length} bad row(s) skipped`);
    const analysis = analysePaths(parsed.journeys, {
      model,
      order: typeof order === 'string' ? (Number(order) as MarkovOrder) : undefined,
      halfLifeDays: typeof halfLife === 'string' ? Number(halfLife) : undefined,
    });
    console.log(JSON.stringify(analysis));
  },
  migrate: async () => {
    const config = loadConfig();
    await ensureDatabaseExists(config.databaseUrl);
    const applied = await runPendingMigrations(config.databaseUrl);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
  },
};

/** Failures the person at the terminal can act on: one line, no stack trace. */
export function isExpectedError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof ConfigError || error instanceof ValidationFailure || error instanceof TwentyApiError;
}
