import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import type { ParsedArgs } from 'src/common/cli/cli-args.util';
import { CliCommandRunner } from 'src/common/cli/cli-command-runner.service';
import type { CliCommandDeclaration, CliNeeds } from 'src/common/cli/cli-command.decorator';
import { PlatformModule } from 'src/common/platform/platform.module';
import { openRedis, prepareStores } from 'src/common/platform/stores';
import { loadConfig } from 'src/config/app-config';

/**
 * An application context of one feature module on the platform, as a CLI command runs in: never a
 * worker, nothing served, Redis opened only when the command needs it (or, lazily, when something
 * uses it), the database connected unless the command needs none.
 */
export async function createCliContext(feature: Type<unknown>, needs: CliNeeds): Promise<INestApplicationContext> {
  @Module({
    imports: [PlatformModule.forRoot({ database: needs !== 'nothing', workers: false }), DiscoveryModule, feature],
    providers: [CliCommandRunner],
  })
  class CliRootModule {}
  const context = await NestFactory.createApplicationContext(CliRootModule, { logger: ['error', 'warn'] });
  if (needs === 'database and redis') await openRedis(context);
  return context;
}

/**
 * The one start-up of every command: the stores prepared as the command needs them (the database
 * created when missing and migrated, as `npm start` does, and Redis checked), the command's
 * module started, its @CliCommand method run, the context closed.
 */
export async function runCliCommand(command: CliCommandDeclaration, args: ParsedArgs): Promise<void> {
  const stores = command.needs === 'nothing' ? null : await prepareStores(loadConfig(), { redis: command.needs === 'database and redis' });
  const context = await createCliContext(await command.module(), command.needs);
  try {
    await context.get(CliCommandRunner).run(command.name, args, stores);
  } finally {
    await context.close();
  }
}
