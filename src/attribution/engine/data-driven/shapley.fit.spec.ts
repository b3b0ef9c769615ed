import fc from 'fast-check';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';

const journey = (path: string, conversions: number, value = 0, nulls = 0): Journey => ({ path: path.split('>'), conversions, value, nulls });
const credit = (journeys: Journey[]) => Object.fromEntries(fitShapley(journeys).credits.map((c) => [c.channel, c.conversions]));

/** Shapley by its definition: the average marginal contribution over every order of the players. */
function shapleyByPermutations(journeys: Journey[]): Record<string, number> {
  const players = [...new Set(journeys.flatMap((j) => j.path))];
  const v = (coalition: Set<string>) => journeys.filter((j) => j.path.every((c) => coalition.has(c))).reduce((sum, j) => sum + j.conversions, 0);
  const totals: Record<string, number> = Object.fromEntries(players.map((p) => [p, 0]));
  let orders = 0;
  const permute = (prefix: string[], rest: string[]) => {
    if (rest.length === 0) {
      orders += 1;
      const coalition = new Set<string>();
      for (const player of prefix) {
        const before = v(coalition);
        coalition.add(player);
        totals[player] += v(coalition) - before;
      }
      return;
    }
    rest.forEach((player, i) => permute([...prefix, player], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  permute([], players);
  return Object.fromEntries(players.map((p) => [p, totals[p] / orders]));
}

describe('fitShapley', () => {
  it('credits a = 7, b = 3 for {a: 4 conversions, a>b: 6 conversions}', () => {
    // v({a}) = 4, v({b}) = 0, v({a,b}) = 10. φa = ½(4 − 0) + ½(10 − 0) = 7, φb = ½(0) + ½(10 − 4) = 3.
    expect(credit([journey('a', 4), journey('a>b', 6)])).toEqual({ a: 7, b: 3 });
  });

  it('credits 2.5 each for a single journey a>b>c>d with 10 conversions', () => {
    expect(credit([journey('a>b>c>d', 10)])).toEqual({ a: 2.5, b: 2.5, c: 2.5, d: 2.5 });
  });

  it('counts a channel once per journey however often it repeats', () => {
    expect(credit([journey('a>b>a>a', 6)])).toEqual({ a: 3, b: 3 });
  });

  it('credits the conversion value the same way and ignores non-converting journeys', () => {
    const fitted = fitShapley([journey('a', 4, 40, 10), journey('a>b', 6, 90, 3), journey('c', 0, 0, 50)]);
    expect(fitted.credits).toEqual([
      { channel: 'a', conversions: 7, value: 85 },
      { channel: 'b', conversions: 3, value: 45 },
      { channel: 'c', conversions: 0, value: 0 },
    ]);
    expect(fitted.inputs).toEqual({ journeys: 3, ignoredJourneys: 0, conversions: 10, value: 130, nulls: 63, channels: ['a', 'b', 'c'] });
  });

  it('is exact with 20 channels, where 2^20 coalitions would be needed by enumeration', () => {
    const channels = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const fitted = fitShapley([{ path: channels, conversions: 40, value: 0, nulls: 0 }, { path: ['c0'], conversions: 1, value: 0, nulls: 0 }]);
    expect(fitted.credits.find((c) => c.channel === 'c0')?.conversions).toBe(3);
    expect(fitted.credits.find((c) => c.channel === 'c19')?.conversions).toBe(2);
  });

  it('matches the permutation definition of the Shapley value on random journeys', () => {
    const journeys = fc.array(
      fc.record({
        path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 6 }),
        conversions: fc.nat(20),
        value: fc.constant(0),
        nulls: fc.nat(5),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(journeys, (sample) => {
        const expected = shapleyByPermutations(sample.filter((j) => j.conversions + j.nulls > 0));
        const actual = credit(sample);
        for (const [channel, value] of Object.entries(expected)) expect(actual[channel]).toBeCloseTo(value, 10);
      }),
      { numRuns: 60 },
    );
  });

  it('gives credits that sum to the conversions and survive a JSON round trip', () => {
    const fitted = fitShapley([journey('a>b>c', 3, 30), journey('b', 2, 5), journey('c>a', 1, 1, 4)]);
    expect(fitted.credits.reduce((sum, c) => sum + c.conversions, 0)).toBeCloseTo(6, 12);
    expect(JSON.parse(JSON.stringify(fitted))).toEqual(fitted);
  });
});
