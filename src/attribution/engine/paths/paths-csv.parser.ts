import { isBlankRecord, readCsvRecords } from 'src/common/csv/csv-records.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';

interface PathsCsvBadRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  reason: string;
}

interface ParsedPathsCsv {
  separator: string;
  journeys: Journey[];
  badRows: PathsCsvBadRow[];
}

const REQUIRED_COLUMNS = ['path', 'total_conversions'] as const;
const OPTIONAL_COLUMNS = ['total_conversion_value', 'total_null'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
const NUMERIC_COLUMNS = ['total_conversions', 'total_conversion_value', 'total_null'] as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** ChannelAttribution joins channels with " > "; splitting on ">" alone also accepts "a>b". */
const CHANNEL_SEPARATOR = '>';

/**
 * Reads aggregated journeys in ChannelAttribution's format: a header row naming `path` and
 * `total_conversions` (and optionally `total_conversion_value` and `total_null`, 0 when absent),
 * in any order, then one row per path. The separator, `,` or `;`, is the one the header uses
 * more; with `;` a decimal comma ("3,5") is accepted. Fields may be quoted ("a > b", with ""
 * for a quote). A bad data row never stops the parse: it is listed with its line number and why.
 * Only a missing or unusable header throws.
 */
export function parsePathsCsv(text: string): ParsedPathsCsv {
  const { separator, records } = readCsvRecords(text, [';', ',']);
  const header = records.shift();
  if (!header || header.error || isBlankRecord(header)) {
    throw new ValidationFailure('header', `the first line must be a header naming the columns ${COLUMNS.join(separator)}`);
  }
  const columns = readHeader(header.fields);

  const journeys: Journey[] = [];
  const badRows: PathsCsvBadRow[] = [];
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const parsed = record.error ?? readRow(record.fields, columns, header.fields.length, separator);
    if (typeof parsed === 'string') badRows.push({ line: record.line, reason: parsed });
    else journeys.push(parsed);
  }
  return { separator, journeys, badRows };
}

function readHeader(names: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!COLUMNS.includes(name)) return;
    if (columns.has(name as Column)) throw new ValidationFailure('header', `column "${name}" appears twice`);
    columns.set(name as Column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw new ValidationFailure('header', `missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')} (found ${names.map((name) => `"${name.trim()}"`).join(', ')})`);
  }
  return columns;
}

/** The journey, or the reason the row is bad. */
function readRow(fields: string[], columns: Map<Column, number>, width: number, separator: string): Journey | string {
  if (fields.length !== width) return `expected ${width} fields, found ${fields.length}`;
  const path = fields[columns.get('path') as number].split(CHANNEL_SEPARATOR).map((channel) => channel.trim());
  if (path.length === 1 && path[0] === '') return 'path is empty';
  const emptyAt = path.indexOf('');
  if (emptyAt !== -1) return `path has an empty channel at position ${emptyAt + 1}`;

  const numbers: Partial<Record<Column, number>> = {};
  for (const column of NUMERIC_COLUMNS) {
    const index = columns.get(column);
    if (index === undefined) continue;
    const raw = fields[index].trim();
    const normalised = separator === ';' && /^[+-]?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
    const value = NUMBER.test(normalised) ? Number(normalised) : NaN;
    if (!Number.isFinite(value) || value < 0) return `${column} must be a number >= 0, got "${raw}"`;
    numbers[column] = value;
  }
  return {
    path,
    conversions: numbers.total_conversions ?? 0,
    value: numbers.total_conversion_value ?? 0,
    nulls: numbers.total_null ?? 0,
  };
}
