import { completeMonthsTouched, contiguousRanges, nextNewPeriods, periodAfter, periodStart } from 'src/analytics/rollups/rollup-plan.util';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('rollup periods', () => {
  it('finds the UTC hour or the local day around an instant, and the next one', () => {
    expect(iso(periodStart('hour', 'UTC', at('2026-11-03T10:59:59Z')))).toBe('2026-11-03T10:00:00.000Z');
    expect(iso(periodStart('day', 'America/New_York', at('2026-11-03T03:00:00Z')))).toBe('2026-11-02T05:00:00.000Z');
    // New York falls back on 1 November 2026: that day has 25 hours.
    expect(iso(periodAfter('day', 'America/New_York', at('2026-11-01T04:00:00Z')))).toBe('2026-11-02T05:00:00.000Z');
    expect(iso(periodAfter('hour', 'UTC', at('2026-11-01T23:00:00Z')))).toBe('2026-11-02T00:00:00.000Z');
  });

  it('rolls up new periods from the frontier to the last closed one, a bounded chunk at a time', () => {
    expect(nextNewPeriods('day', 'UTC', at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 31)).toEqual({ startMs: at('2026-01-01T00:00:00Z'), endMs: at('2026-02-01T00:00:00Z') });
    expect(nextNewPeriods('day', 'UTC', at('2026-02-01T00:00:00Z'), at('2026-02-03T00:00:00Z'), 31)).toEqual({ startMs: at('2026-02-01T00:00:00Z'), endMs: at('2026-02-03T00:00:00Z') });
    expect(nextNewPeriods('hour', 'UTC', at('2026-02-03T00:00:00Z'), at('2026-02-03T00:00:00Z'), 31)).toBeNull();
  });

  it('merges periods into contiguous ranges, whatever their order or repeats', () => {
    const days = ['2026-03-03', '2026-03-01', '2026-03-02', '2026-03-02', '2026-03-09'].map((day) => at(`${day}T00:00:00Z`));
    expect(contiguousRanges('day', 'UTC', days).map((range) => [iso(range.startMs), iso(range.endMs)])).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
      ['2026-03-09T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
    expect(contiguousRanges('hour', 'UTC', [])).toEqual([]);
  });

  it('rebuilds the complete months that rebuilt days touch, not the open one', () => {
    const range = (from: string, to: string) => ({ startMs: at(from), endMs: at(to) });
    expect(completeMonthsTouched('UTC', [range('2026-01-10T00:00:00Z', '2026-03-05T00:00:00Z')], at('2026-03-05T00:00:00Z'))).toEqual([{ first: '2026-01-01', end: '2026-03-01' }]);
    expect(completeMonthsTouched('UTC', [range('2026-02-28T00:00:00Z', '2026-03-01T00:00:00Z'), range('2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z')], at('2026-06-01T00:00:00Z'))).toEqual([
      { first: '2026-02-01', end: '2026-03-01' },
      { first: '2026-05-01', end: '2026-06-01' },
    ]);
    // Paris's March starts on 28 February at 23:00 UTC.
    expect(completeMonthsTouched('Europe/Paris', [range('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z')], at('2026-03-31T22:00:00Z'))).toEqual([{ first: '2026-03-01', end: '2026-04-01' }]);
  });
});
