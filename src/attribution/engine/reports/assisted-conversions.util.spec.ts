import fc from 'fast-check';
import { summariseAssistedConversions } from 'src/attribution/engine/reports/assisted-conversions.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';

const journey = (keys: string[], valueMicros: bigint, currencyCode = 'USD'): ConvertingJourney => ({ keys, firstTouchMs: 0, convertedMs: 0, valueMicros, currencyCode });

describe('summariseAssistedConversions', () => {
  it('counts the last touch as closing and every earlier group once as assisting, as GA does', () => {
    const rows = summariseAssistedConversions([
      journey(['Email', 'Email', 'Paid Search'], 100n),
      journey(['Paid Search', 'Email'], 40n, 'EUR'),
      journey(['Email', 'Paid Search', 'Email'], 10n),
      journey(['Direct'], 7n),
    ]);
    // Email: closes journeys 2 (40 EUR) and 3 (10 USD); assists 1 (once, though twice on the path: 100 USD)
    // and 3 (10 USD, where it also closed) → 2 assisted, 2 last, ratio 1.
    // Paid Search: closes 1 (100 USD); assists 2 (40 EUR) and 3 (10 USD) → 2 assisted, 1 last, ratio 2.
    // Direct: closes 4 alone, assists nothing → ratio 0. Most assists first, ties by most closed: Email before Paid Search.
    expect(rows).toEqual([
      {
        key: 'Email',
        lastTouchConversions: 2,
        lastTouchValue: [
          { currencyCode: 'EUR', amount: 40n },
          { currencyCode: 'USD', amount: 10n },
        ],
        assistedConversions: 2,
        assistedValue: [{ currencyCode: 'USD', amount: 110n }],
        assistedToLastRatio: 1,
      },
      {
        key: 'Paid Search',
        lastTouchConversions: 1,
        lastTouchValue: [{ currencyCode: 'USD', amount: 100n }],
        assistedConversions: 2,
        assistedValue: [
          { currencyCode: 'EUR', amount: 40n },
          { currencyCode: 'USD', amount: 10n },
        ],
        assistedToLastRatio: 2,
      },
      { key: 'Direct', lastTouchConversions: 1, lastTouchValue: [{ currencyCode: 'USD', amount: 7n }], assistedConversions: 0, assistedValue: [], assistedToLastRatio: 0 },
    ]);
  });

  it('gives a group that only assisted no ratio', () => {
    expect(summariseAssistedConversions([journey(['Referral', 'Direct'], 1n)])).toEqual([
      { key: 'Referral', lastTouchConversions: 0, lastTouchValue: [], assistedConversions: 1, assistedValue: [{ currencyCode: 'USD', amount: 1n }], assistedToLastRatio: null },
      { key: 'Direct', lastTouchConversions: 1, lastTouchValue: [{ currencyCode: 'USD', amount: 1n }], assistedConversions: 0, assistedValue: [], assistedToLastRatio: 0 },
    ]);
  });

  it('credits each conversion to exactly one closing group, and assists at most once per group', () => {
    const arbitrary = fc.array(fc.array(fc.constantFrom<string>('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 6 }), { maxLength: 30 });
    fc.assert(
      fc.property(arbitrary, (paths) => {
        const rows = summariseAssistedConversions(paths.map((keys) => journey(keys, 1n)));
        expect(rows.reduce((sum, row) => sum + row.lastTouchConversions, 0)).toBe(paths.length);
        for (const row of rows) {
          expect(row.assistedConversions).toBe(paths.filter((keys) => keys.slice(0, -1).includes(row.key)).length);
        }
      }),
    );
  });
});
