import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { AdSpendService } from 'src/analytics/ads/ad-spend.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { ParsedArgs, requireOption, UsageError } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import { progressBar } from 'src/common/cli/progress-bar.util';
import { workspaceNamed } from 'src/common/cli/workspace-named';
import { microsToDecimal } from 'src/common/money/micros.util';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';

/** `trackflow ads:import` and `analytics:rollup` (analytics.cli.ts). */
@Injectable()
export class AnalyticsCommands {
  constructor(
    private readonly adSpend: AdSpendService,
    private readonly rollups: RollupsService,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  @CliCommand('ads:import')
  async importAdSpend(args: ParsedArgs): Promise<void> {
    const file = args.positional[0];
    if (!file) throw new UsageError('give the CSV file: ads:import <file.csv> --workspace <name> --platform <platform>');
    const workspaceName = requireOption(args, 'workspace');
    const platform = requireOption(args, 'platform');
    const currency = args.options.get('currency');
    const csv = await readFile(file, 'utf8');
    const workspace = await workspaceNamed(this.workspaces, workspaceName);
    const summary = await this.adSpend.importCsv(workspace.id, platform, csv, typeof currency === 'string' ? currency : null, progressBar('importing'));
    for (const bad of summary.badRows) console.error(`line ${bad.line}: ${bad.reason}`);
    const spend = summary.spendByCurrency.map((amount) => `${microsToDecimal(amount.amount)} ${amount.currencyCode}`).join(', ') || 'nothing';
    console.log(`${summary.platform}: ${summary.imported} of ${summary.rowsRead} row(s) imported, ${summary.badRows.length} bad row(s) left out.`);
    if (summary.daysReplaced > 0) console.log(`${summary.daysReplaced} day(s) from ${summary.firstDate} to ${summary.lastDate} replaced (${summary.replacedRows} earlier row(s)); spend ${spend}.`);
    console.log(JSON.stringify({ ...summary, spendByCurrency: summary.spendByCurrency.map((amount) => ({ currencyCode: amount.currencyCode, amount: microsToDecimal(amount.amount) })) }));
  }

  @CliCommand('analytics:rollup')
  async rollUp(args: ParsedArgs): Promise<void> {
    const name = args.options.get('workspace');
    if (typeof name !== 'string') {
      const { workspaces, failed } = await this.rollups.runAll();
      console.log(`Rolled up ${workspaces - failed.length} of ${workspaces} workspace(s).`);
      if (failed.length > 0) throw new UsageError(`rollup failed for workspace(s) ${failed.join(', ')}`);
      return;
    }
    for (const result of await this.rollups.runWorkspace((await workspaceNamed(this.workspaces, name)).id)) {
      console.log(`${result.grain} ${result.zone}: ${result.rebuilt.length} range(s) rebuilt, rolled up until ${result.rolledUpUntil.toISOString()}`);
    }
  }
}
