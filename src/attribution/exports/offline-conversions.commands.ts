import { Injectable } from '@nestjs/common';
import { writeFile } from 'node:fs/promises';
import { OfflineConversionsService } from 'src/attribution/exports/offline-conversions.service';
import { ParsedArgs, requireOption, UsageError } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';
import { workspaceNamed } from 'src/common/cli/workspace-named';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';

/** `trackflow conversions:export` (attribution.cli.ts). */
@Injectable()
export class OfflineConversionsCommands {
  constructor(
    private readonly offlineConversions: OfflineConversionsService,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  @CliCommand('conversions:export')
  async export(args: ParsedArgs): Promise<void> {
    const workspace = await workspaceNamed(this.workspaces, requireOption(args, 'workspace'));
    const model = args.options.get('model');
    const out = args.options.get('out');
    if (model === true) throw new UsageError('--model needs a model id or type, e.g. --model LINEAR');
    if (out === true) throw new UsageError('--out needs a file name');
    const file = await this.offlineConversions.export(workspace.id, {
      platform: requireOption(args, 'platform'),
      from: dateOption(args, 'from'),
      to: dateOption(args, 'to'),
      model: model ?? null,
      includeLeads: args.options.get('include-leads') === true,
    });
    if (out === undefined) {
      process.stdout.write(file.text);
      return;
    }
    await writeFile(out, file.text, 'utf8');
    console.log(`${file.platform}: ${file.rowCount} conversion(s) valued under ${file.modelName} written to ${out}.`);
  }
}

function dateOption(args: ParsedArgs, name: string): Date {
  const text = requireOption(args, name);
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) throw new UsageError(`--${name} must be a date such as 2025-01-31 or an ISO time, got "${text}"`);
  return date;
}
