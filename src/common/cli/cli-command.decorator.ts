import { SetMetadata, Type } from '@nestjs/common';
import type { ParsedArgs } from 'src/common/cli/cli-args.util';
import type { StoresReport } from 'src/common/platform/stores';

export const CLI_COMMAND = 'trackflow:cli-command';

/** What the CLI's one start-up prepares before a command runs. */
export type CliNeeds = 'nothing' | 'database' | 'database and redis';

/**
 * A command as `trackflow --help` shows it and the CLI starts it. Each feature declares its
 * commands in a `*.cli.ts` file that loads nothing (help reads it without NestJS); the method that
 * runs one is marked `@CliCommand(name)` on a provider of `module`.
 */
export type CliCommandDeclaration = {
  name: string;
  synopsis: string;
  description: string;
  /** `database`: created when missing and migrated, as `npm start` leaves it; `database and redis`: Redis must answer too. */
  needs: CliNeeds;
  /** The module to start the command in, loaded only to run it. */
  module: () => Promise<Type<unknown>>;
};

/** What a command's method receives: its arguments, and what the start-up did to the database (null when it needs none). */
export type CliCommandRun = (args: ParsedArgs, stores: StoresReport | null) => Promise<void>;

/** Makes the method the one that runs the command; the CLI refuses a command with no such method or two. */
export function CliCommand(name: string) {
  return <T extends CliCommandRun>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    SetMetadata(CLI_COMMAND, name)(target, key, descriptor);
  };
}
