import { Injectable } from '@nestjs/common';
import { ParsedArgs, requireOption } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import { workspaceNamed } from 'src/common/cli/workspace-named';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { dayBefore } from 'src/exports/export-files.util';
import { ScheduledExportService } from 'src/exports/scheduled-export.service';

/** `trackflow exports:run` (exports.cli.ts). */
@Injectable()
export class ExportCommands {
  constructor(
    private readonly exports: ScheduledExportService,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  @CliCommand('exports:run')
  async run(args: ParsedArgs): Promise<void> {
    const workspace = await workspaceNamed(this.workspaces, requireOption(args, 'workspace'));
    const date = args.options.get('date');
    const runs = await this.exports.runDay(workspace.id, typeof date === 'string' ? date : dayBefore(new Date()));
    for (const run of runs) console.log(`${run.exportDate} ${run.exportType}: ${run.status}, ${run.recordsProcessed} record(s) in ${run.destination}${run.error ? ` (${run.error})` : ''}`);
    process.exitCode = runs.some((run) => run.status === 'FAILED') ? 1 : 0;
  }
}
