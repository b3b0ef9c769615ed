import fc from 'fast-check';
import { quantile, summariseDistribution } from 'src/attribution/engine/reports/distribution.util';

describe('summariseDistribution', () => {
  it('interpolates quartiles between the closest ranks and buckets by whole days', () => {
    // Sorted 0, 0.5, 2, 3, 9, 40: h = 5p. Median h = 2.5 → 2 + 0.5·(3 − 2) = 2.5;
    // p25 h = 1.25 → 0.5 + 0.25·(2 − 0.5) = 0.875; p75 h = 3.75 → 3 + 0.75·(9 − 3) = 7.5.
    const summary = summariseDistribution([9, 0.5, 40, 2, 0, 3]);
    expect(summary).toMatchObject({ count: 6, median: 2.5, p25: 0.875, p75: 7.5 });
    // 0 and 0.5 are day 0; 2 and 3 are "2–3"; 9 is "8–14"; 40 is "31+".
    expect(summary.buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['0', 2],
      ['1', 0],
      ['2–3', 2],
      ['4–7', 0],
      ['8–14', 1],
      ['15–30', 0],
      ['31+', 1],
    ]);
  });

  it('has no median of nothing, but still every bucket', () => {
    const summary = summariseDistribution([]);
    expect(summary).toMatchObject({ count: 0, median: null, p25: null, p75: null });
    expect(summary.buckets).toHaveLength(7);
  });

  it('puts each value in exactly one bucket and keeps p25 <= median <= p75 within the range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const summary = summariseDistribution(values);
        expect(summary.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(values.length);
        const [p25, median, p75] = [summary.p25, summary.median, summary.p75] as number[];
        expect(p25).toBeLessThanOrEqual(median);
        expect(median).toBeLessThanOrEqual(p75);
        expect(p25).toBeGreaterThanOrEqual(Math.min(...values));
        expect(p75).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(quantile([1, 2, 10], 0.5)).toBe(2);
    expect(quantile([1, 2, 10, 20], 0.5)).toBe(6);
  });
});
