import { Module } from '@nestjs/common';
import { AttributionPathsCommands } from 'src/attribution/paths/attribution-paths.commands';

/** The analysis of journeys from a file: the engine alone, so the command starts with no store (AttributionModule imports it). */
@Module({ providers: [AttributionPathsCommands] })
export class AttributionPathsModule {}
