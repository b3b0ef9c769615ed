import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { AttributionModelType } from 'src/attribution/engine/attribution-model.config';
import { MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { analysePaths } from 'src/attribution/engine/paths/analyse-paths.util';
import { parsePathsCsv } from 'src/attribution/engine/paths/paths-csv.parser';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { CliModule } from 'src/cli/cli.module';
import { ParsedArgs, parseArgs, requireOption, UsageError } from 'src/cli/cli-args.util';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { ConfigError, loadConfig } from 'src/config/app-config';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { TwentyApiError } from 'src/crm/twenty/twenty-client';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { parseScopes } from 'src/security/api-keys/api-key-secret.util';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  api-key:create --workspace <name> --name <label> [--scopes '*']
      Creates the workspace if needed and an API key; prints the key alone on the last line.
  migrate
      Creates the database if missing and runs pending migrations.
  twenty:install --url <twenty base url> --api-key <twenty api key> --workspace <name> [--dry-run]
      Adds TrackFlow's objects and fields to Twenty, registers the webhook and stores the connection
      (needs TRACKFLOW_SECRET_KEY). Running it again finishes a half-done install and changes nothing else.
  twenty:uninstall --workspace <name>
      Removes the Twenty webhook and the stored connection; TrackFlow's objects and fields stay in Twenty.
  attribution:paths <file.csv> --model <MODEL> [--order k] [--half-life d]
      Credits ChannelAttribution-style aggregated journeys to channels; prints JSON on the last line.
      MODEL: FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, MARKOV, SHAPLEY.`;

type Command = (args: ParsedArgs) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  'api-key:create': async (args) => {
    const workspace = requireOption(args, 'workspace');
    const name = requireOption(args, 'name');
    const scopesOption = args.options.get('scopes');
    const scopes = parseScopes(typeof scopesOption === 'string' ? scopesOption : '*');
    const config = loadConfig();
    await ensureDatabaseExists(config.databaseUrl);
    await runPendingMigrations(config.databaseUrl);
    const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    try {
      const key = await context.get(ApiKeyService).createKey(workspace, name, scopes);
      console.log(`Created API key "${name}" for workspace "${workspace}" (${key.workspaceId}) with scopes ${scopes.join(', ')}.`);
      console.log('Store it now: only its hash is kept.');
      console.log(key.plaintext);
    } finally {
      await context.close();
    }
  },
  'twenty:install': async (args) => {
    const config = loadConfig();
    await ensureDatabaseExists(config.databaseUrl);
    await runPendingMigrations(config.databaseUrl);
    const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    try {
      const result = await context.get(TwentyInstallService).install({
        twentyUrl: requireOption(args, 'url'),
        apiKey: requireOption(args, 'api-key'),
        workspaceName: requireOption(args, 'workspace'),
        dryRun: args.options.has('dry-run'),
        log: (line) => console.log(line),
      });
      console.log(args.options.has('dry-run') ? 'Dry run: nothing was changed.' : `Done: ${result.applied} change(s) applied, webhook ${result.webhookId}.`);
    } finally {
      await context.close();
    }
  },
  'twenty:uninstall': async (args) => {
    const config = loadConfig();
    await runPendingMigrations(config.databaseUrl);
    const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    try {
      await context.get(TwentyInstallService).uninstall(requireOption(args, 'workspace'), (line) => console.log(line));
    } finally {
      await context.close();
    }
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const command = args.command ? COMMANDS[args.command] : undefined;
  if (!command) {
    console.error(args.command ? `Unknown command "${args.command}".\n\n${USAGE}` : USAGE);
    process.exit(2);
  }
  try {
    await command(args);
  } catch (error) {
    const expected = error instanceof UsageError || error instanceof ConfigError || error instanceof ValidationFailure || error instanceof TwentyApiError;
    if (expected || (error instanceof Error && /^scopes:/.test(error.message))) {
      console.error(`Error: ${error.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    throw error;
  }
}

void main();
