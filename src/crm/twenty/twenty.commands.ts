import { Injectable } from '@nestjs/common';
import { ParsedArgs, requireOption } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import { progressBar } from 'src/common/cli/progress-bar.util';
import { workspaceNamed } from 'src/common/cli/workspace-named';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { syncCounts, TwentySyncService } from 'src/crm/twenty/twenty-sync.service';

/** A progress bar per object the Twenty sync walks. */
function syncProgress(): (objectPlural: string, done: number, total: number) => void {
  const bars = new Map<string, (done: number, total: number) => void>();
  return (objectPlural, done, total) => {
    if (!bars.has(objectPlural)) bars.set(objectPlural, progressBar(`syncing ${objectPlural}`));
    bars.get(objectPlural)?.(done, total);
  };
}

/** `trackflow twenty:install`, `twenty:sync` and `twenty:uninstall` (twenty.cli.ts). */
@Injectable()
export class TwentyCommands {
  constructor(
    private readonly installer: TwentyInstallService,
    private readonly syncer: TwentySyncService,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  @CliCommand('twenty:install')
  async install(args: ParsedArgs): Promise<void> {
    const result = await this.installer.install({
      twentyUrl: requireOption(args, 'url'),
      apiKey: requireOption(args, 'api-key'),
      workspaceName: requireOption(args, 'workspace'),
      dryRun: args.options.has('dry-run'),
      requireDelivery: args.options.has('require-delivery'),
      backfill: !args.options.has('no-backfill'),
      progress: syncProgress(),
      log: (line) => console.log(line),
    });
    if (args.options.has('dry-run')) console.log('Dry run: nothing was changed.');
    else console.log(`Done: ${result.applied} change(s) applied, webhook ${result.webhookId}${result.deliveryVerified ? ', deliveries verified' : ', deliveries NOT verified (see the warning above)'}.`);
  }

  @CliCommand('twenty:uninstall')
  uninstall(args: ParsedArgs): Promise<void> {
    return this.installer.uninstall(requireOption(args, 'workspace'), (line) => console.log(line), undefined, args.options.has('purge'));
  }

  @CliCommand('twenty:sync')
  async sync(args: ParsedArgs): Promise<void> {
    const workspace = await workspaceNamed(this.workspaces, requireOption(args, 'workspace'));
    const { processed, deleted, gone } = await this.syncer.sync(workspace.id, { full: args.options.has('full'), progress: syncProgress() });
    console.log(`Synced from Twenty: ${syncCounts(processed)} processed; ${syncCounts(deleted)} found in Twenty's trash; ${syncCounts(gone)} found gone.`);
  }
}
