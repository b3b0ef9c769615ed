import fc from 'fast-check';
import { compensatedSum, normaliseWeights } from 'src/attribution/engine/money/normalise-weights.util';

describe('normaliseWeights', () => {
  it('scales weights to sum to 1', () => {
    expect(normaliseWeights([1, 3])).toEqual([0.25, 0.75]);
    expect(normaliseWeights([0, 2, 0])).toEqual([0, 1, 0]);
  });

  it('keeps 100k weights within 1e-12 of summing to 1', () => {
    const raw = Array.from({ length: 100_000 }, (_, i) => 1 + ((i * 7919) % 1000) / 997);
    const weights = normaliseWeights(raw);
    expect(Math.abs(compensatedSum(weights) - 1)).toBeLessThan(1e-12);
  });

  it('rejects negative, non-finite and all-zero weights', () => {
    expect(() => normaliseWeights([1, -1])).toThrow('weights[1]: must be a finite number >= 0, got -1');
    expect(() => normaliseWeights([Infinity])).toThrow('weights[0]');
    expect(() => normaliseWeights([0, 0])).toThrow('weights: must not all be zero');
  });

  it('sums to 1 within 1e-12 and never goes negative for any non-zero input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }).filter((ws) => ws.some((w) => w > 0)), (raw) => {
        const weights = normaliseWeights(raw);
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(Math.abs(compensatedSum(weights) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});

describe('compensatedSum', () => {
  it('recovers the small terms a plain sum loses', () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    expect(compensatedSum([])).toBe(0);
  });
});
