import fc from 'fast-check';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { splitMicros } from 'src/attribution/engine/money/largest-remainder.util';

describe('splitMicros', () => {
  it('gives one micro split three ways to the first of the tied parts', () => {
    expect(splitMicros(1n, [1 / 3, 1 / 3, 1 / 3])).toEqual([1n, 0n, 0n]);
  });

  it('hands leftover micros to the largest remainders', () => {
    // Quotas 1e6·(1, 4, 8, 16)/29 = 34482.76, 137931.03, 275862.07, 551724.14: one micro is left, for the .76.
    expect(splitMicros(1_000_000n, [1 / 29, 4 / 29, 8 / 29, 16 / 29])).toEqual([34_483n, 137_931n, 275_862n, 551_724n]);
  });

  it('breaks equal remainders by the lower index', () => {
    // Quotas 5, 2.5, 2.5: the one leftover micro goes to index 1, not 2.
    expect(splitMicros(10n, [0.5, 0.25, 0.25])).toEqual([5n, 3n, 2n]);
    expect(splitMicros(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
  });

  it('accepts weights that do not sum to 1 and never pays a zero weight', () => {
    expect(splitMicros(3n, [2, 0, 2, 0])).toEqual([2n, 0n, 1n, 0n]);
  });

  it('returns zeros for a zero total, even with zero weights', () => {
    expect(splitMicros(0n, [0.2, 0.8])).toEqual([0n, 0n]);
    expect(splitMicros(0n, [0, 0])).toEqual([0n, 0n]);
  });

  it('stays exact for amounts far beyond 2^53 micros', () => {
    // Weights that are exact in binary keep the quotas exact: 1/4, 1/4, 1/2 of an odd total.
    const total = 123_456_789_012_345_678_903n;
    expect(splitMicros(total, [0.25, 0.25, 0.5])).toEqual([30_864_197_253_086_419_726n, 30_864_197_253_086_419_726n, 61_728_394_506_172_839_451n]);
  });

  it('rejects a negative total with a clear error', () => {
    expect(() => splitMicros(-5n, [1])).toThrow(new ValidationFailure('total', 'must not be negative, got -5 micros'));
  });

  it('rejects negative, non-finite or all-zero weights', () => {
    expect(() => splitMicros(10n, [1, -0.5])).toThrow('weights[1]: must be a finite number >= 0, got -0.5');
    expect(() => splitMicros(10n, [Number.NaN])).toThrow('weights[0]');
    expect(() => splitMicros(10n, [0, 0])).toThrow('weights: must contain a positive weight');
    expect(() => splitMicros(10n, [])).toThrow('weights: must contain a positive weight');
  });

  it('always sums exactly to the total, each part within one micro of its quota', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 1e-6)),
        (total, weights) => {
          const parts = splitMicros(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total);
          const weightSum = weights.reduce((sum, w) => sum + w, 0);
          parts.forEach((part, index) => {
            expect(part >= 0n).toBe(true);
            const quota = (Number(total) * weights[index]) / weightSum;
            expect(Math.abs(Number(part) - quota)).toBeLessThan(1 + quota * 1e-9);
            if (weights[index] === 0) expect(part).toBe(0n);
          });
        },
      ),
    );
  });
});
