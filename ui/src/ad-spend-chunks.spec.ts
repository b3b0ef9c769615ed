import { chunkAdSpendCsv, fileLineOf, requestBytes } from './ad-spend-chunks';

const HEADER = 'date,campaign_id,ad_id,spend';
const row = (day: number, ad: number) => `2026-10-${String(day).padStart(2, '0')},c1,ad${ad},1.50`;

/** The chunk's data lines with the file line each came from. */
const located = (csv: string, fileLines: number[]) =>
  csv
    .split('\n')
    .slice(1)
    .map((line, index) => [fileLines[index + 1], line] as const)
    .filter(([, line]) => line !== '');

describe('chunkAdSpendCsv', () => {
  it('sends a file that fits as it is, its lines its own', () => {
    const csv = [HEADER, row(1, 1), '', row(2, 1)].join('\n');
    const plan = chunkAdSpendCsv(csv, 10_000);
    expect(plan).toEqual({ ok: true, chunks: [{ csv, fileLines: [1, 2, 3, 4], rows: 2 }] });
  });

  it('keeps every line of a day in one chunk, even when the file interleaves days, each chunk under the limit with the header', () => {
    const lines = [HEADER];
    for (let ad = 1; ad <= 30; ad += 1) for (const day of [1, 2, 3, 4]) lines.push(row(day, ad));
    const file = lines.join('\r\n');
    const limit = requestBytes([HEADER, ...lines.slice(1, 61)].join('\r\n')) + 10;
    const plan = chunkAdSpendCsv(file, limit);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.chunks.length).toBeGreaterThan(1);
    const daysOf = plan.chunks.map((chunk) => new Set(chunk.csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.slice(0, 10))));
    for (const [index, days] of daysOf.entries()) for (const day of days) expect(daysOf.filter((other, at) => at !== index && other.has(day))).toEqual([]);
    for (const chunk of plan.chunks) {
      expect(chunk.csv.startsWith(`${HEADER}\r\n`)).toBe(true);
      expect(requestBytes(chunk.csv)).toBeLessThanOrEqual(limit);
      expect(chunk.fileLines[0]).toBe(1);
    }
    const sent = plan.chunks.flatMap((chunk) => chunk.csv.split(/\r?\n/).slice(1).filter(Boolean).map((line, index) => [chunk.fileLines[index + 1], line]));
    expect(sent.sort(([a], [b]) => Number(a) - Number(b))).toEqual(lines.slice(1).map((line, index) => [index + 2, line]));
    expect(plan.chunks.reduce((sum, chunk) => sum + chunk.rows, 0)).toBe(120);
  });

  it('names file lines across quoted line breaks and skipped blank lines', () => {
    const big = 'x'.repeat(60);
    const file = [HEADER + ',note', `2026-10-01,c1,ad1,1,"two\nlines"`, '', `2026-10-02,c1,ad1,1,${big}`, `2026-10-01,c1,ad2,oops,${big}`].join('\n');
    const plan = chunkAdSpendCsv(file, 180);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.chunks.map((chunk) => located(chunk.csv, chunk.fileLines))).toEqual([
      [
        [2, '2026-10-01,c1,ad1,1,"two'],
        [3, 'lines"'],
        [6, `2026-10-01,c1,ad2,oops,${big}`],
      ],
      [[5, `2026-10-02,c1,ad1,1,${big}`]],
    ]);
    expect(fileLineOf(plan.chunks[0], 4)).toBe(6);
  });

  it('refuses a day that cannot fit in one request, naming it, and leaves a file without a date column to the API', () => {
    const file = [HEADER, ...Array.from({ length: 20 }, (_, ad) => row(3, ad))].join('\n');
    expect(chunkAdSpendCsv(file, 300)).toEqual({ ok: false, reason: expect.stringMatching(/^the rows of 2026-10-03 alone exceed 0 KB/) });
    const undated = ['when;campaign_id;spend', ...Array.from({ length: 20 }, () => '2026-10-01;c1;1,5')].join('\n');
    expect(chunkAdSpendCsv(undated, 100)).toMatchObject({ ok: true, chunks: [{ csv: undated, rows: 20 }] });
  });

  it('reads the date column under export spellings and separators', () => {
    const file = ['Campaign ID;Day;Amount spent', '"c;1";2026-10-01;1', 'c2;2026-10-02;2', 'c3;2026-10-01;3'].join('\n');
    const plan = chunkAdSpendCsv(file, 80);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.chunks.map((chunk) => chunk.fileLines)).toEqual([
      [1, 2, 4],
      [1, 3],
    ]);
  });
});
