import { randomUUID } from 'node:crypto';
import { chooseVariant, unitIntervalHash } from 'src/redirect/choose-variant.util';

interface Variant {
  id: string;
  weight: number;
  destinationUrl: string;
}

function variant(id: string, weight: number): Variant {
  return { id, weight, destinationUrl: `https://example.com/${id}` };
}

function countChoices(variants: Variant[], keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const chosen = chooseVariant(variants, key);
    if (chosen !== undefined) {
      counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Number of standard deviations between a binomial count and its mean. */
function zScore(count: number, trials: number, probability: number): number {
  return (count - trials * probability) / Math.sqrt(trials * probability * (1 - probability));
}

const sequentialKeys = (n: number, linkId = 'link-1') => Array.from({ length: n }, (_, i) => `visitor-${i}:${linkId}`);
const randomKeys = (n: number) => Array.from({ length: n }, () => `${randomUUID()}:${randomUUID()}`);

describe('chooseVariant', () => {
  it('returns undefined when there is nothing to choose from', () => {
    expect(chooseVariant([], 'visitor')).toBeUndefined();
    expect(chooseVariant([variant('a', 0), variant('b', -1), variant('c', Number.NaN)], 'visitor')).toBeUndefined();
    expect(chooseVariant([variant('a', Number.POSITIVE_INFINITY)], 'visitor')).toBeUndefined();
  });

  it('returns the only eligible variant itself, with its other fields', () => {
    const only = variant('b', 0.5);

    expect(chooseVariant([variant('a', 0), only, variant('c', 0)], 'anyone')).toBe(only);
  });

  it('never picks a variant of weight zero', () => {
    const counts = countChoices([variant('a', 1), variant('off', 0), variant('b', 1)], sequentialKeys(5000));

    expect(counts.get('off')).toBeUndefined();
    expect((counts.get('a') ?? 0) + (counts.get('b') ?? 0)).toBe(5000);
  });

  it('gives the same visitor the same variant every time', () => {
    const variants = [variant('a', 1), variant('b', 1), variant('c', 2)];
    for (const key of randomKeys(200)) {
      const first = chooseVariant(variants, key);
      for (let i = 0; i < 5; i++) {
        expect(chooseVariant(variants, key)).toBe(first);
      }
    }
  });

  it('does not depend on the order of the variants', () => {
    const variants = [variant('a', 1), variant('b', 2), variant('c', 3), variant('d', 4)];
    const reversed = [...variants].reverse();
    const rotated = [...variants.slice(2), ...variants.slice(0, 2)];
    for (const key of sequentialKeys(500)) {
      const chosen = chooseVariant(variants, key)?.id;
      expect(chooseVariant(reversed, key)?.id).toBe(chosen);
      expect(chooseVariant(rotated, key)?.id).toBe(chosen);
    }
  });

  it('only moves the visitors of a variant that is paused', () => {
    const before = [variant('a', 1), variant('b', 1), variant('c', 1)];
    const after = [variant('a', 1), variant('b', 1), variant('c', 0)];
    let moved = 0;
    for (const key of sequentialKeys(3000)) {
      const was = chooseVariant(before, key)?.id;
      const now = chooseVariant(after, key)?.id;
      if (was !== 'c') {
        expect(now).toBe(was);
      } else {
        moved++;
      }
    }
    expect(moved).toBeGreaterThan(800);
  });

  it('gives different links different splits for the same visitor', () => {
    const variants = [variant('a', 1), variant('b', 1)];
    const visitor = 'visitor-42';
    const choices = new Set(Array.from({ length: 40 }, (_, i) => chooseVariant(variants, `${visitor}:link-${i}`)?.id));

    expect(choices).toEqual(new Set(['a', 'b']));
  });

  it('splits 20k random visitors 1:3 within four standard deviations', () => {
    const trials = 20_000;
    const counts = countChoices([variant('control', 1), variant('treatment', 3)], randomKeys(trials));

    expect((counts.get('control') ?? 0) + (counts.get('treatment') ?? 0)).toBe(trials);
    expect(Math.abs(zScore(counts.get('control') ?? 0, trials, 0.25))).toBeLessThan(4);
  });

  it('splits sequential visitor ids 1:3 as well (the hash mixes near-identical keys)', () => {
    const trials = 20_000;
    const counts = countChoices([variant('variant-1', 1), variant('variant-2', 3)], sequentialKeys(trials));

    expect(Math.abs(zScore(counts.get('variant-1') ?? 0, trials, 0.25))).toBeLessThan(4);
  });

  it('follows weights 1:2:7 (chi-square, 2 degrees of freedom)', () => {
    const trials = 30_000;
    const weights: Array<[string, number]> = [
      ['x', 1],
      ['y', 2],
      ['z', 7],
    ];
    const counts = countChoices(
      weights.map(([id, weight]) => variant(id, weight)),
      sequentialKeys(trials, 'link-chi'),
    );
    let chiSquare = 0;
    for (const [id, weight] of weights) {
      const expected = (trials * weight) / 10;
      chiSquare += ((counts.get(id) ?? 0) - expected) ** 2 / expected;
    }
    // 18.4 is the 99.99th percentile of chi-square with 2 degrees of freedom.
    expect(chiSquare).toBeLessThan(18.4);
  });

  it('accepts fractional weights', () => {
    const trials = 20_000;
    const counts = countChoices([variant('a', 0.1), variant('b', 0.9)], sequentialKeys(trials, 'link-fractional'));

    expect(Math.abs(zScore(counts.get('a') ?? 0, trials, 0.1))).toBeLessThan(4);
  });
});

describe('unitIntervalHash', () => {
  it('is deterministic and strictly inside (0, 1)', () => {
    expect(unitIntervalHash('visitor', 'variant')).toBe(unitIntervalHash('visitor', 'variant'));
    for (const key of ['', 'a', 'visitor-1', '🚀', 'x'.repeat(1000)]) {
      const value = unitIntervalHash(key, '');
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('tells apart pairs whose concatenations are equal', () => {
    expect(unitIntervalHash('ab', 'c')).not.toBe(unitIntervalHash('a', 'bc'));
    expect(unitIntervalHash('', 'abc')).not.toBe(unitIntervalHash('abc', ''));
  });

  it('spreads sequential keys evenly over 100 buckets (chi-square, 99 degrees of freedom)', () => {
    const trials = 100_000;
    const buckets = new Array<number>(100).fill(0);
    for (let i = 0; i < trials; i++) {
      buckets[Math.floor(unitIntervalHash(`visitor-${i}`, 'link-1') * 100)]++;
    }
    const expected = trials / 100;
    const chiSquare = buckets.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 148.2 is the 99.9th percentile of chi-square with 99 degrees of freedom.
    expect(chiSquare).toBeLessThan(148.2);
  });
});
