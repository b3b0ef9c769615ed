import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';

const analyticsModule = () => import('src/analytics/analytics.module').then((loaded) => loaded.AnalyticsModule);

export const ADS_IMPORT: CliCommandDeclaration = {
  name: 'ads:import',
  synopsis: 'ads:import <file.csv> --workspace <name> --platform <platform> [--currency USD]',
  description: `Imports daily ad spend (date, campaign_id, spend, and optionally campaign_name, adset_id, adset_name,
ad_id, ad_name, placement, impressions, clicks, currency). The days the file covers replace that
platform's earlier rows. Bad rows are listed by line number on stderr; a summary ends the output.`,
  needs: 'database',
  module: analyticsModule,
};

export const ANALYTICS_ROLLUP: CliCommandDeclaration = {
  name: 'analytics:rollup',
  synopsis: 'analytics:rollup [--workspace <name>]',
  description: 'Brings the hourly, daily and monthly rollups up to date now (every workspace unless one is named).',
  needs: 'database',
  module: analyticsModule,
};
