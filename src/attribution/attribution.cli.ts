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

export const CONVERSIONS_EXPORT: CliCommandDeclaration = {
  name: 'conversions:export',
  synopsis: 'conversions:export --workspace <name> --platform <platform> --from <date> --to <date> [--model <type>] [--include-leads] [--out <file>]',
  description: `Writes the offline-conversion file an ad platform's upload takes (standard output without --out):
the won deals of [from, to) whose person came with the platform's click id (and leads with
--include-leads), valued at the credit the model (the workspace's default if omitted) gives the
platform's touches. Meta's and LinkedIn's files carry each person's address hashed, read from Twenty
when the workspace is connected to it. PLATFORM: google-ads, meta, microsoft-ads, linkedin.`,
  needs: 'database',
  // The CRM feature brings attribution and the people's addresses in Twenty (PersonEmails); Redis opens only if Twenty is asked.
  module: () => import('src/crm/crm.module').then((loaded) => loaded.CrmModule),
};
