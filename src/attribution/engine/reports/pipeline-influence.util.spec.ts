import { summarisePipelineInfluence } from 'src/attribution/engine/reports/pipeline-influence.util';

describe('summarisePipelineInfluence', () => {
  it('splits sourced from influenced, pipeline from revenue, and never adds currencies', () => {
    const { rows, totals } = summarisePipelineInfluence([
      { status: 'open', amountMicros: 1_000n, currencyCode: 'USD', keys: ['spring', 'brand', 'spring'] },
      { status: 'open', amountMicros: 300n, currencyCode: 'USD', keys: ['brand'] },
      { status: 'open', amountMicros: 50n, currencyCode: 'EUR', keys: ['spring'] },
      { status: 'won', amountMicros: 700n, currencyCode: 'USD', keys: ['brand', 'spring'] },
      { status: 'open', amountMicros: 9n, currencyCode: 'USD', keys: [] },
    ]);
    // USD: spring sources deal 1 (1000) and influences it once though touched twice; brand sources 300,
    // influences 1000 + 300 = 1300; the won 700 is brand-sourced and influenced by both.
    expect(rows).toEqual([
      { key: 'spring', currencyCode: 'EUR', sourcedPipeline: { deals: 1, amount: 50n }, influencedPipeline: { deals: 1, amount: 50n }, sourcedRevenue: { deals: 0, amount: 0n }, influencedRevenue: { deals: 0, amount: 0n } },
      { key: 'brand', currencyCode: 'USD', sourcedPipeline: { deals: 1, amount: 300n }, influencedPipeline: { deals: 2, amount: 1_300n }, sourcedRevenue: { deals: 1, amount: 700n }, influencedRevenue: { deals: 1, amount: 700n } },
      { key: 'spring', currencyCode: 'USD', sourcedPipeline: { deals: 1, amount: 1_000n }, influencedPipeline: { deals: 1, amount: 1_000n }, sourcedRevenue: { deals: 0, amount: 0n }, influencedRevenue: { deals: 1, amount: 700n } },
    ]);
    // The untouched 9 USD is in the totals only.
    expect(totals).toEqual([
      { currencyCode: 'EUR', pipeline: { deals: 1, amount: 50n }, revenue: { deals: 0, amount: 0n } },
      { currencyCode: 'USD', pipeline: { deals: 3, amount: 1_309n }, revenue: { deals: 1, amount: 700n } },
    ]);
  });
});
