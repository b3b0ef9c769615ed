import { overviewCurrency, overviewFigures } from 'src/analytics/metrics/overview-figures.util';

const traffic = { clicks: 40, visitors: 12, sessions: 15 };
const deal = (currencyCode: string, valueMicros: bigint, conversions = 1) => ({ conversionType: 'deal', currencyCode, conversions, valueMicros });
const lead = (conversions: number) => ({ conversionType: 'lead', currencyCode: 'USD', conversions, valueMicros: 0n });

describe('overview figures', () => {
  it('counts leads and won deals apart and sums revenue per currency', () => {
    const figures = overviewFigures(traffic, [lead(3), deal('EUR', 5_000_000n, 2), deal('USD', 7_000_000n), deal('EUR', 1_000_000n)], null, 'EUR');
    expect(figures).toMatchObject({ ...traffic, leads: 3, dealsWon: 4, currencyCode: 'EUR', revenue: 6_000_000n, cost: null, roiPercentage: null });
    expect(figures.revenueByCurrency).toEqual([
      { currencyCode: 'EUR', amount: 6_000_000n },
      { currencyCode: 'USD', amount: 7_000_000n },
    ]);
  });

  it('gives cost and ROI in the chosen currency only', () => {
    const figures = overviewFigures(traffic, [deal('USD', 300_000_000n)], [{ currencyCode: 'USD', spendMicros: 100_000_000n }, { currencyCode: 'EUR', spendMicros: 9n }], 'USD');
    expect(figures.cost).toBe(100_000_000n);
    expect(figures.roiPercentage).toBe(200);
    expect(figures.costByCurrency).toHaveLength(2);
  });

  it('reads spend imported but none in the period as a cost of zero, without ROI', () => {
    const figures = overviewFigures(traffic, [deal('USD', 1n)], [], 'USD');
    expect(figures.cost).toBe(0n);
    expect(figures.roiPercentage).toBeNull();
  });

  it('speaks the currency with the most revenue, else the most spend, else the fallback', () => {
    expect(overviewCurrency([deal('USD', 5n), deal('EUR', 3n), deal('EUR', 3n)], null, 'GBP')).toBe('EUR');
    expect(overviewCurrency([lead(4)], [{ currencyCode: 'CHF', spendMicros: 10n }, { currencyCode: 'USD', spendMicros: 2n }], 'GBP')).toBe('CHF');
    expect(overviewCurrency([], null, 'GBP')).toBe('GBP');
  });
});
