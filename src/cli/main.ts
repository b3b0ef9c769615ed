import { parseArgs } from 'src/common/cli/cli-args.util';
import { commandUsage, findCommand, usage } from 'src/cli/cli-usage';

const HELP = new Set(['--help', '-h', 'help']);

/** `trackflow --help`, `trackflow help <command>`, `trackflow <command> --help` (or -h), else the command. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const asksHelp = args.command !== undefined && HELP.has(args.command);
  const name = asksHelp ? args.positional[0] : args.command;
  if (asksHelp && name === undefined) {
    console.log(usage());
    return;
  }
  const command = name === undefined ? undefined : findCommand(name);
  if (command === undefined) {
    console.error(name === undefined ? usage() : `Unknown command "${name}".\n\n${usage()}`);
    process.exit(2);
  }
  if (asksHelp || args.options.has('help') || args.positional.includes('-h')) {
    console.log(commandUsage(command));
    return;
  }
  const { run } = await import('src/cli/cli-run');
  await run(command, args);
}

void main();
