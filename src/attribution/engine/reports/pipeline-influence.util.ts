import { compareText } from 'src/attribution/engine/compare-text.util';

/** An opportunity with the group (campaign, channel or source) of each touch of its journey, oldest first. */
export interface InfluencedDeal {
  status: 'open' | 'won';
  amountMicros: bigint;
  currencyCode: string;
  keys: readonly string[];
}

interface DealsAndAmount {
  deals: number;
  amount: bigint;
}

interface PipelineInfluenceRow {
  key: string;
  currencyCode: string;
  /** Open deals whose first touch was this group. */
  sourcedPipeline: DealsAndAmount;
  /** Open deals this group touched at all (sourced ones included). */
  influencedPipeline: DealsAndAmount;
  sourcedRevenue: DealsAndAmount;
  influencedRevenue: DealsAndAmount;
}

interface PipelineTotals {
  currencyCode: string;
  /** Every deal of the report, touched or not: what the rows are a share of. */
  pipeline: DealsAndAmount;
  revenue: DealsAndAmount;
}

const none = (): DealsAndAmount => ({ deals: 0, amount: 0n });
const count = (into: DealsAndAmount, amount: bigint): void => {
  into.deals += 1;
  into.amount += amount;
};

/**
 * HubSpot's sourced and influenced pipeline: a deal is sourced by the group of its first touch and
 * influenced by every group among its touches (once each); open deals make pipeline, won deals
 * revenue. One row per group and currency: amounts of different currencies are never added.
 */
export function summarisePipelineInfluence(deals: readonly InfluencedDeal[]): { rows: PipelineInfluenceRow[]; totals: PipelineTotals[] } {
  const rows = new Map<string, PipelineInfluenceRow>();
  const totals = new Map<string, PipelineTotals>();
  const rowOf = (key: string, currencyCode: string): PipelineInfluenceRow => {
    const id = `${key}\u0000${currencyCode}`;
    let row = rows.get(id);
    if (!row) {
      row = { key, currencyCode, sourcedPipeline: none(), influencedPipeline: none(), sourcedRevenue: none(), influencedRevenue: none() };
      rows.set(id, row);
    }
    return row;
  };
  for (const deal of deals) {
    const total = totals.get(deal.currencyCode) ?? { currencyCode: deal.currencyCode, pipeline: none(), revenue: none() };
    totals.set(deal.currencyCode, total);
    const open = deal.status === 'open';
    count(open ? total.pipeline : total.revenue, deal.amountMicros);
    if (deal.keys.length === 0) continue;
    const sourcer = rowOf(deal.keys[0], deal.currencyCode);
    count(open ? sourcer.sourcedPipeline : sourcer.sourcedRevenue, deal.amountMicros);
    for (const key of new Set(deal.keys)) {
      const row = rowOf(key, deal.currencyCode);
      count(open ? row.influencedPipeline : row.influencedRevenue, deal.amountMicros);
    }
  }
  const byAmount = (a: bigint, b: bigint): number => (a > b ? -1 : a < b ? 1 : 0);
  return {
    rows: [...rows.values()].sort(
      (a, b) =>
        compareText(a.currencyCode, b.currencyCode) ||
        byAmount(a.influencedPipeline.amount, b.influencedPipeline.amount) ||
        byAmount(a.influencedRevenue.amount, b.influencedRevenue.amount) ||
        compareText(a.key, b.key),
    ),
    totals: [...totals.values()].sort((a, b) => compareText(a.currencyCode, b.currencyCode)),
  };
}
