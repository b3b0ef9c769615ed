import { ValidationFailure } from 'src/common/errors/validation-failure';
import { parsePathsCsv } from 'src/attribution/engine/paths/paths-csv.parser';

describe('parsePathsCsv', () => {
  it('reads the ChannelAttribution format with ";"', () => {
    const parsed = parsePathsCsv('path;total_conversions;total_conversion_value;total_null\neta > iota > alpha > eta;1;0.244;3\niota;0;0;2\n');
    expect(parsed).toEqual({
      separator: ';',
      journeys: [
        { path: ['eta', 'iota', 'alpha', 'eta'], conversions: 1, value: 0.244, nulls: 3 },
        { path: ['iota'], conversions: 0, value: 0, nulls: 2 },
      ],
      badRows: [],
    });
  });

  it('detects "," and accepts quoted fields, CRLF, a BOM and columns in any order', () => {
    const text = '\uFEFFtotal_null,"path",total_conversions,total_conversion_value,comment\r\n2,"a > b, the sequel",3,"1.5","say ""hi"""\r\n';
    expect(parsePathsCsv(text)).toEqual({
      separator: ',',
      journeys: [{ path: ['a', 'b, the sequel'], conversions: 3, value: 1.5, nulls: 2 }],
      badRows: [],
    });
  });

  it('treats the value and null columns as optional', () => {
    expect(parsePathsCsv('path,total_conversions\na>b,4').journeys).toEqual([{ path: ['a', 'b'], conversions: 4, value: 0, nulls: 0 }]);
  });

  it('accepts a decimal comma with ";"', () => {
    expect(parsePathsCsv('path;total_conversions;total_conversion_value\na;1;3,25').journeys[0].value).toBe(3.25);
  });

  it('reports bad rows with their 1-based line number and carries on', () => {
    const text = [
      'path;total_conversions;total_conversion_value;total_null',
      'a > b;1;2;3',
      'a > b;1;2',
      ';1;2;3',
      'a >  > b;1;2;3',
      'a;one;2;3',
      'a;1;-2;3',
      '',
      '"a > b;1;2;3',
    ].join('\n');
    const parsed = parsePathsCsv(text);
    expect(parsed.journeys).toEqual([{ path: ['a', 'b'], conversions: 1, value: 2, nulls: 3 }]);
    expect(parsed.badRows).toEqual([
      { line: 3, reason: 'expected 4 fields, found 3' },
      { line: 4, reason: 'path is empty' },
      { line: 5, reason: 'path has an empty channel at position 2' },
      { line: 6, reason: 'total_conversions must be a number >= 0, got "one"' },
      { line: 7, reason: 'total_conversion_value must be a number >= 0, got "-2"' },
      { line: 9, reason: 'unterminated quoted field' },
    ]);
  });

  it('counts lines inside quoted fields and flags text after a closing quote', () => {
    const parsed = parsePathsCsv('path,total_conversions\n"a >\nb",1\n"c"x,2\nd,3');
    expect(parsed.journeys).toEqual([
      { path: ['a', 'b'], conversions: 1, value: 0, nulls: 0 },
      { path: ['d'], conversions: 3, value: 0, nulls: 0 },
    ]);
    expect(parsed.badRows).toEqual([{ line: 4, reason: 'unexpected "x" after a closing quote' }]);
  });

  it.each([
    ['', 'the first line must be a header naming the columns path;total_conversions;total_conversion_value;total_null'],
    ['\n\na;1', 'the first line must be a header naming the columns path;total_conversions;total_conversion_value;total_null'],
    ['a > b;1;2;3\n', 'missing columns "path", "total_conversions" (found "a > b", "1", "2", "3")'],
    ['path,conversions\n', 'missing column "total_conversions" (found "path", "conversions")'],
    ['path;path;total_conversions\n', 'column "path" appears twice'],
  ])('throws for the header of %p', (text, problem) => {
    expect(() => parsePathsCsv(text)).toThrow(new ValidationFailure('header', problem));
  });
});
