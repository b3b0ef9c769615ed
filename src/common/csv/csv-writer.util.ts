export type CsvCell = string | number;

/**
 * CSV text (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
 * its quotes doubled) of rows of cells; the reading half is csv-records.util.ts.
 * `formulasAsText` (on by default) keeps a spreadsheet from running a cell starting with = + - @ as a
 * formula (a campaign named "=HYPERLINK(…)" must stay text); files read by a machine, such as an ad
 * platform's upload, turn it off so their values arrive as they are.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { formulasAsText?: boolean } = {}): string {
  const formulasAsText = options.formulasAsText ?? true;
  return rows.map((row) => row.map((value) => cell(value, formulasAsText)).join(',')).join('\r\n') + '\r\n';
}

function cell(value: CsvCell, formulasAsText: boolean): string {
  if (typeof value === 'number') return String(value);
  const text = formulasAsText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
