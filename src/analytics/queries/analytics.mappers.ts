import { AbTestVerdictDto, CampaignStatsDto, CostSource, MoneyAmountDto, SiteFiguresDto, TrafficBreakdownDto, VariantPerformanceDto } from 'src/analytics/dto/analytics.dto';
import { probabilityBest, visitorsNeeded } from 'src/analytics/metrics/ab-verdict.util';
import { Figures, zeroFigures } from 'src/analytics/metrics/counters.util';
import { average, campaignCost, microsPer, percentage, roiPercentage } from 'src/analytics/metrics/roi.util';
import { ConversionGroup, SpendGroup } from 'src/analytics/queries/analytics-reader.repository';

type CampaignFacts = { id: string; name: string; currencyCode: string; budgetMicros: bigint | null };

/** Sums of conversion groups: all of them, per type, per currency, per variant. */
export function conversionTotals(groups: readonly ConversionGroup[]) {
  const byCurrency = new Map<string, bigint>();
  const byVariant = new Map<string, number>();
  let conversions = 0;
  let leads = 0;
  let deals = 0;
  for (const group of groups) {
    conversions += group.conversions;
    if (group.conversionType === 'lead') leads += group.conversions;
    if (group.conversionType === 'deal') deals += group.conversions;
    byCurrency.set(group.currencyCode, (byCurrency.get(group.currencyCode) ?? 0n) + group.valueMicros);
    if (group.variantId) byVariant.set(group.variantId, (byVariant.get(group.variantId) ?? 0) + group.conversions);
  }
  return { conversions, leads, deals, byCurrency, byVariant };
}

/** Spend in the campaign's currency; spend imported in another currency cannot be added to it and is left out. */
export function spendIn(currencyCode: string, spend: readonly SpendGroup[] | null): bigint | null {
  if (spend === null) return null;
  return spend.filter((group) => group.currencyCode === currencyCode).reduce((sum, group) => sum + group.spendMicros, 0n);
}

export function toCampaignStats(campaign: CampaignFacts, figures: Figures, groups: readonly ConversionGroup[], spendMicros: bigint | null): Omit<CampaignStatsDto, 'period'> {
  const totals = conversionTotals(groups);
  const revenue = totals.byCurrency.get(campaign.currencyCode) ?? 0n;
  const { costMicros, source } = campaignCost(spendMicros, campaign.budgetMicros);
  const revenueByCurrency: MoneyAmountDto[] = [...totals.byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currencyCode, amount]) => ({ currencyCode, amount }));
  return {
    campaignId: campaign.id,
    name: campaign.name,
    clicks: figures.clicks,
    uniqueVisitors: figures.visitors,
    sessions: figures.sessions,
    conversions: totals.conversions,
    leads: totals.leads,
    deals: totals.deals,
    currencyCode: campaign.currencyCode,
    revenue,
    revenueByCurrency,
    conversionRate: percentage(totals.conversions, figures.visitors),
    cost: costMicros,
    costSource: source as CostSource,
    costPerClick: microsPer(costMicros, figures.clicks),
    costPerAcquisition: microsPer(costMicros, totals.conversions),
    roiPercentage: roiPercentage(revenue, costMicros),
  };
}

/** Breakdown values by clicks, then visitors, then name. */
export function rankedBreakdown(values: ReadonlyMap<string, Figures> | undefined): TrafficBreakdownDto[] {
  return rankedBy(values, 'clicks', Infinity, (key, figures) => ({ key, clicks: figures.clicks, uniqueVisitors: figures.visitors }));
}

const VERDICT_THRESHOLD = 0.95;
const VERDICT_METHOD =
  'Each variant\'s conversion rate has a Beta(1 + conversions, 1 + visitors − conversions) posterior; the probability of being best is integrated numerically. ' +
  'Visitors needed: the normal approximation z²(p₁q₁ + p₂q₂)/(p₁ − p₂)² per variant for the two leading rates, one-sided 95 %, if the rates seen so far hold.';

/** Each variant's performance with its probability of being best, and the test's verdict (none with fewer than two variants). */
export function toVariantPerformance(
  variants: readonly { id: string; name: string }[],
  figures: ReadonlyMap<string, Figures> | undefined,
  conversionsByVariant: ReadonlyMap<string, number>,
): { variants: VariantPerformanceDto[]; abTest: AbTestVerdictDto | null } {
  const performance = variantFigures(variants, figures, conversionsByVariant);
  if (performance.length < 2) return { variants: performance.map((variant) => ({ ...variant, probabilityBest: null })), abTest: null };
  const arms = performance.map((variant) => ({ conversions: variant.conversions, visitors: variant.uniqueVisitors }));
  const probabilities = probabilityBest(arms);
  const leader = probabilities.indexOf(Math.max(...probabilities));
  return {
    variants: performance.map((variant, index) => ({ ...variant, probabilityBest: probabilities[index] })),
    abTest: {
      threshold: VERDICT_THRESHOLD,
      leaderVariantId: performance[leader].variantId,
      verdictReached: probabilities[leader] >= VERDICT_THRESHOLD,
      visitorsNeeded: visitorsNeeded(arms, probabilities, VERDICT_THRESHOLD),
      method: VERDICT_METHOD,
    },
  };
}

function variantFigures(variants: readonly { id: string; name: string }[], figures: ReadonlyMap<string, Figures> | undefined, conversionsByVariant: ReadonlyMap<string, number>): Omit<VariantPerformanceDto, 'probabilityBest'>[] {
  const known = new Map(variants.map((variant) => [variant.id, variant.name]));
  const ids = [...new Set([...known.keys(), ...(figures?.keys() ?? []), ...conversionsByVariant.keys()])];
  return ids.map((variantId) => {
    const counted = figures?.get(variantId) ?? zeroFigures();
    const conversions = conversionsByVariant.get(variantId) ?? 0;
    return {
      variantId,
      variantName: known.get(variantId) ?? '(deleted variant)',
      clicks: counted.clicks,
      uniqueVisitors: counted.visitors,
      conversions,
      conversionRate: percentage(conversions, counted.visitors),
    };
  });
}

export function toSiteFigures(figures: Figures | undefined): SiteFiguresDto {
  const counted = figures ?? zeroFigures();
  return {
    visitors: counted.visitors,
    sessions: counted.sessions,
    bounces: counted.bounces,
    bounceRate: percentage(counted.bounces, counted.sessions),
    pageViews: counted.page_views,
    formStarts: counted.form_starts,
    formSubmits: counted.form_submits,
    ctaClicks: counted.ctas,
    exits: counted.exits,
    averageSessionSeconds: average(counted.session_seconds, counted.sessions),
  };
}

/** The values of a site breakdown ranked by one counter, then visitors, then name. */
export function rankedBy<T>(values: ReadonlyMap<string, Figures> | undefined, counter: keyof Figures, limit: number, map: (key: string, figures: Figures) => T): T[] {
  return [...(values ?? new Map<string, Figures>()).entries()]
    .sort(([keyA, a], [keyB, b]) => b[counter] - a[counter] || b.visitors - a.visitors || keyA.localeCompare(keyB))
    .slice(0, limit)
    .map(([key, figures]) => map(key, figures));
}
