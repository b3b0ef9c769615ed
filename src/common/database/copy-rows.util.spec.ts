import { copyTextRows, copyTextValue } from 'src/common/database/copy-rows.util';

describe('COPY text format', () => {
  it('writes null and undefined as \\N, booleans as t/f and finite numbers as they print', () => {
    expect([null, undefined, true, false, 42, -1.5, 0].map(copyTextValue)).toEqual(['\\N', '\\N', 't', 'f', '42', '-1.5', '0']);
  });

  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyTextValue('C:\\path\tand\nmore\r')).toBe('C:\\\\path\\tand\\nmore\\r');
    expect(copyTextValue('{"a":"\\"quoted\\" é"}')).toBe('{"a":"\\\\"quoted\\\\" é"}');
    expect(copyTextValue('\\N')).toBe('\\\\N');
    expect(copyTextValue('plain text, commas; "quotes"')).toBe('plain text, commas; "quotes"');
  });

  it('refuses numbers COPY would not read back as written', () => {
    expect(() => copyTextValue(Number.NaN)).toThrow('COPY cannot carry the number NaN');
    expect(() => copyTextValue(Infinity)).toThrow(RangeError);
  });

  it('separates values by tabs and ends every row with a newline', () => {
    expect(copyTextRows([['a', null, 1], ['b\tc', true, 2]])).toBe('a\t\\N\t1\nb\\tc\tt\t2\n');
    expect(copyTextRows([])).toBe('');
  });
});
