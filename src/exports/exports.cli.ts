import type { CliCommandDeclaration } from 'src/common/cli/cli-command.decorator';

export const EXPORTS_RUN: CliCommandDeclaration = {
  name: 'exports:run',
  synopsis: 'exports:run --workspace <name> [--date <yyyy-mm-dd>]',
  description: `Runs the scheduled export now for one UTC day (yesterday if omitted): offline-conversion files,
daily analytics and events into EXPORT_DIR, each recorded as an export run; prints one line per run.`,
  needs: 'database',
  module: () => import('src/exports/exports.module').then((loaded) => loaded.ExportsModule),
};
