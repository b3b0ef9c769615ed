import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { AttributionModelType } from 'src/attribution/engine/attribution-model.config';
import { MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { analysePaths } from 'src/attribution/engine/paths/analyse-paths.util';
import { parsePathsCsv } from 'src/attribution/engine/paths/paths-csv.parser';
import { ParsedArgs, requireOption, UsageError } from 'src/common/cli/cli-args.util';
import { CliCommand } from 'src/common/cli/cli-command.decorator';

/** `trackflow attribution:paths` (attribution.cli.ts). */
@Injectable()
export class AttributionPathsCommands {
  @CliCommand('attribution:paths')
  async analyse(args: ParsedArgs): Promise<void> {
    const file = args.positional[0];
    if (!file) throw new UsageError('give the CSV file: attribution:paths <file.csv> --model <MODEL>');
    const model = requireOption(args, 'model').toUpperCase() as AttributionModelType;
    const order = args.options.get('order');
    const halfLife = args.options.get('half-life');
    const parsed = parsePathsCsv(await readFile(file, 'utf8'));
    for (const bad of parsed.badRows) console.error(`line ${bad.line}: ${bad.reason}`);
    if (parsed.badRows.length > 0) console.error(`${parsed.badRows.length} bad row(s) skipped`);
    const analysis = analysePaths(parsed.journeys, {
      model,
      order: typeof order === 'string' ? (Number(order) as MarkovOrder) : undefined,
      halfLifeDays: typeof halfLife === 'string' ? Number(halfLife) : undefined,
    });
    console.log(JSON.stringify(analysis));
  }
}
