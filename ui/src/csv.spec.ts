import { readCsvRecords } from '../../src/common/csv/csv-records.util';
import { csvHref, toCsv } from './csv';

describe('CSV writing', () => {
  it('quotes what needs it and reads back as written with the project reader', () => {
    const rows = [
      ['Group', 'Credit'],
      ['Spring, "sale"', 1.5],
      ['two\nlines', 0],
    ];
    const csv = toCsv(rows);
    expect(csv).toBe('Group,Credit\r\n"Spring, ""sale""",1.5\r\n"two\nlines",0\r\n');
    const { records } = readCsvRecords(csv, [',']);
    expect(records.slice(0, 3).map((record) => record.fields)).toEqual(rows.map((row) => row.map(String)));
  });

  it('keeps formulas as text', () => {
    expect(toCsv([['=1+1', '-5', '@x', 'plain']])).toBe("'=1+1,'-5,'@x,plain\r\n");
    expect(toCsv([[-5]])).toBe('-5\r\n');
  });

  it('makes a download link of the text', () => {
    expect(decodeURIComponent(csvHref('a,b\r\n').split(',').slice(1).join(','))).toBe('a,b\r\n');
  });
});
