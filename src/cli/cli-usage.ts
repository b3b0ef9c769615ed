import { ADS_IMPORT, ANALYTICS_ROLLUP } from 'src/analytics/analytics.cli';
import { ATTRIBUTION_PATHS, CONVERSIONS_EXPORT } from 'src/attribution/attribution.cli';
import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';
import { EXPORTS_RUN } from 'src/exports/exports.cli';
import { TWENTY_INSTALL, TWENTY_SYNC, TWENTY_UNINSTALL } from 'src/crm/twenty/twenty.cli';
import { API_KEY_CREATE } from 'src/security/security.cli';

const cliModule = () => import('src/cli/cli.module').then((loaded) => loaded.CliModule);

const MIGRATE: CliCommandDeclaration = {
  name: 'migrate',
  synopsis: 'migrate',
  description: 'Creates the database if missing and runs pending migrations.',
  needs: 'database',
  module: cliModule,
};

const DEMO: CliCommandDeclaration = {
  name: 'demo',
  synopsis: 'demo',
  description: `Starts a server for a moment, fills a new demo workspace through its public endpoints (short links,
the tracker, GraphQL), rolls it up and prints revenue per campaign under each attribution model.`,
  needs: 'nothing',
  module: cliModule,
};

/**
 * Every command, in the order `trackflow --help` lists them. The features declare theirs beside
 * their modules (`*.cli.ts`), which load nothing until a command runs, so help answers without
 * loading NestJS, TypeORM or Redis.
 */
export const COMMANDS: readonly CliCommandDeclaration[] = [API_KEY_CREATE, MIGRATE, TWENTY_INSTALL, TWENTY_SYNC, TWENTY_UNINSTALL, ADS_IMPORT, DEMO, ANALYTICS_ROLLUP, ATTRIBUTION_PATHS, CONVERSIONS_EXPORT, EXPORTS_RUN];

export function findCommand(name: string): CliCommandDeclaration | undefined {
  return COMMANDS.find((command) => command.name === name);
}

const indent = (text: string) => text.replace(/^/gm, '    ');

/** Every command, for `trackflow --help`. */
export function usage(): string {
  const commands = COMMANDS.map((command) => `  ${command.synopsis}\n${indent(command.description)}`);
  return `Usage: trackflow <command> [options]   (npx trackflow …, or npm run cli -- …)

Configuration comes from the environment (DATABASE_URL, REDIS_URL, …; see the README).
trackflow <command> --help shows one command.

Commands:
${commands.join('\n')}`;
}

/** One command, for `trackflow <command> --help`. */
export function commandUsage(command: CliCommandDeclaration): string {
  return `Usage: trackflow ${command.synopsis}\n\n${command.description}`;
}
