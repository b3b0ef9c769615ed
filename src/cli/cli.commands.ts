import { Injectable } from '@nestjs/common';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import type { ParsedArgs } from 'src/common/cli/cli-args.util';
import type { StoresReport } from 'src/common/platform/stores';
import { runDemo } from 'src/cli/demo/demo';

/** The commands of the whole application rather than of a feature: `migrate` and `demo` (cli-usage.ts). */
@Injectable()
export class CliCommands {
  /** The start-up has created and migrated the database: what it did is the answer. */
  @CliCommand('migrate')
  async migrate(_args: ParsedArgs, stores: StoresReport | null): Promise<void> {
    const applied = stores?.migrationsApplied ?? [];
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
  }

  /** The demo starts a whole server, which prepares the stores as `npm start` does. */
  @CliCommand('demo')
  async demo(): Promise<void> {
    await runDemo((line) => console.log(line));
  }
}
