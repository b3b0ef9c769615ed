import fc from 'fast-check';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';
import { fitMarkov } from 'src/attribution/engine/data-driven/markov.fit';

const journey = (path: string, conversions: number, nulls = 0, value = 0): Journey => ({ path: path.split('>'), conversions, value, nulls });
const effects = (fitted: ReturnType<typeof fitMarkov>) => Object.fromEntries(fitted.credits.map((c) => [c.channel, c.removalEffect]));
const conversions = (fitted: ReturnType<typeof fitMarkov>) => Object.fromEntries(fitted.credits.map((c) => [c.channel, c.conversions]));

describe('fitMarkov', () => {
  it('computes removal effects on an acyclic graph, solved by hand', () => {
    // Journeys: a>b 2 conv (value 20); a 2 null; b 1 conv + 1 null (value 10). Walkers = conv + null.
    // start→a 4, start→b 2; a→b 2, a→null 2; b→conv 3, b→null 1.
    // x_b = 3/4; x_a = 1/2·3/4 = 3/8; P = 2/3·3/8 + 1/3·3/4 = 1/2 (= 3 conversions / 6 walkers).
    // Without a: P = 1/3·3/4 = 1/4 ⇒ RE_a = 1 − (1/4)/(1/2) = 1/2. Without b: P = 0 ⇒ RE_b = 1.
    // Shares 1/3 and 2/3 of 3 conversions and of 30 in value.
    const fitted = fitMarkov([journey('a>b', 2, 0, 20), journey('a', 0, 2), journey('b', 1, 1, 10)]);
    expect(fitted.conversionProbability).toBeCloseTo(1 / 2, 15);
    expect(effects(fitted)).toEqual({ a: expect.closeTo(1 / 2, 15), b: expect.closeTo(1, 15) });
    expect(fitted.credits).toEqual([
      { channel: 'a', conversions: expect.closeTo(1, 12), value: expect.closeTo(10, 12), removalEffect: expect.closeTo(0.5, 15) },
      { channel: 'b', conversions: expect.closeTo(2, 12), value: expect.closeTo(20, 12), removalEffect: expect.closeTo(1, 15) },
    ]);
  });

  it('computes removal effects on a graph with a loop, solved by hand', () => {
    // Journeys: a>b>a 1 conv; b 1 null; a>b 1 null.
    // start→a 2, start→b 1. a→b 2, a→conv 1 (so 2/3, 1/3). b→a 1, b→null 2 (so 1/3, 2/3).
    // x_a = 2/3·x_b + 1/3, x_b = 1/3·x_a ⇒ 7/9·x_a = 1/3 ⇒ x_a = 3/7, x_b = 1/7.
    // P = 2/3·3/7 + 1/3·1/7 = 1/3.
    // Without a: only start→b→(a removed) ⇒ P = 0 ⇒ RE_a = 1.
    // Without b: x_a = 1/3 ⇒ P = 2/3·1/3 = 2/9 ⇒ RE_b = 1 − (2/9)/(1/3) = 1/3.
    // Shares: a = 1/(4/3) = 3/4, b = 1/4 of 1 conversion.
    const fitted = fitMarkov([journey('a>b>a', 1), journey('b', 0, 1), journey('a>b', 0, 1)]);
    expect(fitted.conversionProbability).toBeCloseTo(1 / 3, 15);
    expect(effects(fitted)).toEqual({ a: expect.closeTo(1, 15), b: expect.closeTo(1 / 3, 15) });
    expect(conversions(fitted)).toEqual({ a: expect.closeTo(0.75, 15), b: expect.closeTo(0.25, 15) });
  });

  it('builds order-2 states from windows of two channels, shorter paths being one state', () => {
    // a>b>c 1 conv → (a,b) → (b,c) → conv; b>c 1 null → (b,c) → null; a 1 null → (a) → null.
    // x_(b,c) = 1/2, x_(a,b) = 1/2, x_(a) = 0 ⇒ P = 1/3·1/2 + 1/3·1/2 = 1/3.
    // Without a ((a,b) and (a) gone): P = 1/3·1/2 = 1/6 ⇒ RE_a = 1/2. Without b or c: P = 0 ⇒ RE = 1.
    // Shares: 0.5/2.5 = 0.2, 0.4, 0.4.
    const fitted = fitMarkov([journey('a>b>c', 1), journey('b>c', 0, 1), journey('a', 0, 1)], { order: 2 });
    expect(fitted.order).toBe(2);
    expect(fitted.states).toBe(4);
    expect(effects(fitted)).toEqual({ a: expect.closeTo(0.5, 15), b: expect.closeTo(1, 15), c: expect.closeTo(1, 15) });
    expect(conversions(fitted)).toEqual({ a: expect.closeTo(0.2, 15), b: expect.closeTo(0.4, 15), c: expect.closeTo(0.4, 15) });
  });

  it('tells orders apart where the history matters', () => {
    // Order 1 sees x→c→conv and y→c→null as one state c; order 2 sees that only x converts.
    const journeys = [journey('x>c', 1), journey('y>c', 0, 1)];
    expect(effects(fitMarkov(journeys))).toEqual({ c: 1, x: expect.closeTo(0.5, 15), y: expect.closeTo(0.5, 15) });
    expect(effects(fitMarkov(journeys, { order: 2 }))).toEqual({ c: 1, x: 1, y: 0 });
  });

  it('treats repeated channels as self-loops that change nothing', () => {
    const plain = fitMarkov([journey('a>b', 3, 1), journey('b', 1, 4)]);
    const repeated = fitMarkov([journey('a>a>a>b>b', 3, 1), journey('b>b', 1, 4)]);
    expect(repeated.credits).toEqual(plain.credits);
  });

  it('gives nothing to anyone when nothing converts', () => {
    const fitted = fitMarkov([journey('a>b', 0, 5)]);
    expect(fitted.conversionProbability).toBe(0);
    expect(fitted.credits.map((c) => [c.conversions, c.removalEffect])).toEqual([[0, 0], [0, 0]]);
  });

  it('skips empty and unfollowed journeys, and rejects bad numbers and orders', () => {
    const fitted = fitMarkov([journey('a', 1), { path: [], conversions: 3, value: 0, nulls: 0 }, journey('b', 0, 0)]);
    expect(fitted.inputs).toEqual({ journeys: 1, ignoredJourneys: 2, conversions: 1, value: 0, nulls: 0, channels: ['a'] });
    expect(() => fitMarkov([journey('a', -1)])).toThrow('journeys[0].conversions: must be a finite number >= 0, got -1');
    expect(() => fitMarkov([{ path: ['a', ''], conversions: 1, value: 0, nulls: 0 }])).toThrow('journeys[0].path[1]: must be a non-empty channel name');
    expect(() => fitMarkov([], { order: 4 as never })).toThrow('order: must be 1, 2 or 3, got 4');
  });

  it('is plain JSON', () => {
    const fitted = fitMarkov([journey('a>b', 2, 1, 7)], { order: 3 });
    expect(JSON.parse(JSON.stringify(fitted))).toEqual(fitted);
  });

  describe('on random journeys', () => {
    const journeys = fc.array(
      fc.record({
        path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 8 }),
        conversions: fc.nat(10),
        value: fc.nat(1000),
        nulls: fc.nat(10),
      }),
      { minLength: 1, maxLength: 25 },
    );

    it('reproduces the observed conversion rate and credits exactly the total conversions and value', () => {
      // A chain fitted on the journeys conserves their flow, so P(conversion) = conversions / walkers.
      fc.assert(
        fc.property(journeys, fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, (sample, order) => {
          const fitted = fitMarkov(sample, { order });
          const { conversions: total, nulls, value } = fitted.inputs;
          if (total + nulls === 0) return;
          expect(fitted.conversionProbability).toBeCloseTo(total / (total + nulls), 12);
          expect(fitted.credits.every((c) => c.removalEffect >= 0 && c.removalEffect <= 1 && c.conversions >= 0)).toBe(true);
          if (total === 0) return;
          expect(fitted.credits.reduce((sum, c) => sum + c.conversions, 0)).toBeCloseTo(total, 9);
          expect(fitted.credits.reduce((sum, c) => sum + c.value, 0)).toBeCloseTo(value, 7);
        }),
        { numRuns: 80 },
      );
    });
  });
});
