/**
 * Campaign economics on integer micros. Ratios are rounded to 4 decimals, money per unit to the
 * nearest micro (halves away from zero); anything divided by zero is null ("no figure"), never 0.
 */

const roundHalfAway = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const [n, d] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
};

/** part / whole × 100, e.g. a conversion rate in percent. */
export function percentage(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 100 * 10_000) / 10_000;
}

/** Cost per click or per acquisition. */
export function microsPer(costMicros: bigint | null, units: number): bigint | null {
  if (costMicros === null || units === 0) return null;
  return roundHalfAway(costMicros, BigInt(units));
}

/** (revenue − cost) / cost × 100, in percent with 4 decimals. */
export function roiPercentage(revenueMicros: bigint, costMicros: bigint | null): number | null {
  if (costMicros === null || costMicros === 0n) return null;
  return Number(roundHalfAway((revenueMicros - costMicros) * 1_000_000n, costMicros)) / 10_000;
}

type CostSource = 'AD_SPEND' | 'BUDGET' | 'NONE';

/** Imported ad spend when the campaign has any, else its budget; `spendMicros` is null when no spend row matches the campaign. */
export function campaignCost(spendMicros: bigint | null, budgetMicros: bigint | null): { costMicros: bigint | null; source: CostSource } {
  if (spendMicros !== null) return { costMicros: spendMicros, source: 'AD_SPEND' };
  if (budgetMicros !== null) return { costMicros: budgetMicros, source: 'BUDGET' };
  return { costMicros: null, source: 'NONE' };
}

export function average(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((total / count) * 100) / 100;
}
