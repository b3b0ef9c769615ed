/** The server's CSV writer (RFC 4180, formulas kept as text), shared so the browser's exports quote as the server's do. */
export { toCsv } from '../../src/common/csv/csv-writer.util';

/** A link that downloads the text as a file, without Blob URLs to revoke (Twenty's sandbox mirrors plain attributes). */
export const csvHref = (csv: string): string => `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
