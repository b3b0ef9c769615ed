import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';

export const ATTRIBUTION_PATHS: CliCommandDeclaration = {
  name: 'attribution:paths',
  synopsis: 'attribution:paths <file.csv> --model <MODEL> [--order k] [--half-life d]',
  description: `Credits ChannelAttribution-style aggregated journeys to channels; prints JSON on the last line.
MODEL: FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, MARKOV, SHAPLEY.`,
  // A file in, JSON out: the engine alone, with no store to prepare.
  needs: 'nothing',
  module: () => import('src/attribution/paths/attribution-paths.module').then((loaded) => loaded.AttributionPathsModule),
};
