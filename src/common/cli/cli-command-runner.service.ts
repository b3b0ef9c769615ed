import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ParsedArgs } from 'src/common/cli/cli-args.util';
import { CLI_COMMAND } from 'src/common/cli/cli-command.decorator';
import { decoratedMethods } from 'src/common/discovery/decorated-methods';
import type { StoresReport } from 'src/common/platform/stores';

/** Finds the method marked @CliCommand(name) among the started application's providers and runs it. */
@Injectable()
export class CliCommandRunner {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async run(name: string, args: ParsedArgs, stores: StoresReport | null): Promise<void> {
    const found = decoratedMethods<string>(this.discovery, this.scanner, this.reflector, CLI_COMMAND).filter((method) => method.metadata === name);
    if (found.length !== 1) throw new Error(`command ${name} has ${found.length === 0 ? 'no handler' : `${found.length} handlers: ${found.map((method) => method.owner).join(', ')}`} in the module it starts in`);
    await found[0].call(args, stores);
  }
}
