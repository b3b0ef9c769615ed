import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { COMMANDS } from 'src/cli/cli-usage';
import { CLI_COMMAND } from 'src/common/cli/cli-command.decorator';

type ModuleEntry = Type<unknown> | { module: Type<unknown>; imports?: ModuleEntry[]; providers?: unknown[] } | { forwardRef: () => ModuleEntry };

/** Every provider class of a module and of the modules it imports, read from their decorators without starting anything. */
function providerClasses(entry: ModuleEntry, seen = new Set<unknown>()): Type<unknown>[] {
  if ('forwardRef' in entry) return providerClasses(entry.forwardRef(), seen);
  const module = typeof entry === 'function' ? entry : entry.module;
  if (seen.has(entry)) return [];
  seen.add(entry);
  const dynamic = typeof entry === 'function' ? { imports: [], providers: [] } : { imports: entry.imports ?? [], providers: entry.providers ?? [] };
  const imports: ModuleEntry[] = [...(Reflect.getMetadata('imports', module) ?? []), ...dynamic.imports];
  const providers: unknown[] = [...(Reflect.getMetadata('providers', module) ?? []), ...dynamic.providers];
  const classes = providers.flatMap((provider) => (typeof provider === 'function' ? [provider as Type<unknown>] : []));
  return [...classes, ...imports.flatMap((imported) => providerClasses(imported, seen))];
}

/** The commands a module's providers handle, each with the methods marked for it. */
function handledCommands(module: Type<unknown>): Map<string, string[]> {
  const handled = new Map<string, string[]>();
  for (const provider of new Set(providerClasses(module))) {
    for (const [name, { value }] of Object.entries(Object.getOwnPropertyDescriptors(provider.prototype))) {
      if (typeof value !== 'function') continue;
      const command: unknown = Reflect.getMetadata(CLI_COMMAND, value);
      if (typeof command === 'string') handled.set(command, [...(handled.get(command) ?? []), `${provider.name}.${name}`]);
    }
  }
  return handled;
}

describe('the CLI commands, declared by the features (*.cli.ts) and run by their @CliCommand methods', () => {
  it('have unique names', () => {
    expect(new Set(COMMANDS.map((command) => command.name)).size).toBe(COMMANDS.length);
  });

  it.each(COMMANDS.map((command) => [command.name, command] as const))('%s is run by exactly one method of the module it starts in', async (name, command) => {
    expect(handledCommands(await command.module()).get(name)).toHaveLength(1);
  });

  it('run no method that help does not list', async () => {
    const modules = new Set(await Promise.all(COMMANDS.map((command) => command.module())));
    const handled = [...modules].flatMap((module) => [...handledCommands(module).keys()]);
    expect(handled.filter((name) => !COMMANDS.some((command) => command.name === name))).toEqual([]);
  });
});
