import { ParsedArgs, UsageError } from 'src/common/cli/cli-args.util';
import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';
import { runCliCommand } from 'src/common/cli/cli-context';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { ConfigError } from 'src/config/app-config';
import { TwentyApiError } from 'src/crm/twenty/twenty-client';

/** Failures the person at the terminal can act on: one line, no stack trace. */
function isExpectedError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof ConfigError || error instanceof ValidationFailure || error instanceof TwentyApiError;
}

/** Runs the command through the one start-up; loaded only to run one, so help loads none of NestJS, TypeORM or Redis. */
export async function run(command: CliCommandDeclaration, args: ParsedArgs): Promise<void> {
  try {
    await runCliCommand(command, args);
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    console.error(`Error: ${error.message}`);
    if (error instanceof UsageError) console.error(`See trackflow ${command.name} --help`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
