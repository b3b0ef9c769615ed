import { ParsedArgs, parseArgs, UsageError } from 'src/cli/cli-args.util';
import { CommandName, commandUsage, isCommandName, usage } from 'src/cli/cli-usage';

const HELP = new Set(['--help', '-h', 'help']);

async function run(name: CommandName, args: ParsedArgs): Promise<void> {
  // Loaded only to run a command, so help answers without loading NestJS, TypeORM or Redis.
  const { COMMANDS, isExpectedError } = await import('src/cli/cli-commands');
  try {
    await COMMANDS[name](args);
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    console.error(`Error: ${error.message}`);
    if (error instanceof UsageError) console.error(`See trackflow ${name} --help`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

/** `trackflow --help`, `trackflow help <command>`, `trackflow <command> --help` (or -h), else the command. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const asksHelp = args.command !== undefined && HELP.has(args.command);
  const name = asksHelp ? args.positional[0] : args.command;
  if (asksHelp && name === undefined) {
    console.log(usage());
    return;
  }
  if (name === undefined || !isCommandName(name)) {
    console.error(name === undefined ? usage() : `Unknown command "${name}".\n\n${usage()}`);
    process.exit(2);
  }
  if (asksHelp || args.options.has('help') || args.positional.includes('-h')) {
    console.log(commandUsage(name));
    return;
  }
  await run(name, args);
}

void main();
