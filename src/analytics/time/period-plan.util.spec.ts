import { bucketCountAtMost, daySegments, isRolledUpHour, makeBuckets, monthOf, nextMonth, planRange } from 'src/analytics/time/period-plan.util';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const shape = (buckets: ReturnType<typeof makeBuckets>) => buckets.map((bucket) => [bucket.label, iso(bucket.startMs), iso(bucket.endMs)]);

describe('makeBuckets', () => {
  it('cuts local days, the 23-hour day of spring forward included, and clips the ends', () => {
    expect(shape(makeBuckets('Europe/Paris', at('2026-03-28T12:00:00Z'), at('2026-03-30T06:00:00Z'), 'DAY'))).toEqual([
      ['2026-03-28', '2026-03-28T12:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T06:00:00.000Z'],
    ]);
  });

  it('starts weeks on Monday in the zone', () => {
    expect(shape(makeBuckets('America/New_York', at('2026-11-04T05:00:00Z'), at('2026-11-17T05:00:00Z'), 'WEEK'))).toEqual([
      ['2026-11-02', '2026-11-04T05:00:00.000Z', '2026-11-09T05:00:00.000Z'],
      ['2026-11-09', '2026-11-09T05:00:00.000Z', '2026-11-16T05:00:00.000Z'],
      ['2026-11-16', '2026-11-16T05:00:00.000Z', '2026-11-17T05:00:00.000Z'],
    ]);
  });

  it('cuts local hours, on the half hour in India and with one hour fewer on spring forward', () => {
    expect(shape(makeBuckets('Asia/Kolkata', at('2026-06-01T11:45:00Z'), at('2026-06-01T13:30:00Z'), 'HOUR'))).toEqual([
      ['2026-06-01T17:00', '2026-06-01T11:45:00.000Z', '2026-06-01T12:30:00.000Z'],
      ['2026-06-01T18:00', '2026-06-01T12:30:00.000Z', '2026-06-01T13:30:00.000Z'],
    ]);
    const paris = makeBuckets('Europe/Paris', at('2026-03-29T00:00:00Z'), at('2026-03-29T02:00:00Z'), 'HOUR');
    expect(shape(paris)).toEqual([
      ['2026-03-29T01:00', '2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
      ['2026-03-29T03:00', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    ]);
  });

  it('bounds the number of buckets from above before building them', () => {
    for (const interval of ['HOUR', 'DAY', 'WEEK'] as const) {
      const from = at('2026-03-01T00:00:00Z');
      const to = at('2026-04-15T00:00:00Z');
      expect(makeBuckets('Europe/Paris', from, to, interval).length).toBeLessThanOrEqual(bucketCountAtMost(from, to, interval));
    }
  });
});

describe('planRange', () => {
  it('takes whole local days up to the rollup frontier and leaves the partial ends and the open day raw', () => {
    const plan = planRange('Europe/Paris', at('2026-11-01T10:00:00Z'), at('2026-11-05T12:00:00Z'), at('2026-11-04T23:00:00Z'));
    expect(plan.days).toEqual({ firstDay: '2026-11-02', endDay: '2026-11-05', startMs: at('2026-11-01T23:00:00Z'), endMs: at('2026-11-04T23:00:00Z') });
    expect(plan.raw.map((part) => [iso(part.fromMs), iso(part.toMs)])).toEqual([
      ['2026-11-01T10:00:00.000Z', '2026-11-01T23:00:00.000Z'],
      ['2026-11-04T23:00:00.000Z', '2026-11-05T12:00:00.000Z'],
    ]);
  });

  it('is all rollup for whole past days, and all raw without rollups or whole days', () => {
    expect(planRange('UTC', at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), at('2026-11-01T00:00:00Z'))).toEqual({
      days: { firstDay: '2026-01-01', endDay: '2026-02-01', startMs: at('2026-01-01T00:00:00Z'), endMs: at('2026-02-01T00:00:00Z') },
      raw: [],
    });
    expect(planRange('UTC', at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), null).days).toBeNull();
    expect(planRange('UTC', at('2026-01-01T03:00:00Z'), at('2026-01-02T02:00:00Z'), at('2026-11-01T00:00:00Z'))).toEqual({
      days: null,
      raw: [{ fromMs: at('2026-01-01T03:00:00Z'), toMs: at('2026-01-02T02:00:00Z') }],
    });
  });
});

describe('daySegments', () => {
  it('reads whole calendar months from monthly rows and the days around them from daily rows', () => {
    expect(daySegments('2025-11-22', '2026-11-22')).toEqual([
      { grain: 'day', first: '2025-11-22', end: '2025-12-01' },
      { grain: 'month', first: '2025-12-01', end: '2026-11-01' },
      { grain: 'day', first: '2026-11-01', end: '2026-11-22' },
    ]);
    expect(daySegments('2026-01-01', '2026-03-01')).toEqual([{ grain: 'month', first: '2026-01-01', end: '2026-03-01' }]);
    expect(daySegments('2026-01-05', '2026-01-25')).toEqual([{ grain: 'day', first: '2026-01-05', end: '2026-01-25' }]);
    expect(daySegments('2026-01-05', '2026-02-25')).toEqual([{ grain: 'day', first: '2026-01-05', end: '2026-02-25' }]);
    expect(monthOf('2026-12-31')).toBe('2026-12-01');
    expect(nextMonth('2026-12-01')).toBe('2027-01-01');
    expect(nextMonth('2026-01-01')).toBe('2026-02-01');
  });
});

describe('isRolledUpHour', () => {
  it('needs one whole UTC hour that ends by the frontier', () => {
    const bucket = (start: string, end: string) => ({ index: 0, label: '', startMs: at(start), endMs: at(end) });
    expect(isRolledUpHour(bucket('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'), at('2026-06-01T11:00:00Z'))).toBe(true);
    expect(isRolledUpHour(bucket('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'), at('2026-06-01T10:00:00Z'))).toBe(false);
    expect(isRolledUpHour(bucket('2026-06-01T10:30:00Z', '2026-06-01T11:30:00Z'), at('2026-06-02T00:00:00Z'))).toBe(false);
    expect(isRolledUpHour(bucket('2026-06-01T10:15:00Z', '2026-06-01T11:00:00Z'), at('2026-06-02T00:00:00Z'))).toBe(false);
    expect(isRolledUpHour(bucket('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'), null)).toBe(false);
  });
});
