export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record cannot be split into fields at all (quote trouble). */
  error: string | null;
}

/**
 * Splits CSV text into records, with the separator its header line uses most among `candidates`
 * (the first of them on a tie). A byte-order mark is ignored.
 */
export function readCsvRecords(text: string, candidates: readonly string[]): { separator: string; records: CsvRecord[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const outsideQuotes = body.split(/\r\n|\n|\r/, 1)[0].replace(/"[^"]*"/g, '');
  let separator = candidates[0];
  for (const candidate of candidates) if (outsideQuotes.split(candidate).length > outsideQuotes.split(separator).length) separator = candidate;
  return { separator, records: splitRecords(body, separator) };
}

export function isBlankRecord(record: CsvRecord): boolean {
  return record.error === null && record.fields.length === 1 && record.fields[0].trim() === '';
}

/** RFC 4180 records: quoted fields may hold the separator, quotes ("") and line breaks. */
function splitRecords(text: string, separator: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [], error: null };
    let field = '';
    let atFieldStart = true;
    let ended = false;
    while (i < text.length && !ended) {
      const char = text[i];
      if (atFieldStart && char === '"') {
        const close = readQuoted(text, i + 1);
        line += close.lineBreaks;
        if (close.end === -1) {
          record.error ??= 'unterminated quoted field';
          i = text.length;
          break;
        }
        field += close.value;
        i = close.end + 1;
        atFieldStart = false;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
          record.error ??= `unexpected ${JSON.stringify(next)} after a closing quote`;
        }
        continue;
      }
      if (char === separator) {
        record.fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (char === '\n' || char === '\r') {
        if (char === '\r' && text[i + 1] === '\n') i += 1;
        line += 1;
        ended = true;
      } else {
        field += char;
        atFieldStart = false;
      }
      i += 1;
    }
    record.fields.push(field);
    records.push(record);
  }
  return records;
}

/** Reads a quoted field's content from just after its opening quote; `end` is the closing quote's index, -1 if none. */
function readQuoted(text: string, from: number): { value: string; end: number; lineBreaks: number } {
  let value = '';
  let lineBreaks = 0;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 1;
        continue;
      }
      return { value, end: i, lineBreaks };
    }
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) lineBreaks += 1;
    value += char;
  }
  return { value, end: -1, lineBreaks };
}
