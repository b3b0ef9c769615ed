import { Module } from '@nestjs/common';
import { CliCommands } from 'src/cli/cli.commands';

@Module({ providers: [CliCommands] })
export class CliModule {}
