/**
 * CSV text (RFC 4180) of rows of cells, for exports a spreadsheet opens as shown. The project's
 * CSV helper (src/common/csv) reads CSV on the server; this is its writing half for the browser.
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A spreadsheet runs a cell starting with = + - @ as a formula: a campaign named "=HYPERLINK(…)" must stay text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A link that downloads the text as a file, without Blob URLs to revoke (Twenty's sandbox mirrors plain attributes). */
export const csvHref = (csv: string): string => `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
