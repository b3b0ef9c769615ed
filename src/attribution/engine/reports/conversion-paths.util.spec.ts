import fc from 'fast-check';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { summariseConversionPaths } from 'src/attribution/engine/reports/conversion-paths.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';

const DAY = 86_400_000;
const journey = (keys: string[], days: number, valueMicros: bigint, currencyCode = 'USD'): ConvertingJourney => ({ keys, firstTouchMs: 0, convertedMs: days * DAY, valueMicros, currencyCode });

describe('summariseConversionPaths', () => {
  const journeys = [
    journey(['Email', 'Paid Search'], 4, 100_000_000n),
    journey(['Email', 'Paid Search'], 1, 50_000_000n, 'EUR'),
    journey(['Email', 'Paid Search'], 10, 25_000_000n),
    journey(['Direct'], 0, 5_000_000n),
    journey(['Email', 'Email', 'Paid Search'], 7, 1_000_000n),
    journey(['Affiliates'], 2, 0n),
  ];

  it('writes paths as ChannelAttribution does and ranks them by conversions, then by text', () => {
    const summary = summariseConversionPaths(journeys, 3);
    expect(summary.conversions).toBe(6);
    expect(summary.distinctPaths).toBe(4);
    // "Email > Paid Search" converted 3 times (days 1, 4, 10: median 4); the single-conversion
    // paths tie and go by text: "Affiliates" < "Direct" < "Email > Email > Paid Search", top 3 keeps "Affiliates".
    expect(summary.paths).toEqual([
      {
        path: 'Email > Paid Search',
        touches: 2,
        conversions: 3,
        value: [
          { currencyCode: 'EUR', amount: 50_000_000n },
          { currencyCode: 'USD', amount: 125_000_000n },
        ],
        medianDaysToConvert: 4,
      },
      { path: 'Affiliates', touches: 1, conversions: 1, value: [{ currencyCode: 'USD', amount: 0n }], medianDaysToConvert: 2 },
      { path: 'Direct', touches: 1, conversions: 1, value: [{ currencyCode: 'USD', amount: 5_000_000n }], medianDaysToConvert: 0 },
    ]);
  });

  it('counts path lengths over every journey, not only the top paths', () => {
    // Lengths 2, 2, 2, 1, 3, 1: two of 1 touch, three of 2, one of 3.
    expect(summariseConversionPaths(journeys, 1).lengths).toEqual([
      { touches: 1, conversions: 2, share: 2 / 6 },
      { touches: 2, conversions: 3, share: 3 / 6 },
      { touches: 3, conversions: 1, share: 1 / 6 },
    ]);
  });

  it('refuses a top that is not a whole number >= 1, naming it', () => {
    expect(() => summariseConversionPaths(journeys, 0)).toThrow(new ValidationFailure('top', 'must be a whole number >= 1, got 0'));
  });

  it('loses no conversion and no micro: every path counted once, lengths summing to the journeys', () => {
    const channel = fc.constantFrom('A', 'B', 'C');
    const arbitrary = fc.array(fc.record({ keys: fc.array(channel, { minLength: 1, maxLength: 4 }), days: fc.nat(60), value: fc.bigInt(0n, 10n ** 12n) }), { maxLength: 40 });
    fc.assert(
      fc.property(arbitrary, (drawn) => {
        const summary = summariseConversionPaths(drawn.map((d) => journey(d.keys, d.days, d.value)), 1_000);
        expect(summary.paths.reduce((sum, path) => sum + path.conversions, 0)).toBe(drawn.length);
        expect(summary.lengths.reduce((sum, length) => sum + length.conversions, 0)).toBe(drawn.length);
        const value = summary.paths.reduce((sum, path) => sum + (path.value[0]?.amount ?? 0n), 0n);
        expect(value).toBe(drawn.reduce((sum, d) => sum + d.value, 0n));
      }),
    );
  });

  it('keeps as top paths exactly the head of the full ranking', () => {
    const arbitrary = fc.array(fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 3 }), { maxLength: 50 });
    fc.assert(
      fc.property(arbitrary, fc.integer({ min: 1, max: 6 }), (drawn, top) => {
        const everything = summariseConversionPaths(drawn.map((keys) => journey(keys, 0, 0n)), 1_000).paths;
        expect(summariseConversionPaths(drawn.map((keys) => journey(keys, 0, 0n)), top).paths).toEqual(everything.slice(0, top));
      }),
    );
  });
});
