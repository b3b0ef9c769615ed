/**
 * Splits an ad spend CSV into requests `importAdSpend` accepts. The API replaces a platform's rows
 * on every day a request covers, so a day split over two requests would have the second erase the
 * first's rows: every line of one day goes in the same chunk (days need not be contiguous in the
 * file), each chunk repeats the header, and each remembers the file line of each of its lines so a
 * refusal names the line the user sees in their file.
 */

export interface AdSpendChunk {
  csv: string;
  /** `fileLines[n - 1]` is the line of the file that line n of this chunk came from. */
  fileLines: number[];
  /** How many data rows (non-blank records) the chunk carries. */
  rows: number;
}

export type ChunkPlan = { ok: true; chunks: AdSpendChunk[] } | { ok: false; reason: string };

/** The date column's spellings the API accepts (src/analytics/ads/ad-spend-csv.parser.ts). */
const DATE_HEADERS = ['date', 'day', 'date_start', 'reporting_starts'];
const SEPARATORS = [',', ';', '\t'];

interface RawRecord {
  text: string;
  firstLine: number;
  lineCount: number;
  fields: string[];
}

/** Records with their raw text (line break included), quoted line breaks kept inside their record. */
function readRecords(text: string, separator: string): RawRecord[] {
  const records: RawRecord[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let i = start;
    let quoted = false;
    let breaks = 0;
    let field = '';
    const fields: string[] = [];
    for (; i < text.length; i += 1) {
      const char = text[i];
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === separator) {
        fields.push(field);
        field = '';
        continue;
      } else if (!quoted && (char === '\n' || char === '\r')) {
        if (char === '\r' && text[i + 1] === '\n') i += 1;
        i += 1;
        break;
      } else if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) breaks += 1;
      if (char !== '"') field += char;
    }
    fields.push(field);
    const raw = text.slice(start, i);
    records.push({ text: /[\r\n]$/.test(raw) ? raw : `${raw}\n`, firstLine: line, lineCount: breaks + 1, fields });
    line += breaks + 1;
    start = i;
  }
  return records;
}

/** What one request body costs for this text: the JSON string the browser sends, in UTF-8 bytes. */
export const requestBytes = (csv: string): number => new TextEncoder().encode(JSON.stringify(csv)).length;

/**
 * Chunks of at most `maxBytes` (as sent), whole days each. A file that fits is sent as it is (the
 * API then judges even its header); a day larger than `maxBytes` on its own cannot be sent safely
 * and is refused by name.
 */
export function chunkAdSpendCsv(text: string, maxBytes: number): ChunkPlan {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const headerLine = body.split(/\r\n|\n|\r/, 1)[0];
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, '');
  const separator = SEPARATORS.reduce((best, candidate) => (outsideQuotes.split(candidate).length > outsideQuotes.split(best).length ? candidate : best));
  const [header, ...records] = readRecords(body, separator);
  const data = records.filter((record) => record.fields.some((field) => field.trim() !== ''));
  const whole = (): AdSpendChunk => ({ csv: body, fileLines: Array.from({ length: (header?.lineCount ?? 0) + records.reduce((sum, record) => sum + record.lineCount, 0) }, (_, index) => index + 1), rows: data.length });
  if (!header || requestBytes(body) <= maxBytes) return { ok: true, chunks: [whole()] };
  const dateColumn = header.fields.findIndex((name) => DATE_HEADERS.includes(name.trim().toLowerCase().replace(/[\s-]+/g, '_')));
  if (dateColumn < 0) return { ok: true, chunks: [whole()] };

  const days = new Map<string, RawRecord[]>();
  for (const record of data) {
    const day = (record.fields[dateColumn] ?? '').trim();
    days.set(day, [...(days.get(day) ?? []), record]);
  }
  // JSON.stringify of a concatenation costs its parts' escaped sizes plus one pair of quotes.
  const escaped = (record: RawRecord) => requestBytes(record.text) - 2;
  const headerCost = 2 + escaped(header);
  const chunks: AdSpendChunk[] = [];
  let current: RawRecord[] = [];
  let currentCost = headerCost;
  const close = () => {
    if (current.length === 0) return;
    const lines = [header, ...current].flatMap((record) => Array.from({ length: record.lineCount }, (_, index) => record.firstLine + index));
    chunks.push({ csv: [header, ...current].map((record) => record.text).join(''), fileLines: lines, rows: current.length });
    current = [];
    currentCost = headerCost;
  };
  for (const [day, dayRecords] of days) {
    const dayCost = dayRecords.reduce((sum, record) => sum + escaped(record), 0);
    if (headerCost + dayCost > maxBytes) return { ok: false, reason: `the rows of ${day || 'lines without a date'} alone exceed ${Math.floor(maxBytes / 1000)} KB, more than one request may carry: import this file with the trackflow command line` };
    if (currentCost + dayCost > maxBytes) close();
    current.push(...dayRecords);
    currentCost += dayCost;
  }
  close();
  return { ok: true, chunks };
}

/** The file line of a line the API named in a chunk. */
export const fileLineOf = (chunk: AdSpendChunk, line: number): number => chunk.fileLines[line - 1] ?? line;
