import { roiPercentage } from 'src/analytics/metrics/roi.util';

type Amount = { currencyCode: string; amount: bigint };
type ConversionGroup = { conversionType: string; currencyCode: string; conversions: number; valueMicros: bigint };
type SpendGroup = { currencyCode: string; spendMicros: bigint };
type Traffic = { clicks: number; visitors: number; sessions: number };

export type OverviewFigures = Traffic & {
  leads: number;
  dealsWon: number;
  currencyCode: string;
  revenue: bigint;
  revenueByCurrency: Amount[];
  cost: bigint | null;
  costByCurrency: Amount[];
  roiPercentage: number | null;
};

function sumByCurrency<T>(items: readonly T[], currency: (item: T) => string, amount: (item: T) => bigint): Amount[] {
  const sums = new Map<string, bigint>();
  for (const item of items) sums.set(currency(item), (sums.get(currency(item)) ?? 0n) + amount(item));
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currencyCode, sum]) => ({ currencyCode, amount: sum }));
}

const largest = (amounts: readonly Amount[]): string | null => amounts.reduce<Amount | null>((best, each) => (best === null || each.amount > best.amount ? each : best), null)?.currencyCode ?? null;

/**
 * The currency an overview speaks: money of different currencies cannot be added, so revenue,
 * cost and ROI are given in the one with the most revenue, else the most spend.
 */
export function overviewCurrency(conversions: readonly ConversionGroup[], spend: readonly SpendGroup[] | null, fallback: string): string {
  return (
    largest(sumByCurrency(conversions, (group) => group.currencyCode, (group) => group.valueMicros).filter((each) => each.amount > 0n)) ??
    largest(sumByCurrency(spend ?? [], (group) => group.currencyCode, (group) => group.spendMicros)) ??
    fallback
  );
}

/** A period's figures in `currencyCode`; `spend` is null when the workspace never imported any (no cost, rather than a cost of 0). */
export function overviewFigures(traffic: Traffic, conversions: readonly ConversionGroup[], spend: readonly SpendGroup[] | null, currencyCode: string): OverviewFigures {
  const count = (type: string) => conversions.filter((group) => group.conversionType === type).reduce((sum, group) => sum + group.conversions, 0);
  const revenueByCurrency = sumByCurrency(conversions, (group) => group.currencyCode, (group) => group.valueMicros);
  const costByCurrency = sumByCurrency(spend ?? [], (group) => group.currencyCode, (group) => group.spendMicros);
  const revenue = revenueByCurrency.find((each) => each.currencyCode === currencyCode)?.amount ?? 0n;
  const cost = spend === null ? null : (costByCurrency.find((each) => each.currencyCode === currencyCode)?.amount ?? 0n);
  return {
    clicks: traffic.clicks,
    visitors: traffic.visitors,
    sessions: traffic.sessions,
    leads: count('lead'),
    dealsWon: count('deal'),
    currencyCode,
    revenue,
    revenueByCurrency,
    cost,
    costByCurrency,
    roiPercentage: roiPercentage(revenue, cost),
  };
}
