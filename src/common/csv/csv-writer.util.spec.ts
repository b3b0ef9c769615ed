import { readCsvRecords } from 'src/common/csv/csv-records.util';
import { toCsv } from 'src/common/csv/csv-writer.util';

describe('toCsv', () => {
  it('quotes per RFC 4180 and reads back as written', () => {
    const rows = [['a,b', 'say "hi"', 'two\r\nlines', 'plain', 3]];
    const csv = toCsv(rows);
    expect(csv).toBe('"a,b","say ""hi""","two\r\nlines",plain,3\r\n');
    expect(readCsvRecords(csv, [',']).records[0].fields).toEqual(['a,b', 'say "hi"', 'two\r\nlines', 'plain', '3']);
  });

  it('leaves values as they are for machine-read files', () => {
    expect(toCsv([['-Cj0KCQ', '=x']], { formulasAsText: false })).toBe('-Cj0KCQ,=x\r\n');
    expect(toCsv([['-Cj0KCQ']])).toBe("'-Cj0KCQ\r\n");
  });
});
