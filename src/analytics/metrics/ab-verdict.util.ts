/**
 * Which A/B variant converts best, said as a probability rather than a p-value: each variant's
 * conversion rate has a Beta(1 + conversions, 1 + non-conversions) posterior (a uniform prior),
 * and P(variant i is best) = ∫ f_i(x) Π_{j≠i} F_j(x) dx, integrated numerically on a grid over
 * where the posteriors hold their mass. Deterministic: the same counts always give the same answer.
 */

export type Arm = { conversions: number; visitors: number };

const GRID_CELLS = 4000;
/** The grid spans this many standard deviations either side of every posterior's mean. */
const SPAN_SDS = 12;
/** One-sided 95 %: the z of the normal approximation behind `visitorsNeeded`. */
const Z_95 = 1.6448536269514722;

function posterior(arm: Arm): { a: number; b: number; mean: number; variance: number } {
  const conversions = Math.max(0, Math.min(arm.conversions, arm.visitors));
  const a = 1 + conversions;
  const b = 1 + Math.max(0, arm.visitors - conversions);
  const mean = a / (a + b);
  return { a, b, mean, variance: (a * b) / ((a + b) ** 2 * (a + b + 1)) };
}

/** Each arm's probability of having the highest conversion rate; they sum to 1. */
export function probabilityBest(arms: readonly Arm[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const posteriors = arms.map(posterior);
  const low = Math.max(0, Math.min(...posteriors.map((p) => p.mean - SPAN_SDS * Math.sqrt(p.variance))));
  const high = Math.min(1, Math.max(...posteriors.map((p) => p.mean + SPAN_SDS * Math.sqrt(p.variance))));
  const width = (high - low) / GRID_CELLS;
  // Each posterior's mass per cell, from its log density at the cell's middle, normalised on the grid.
  const masses = posteriors.map(({ a, b }) => {
    const logs = Array.from({ length: GRID_CELLS }, (_, cell) => {
      const x = low + (cell + 0.5) * width;
      return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x);
    });
    const top = Math.max(...logs);
    const weights = logs.map((log) => Math.exp(log - top));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => weight / total);
  });
  const below = masses.map(() => 0);
  const best = arms.map(() => 0);
  for (let cell = 0; cell < GRID_CELLS; cell += 1) {
    // Within a cell, another arm is below this one half the time.
    const cdf = masses.map((mass, arm) => below[arm] + mass[cell] / 2);
    for (let arm = 0; arm < arms.length; arm += 1) {
      let others = 1;
      for (let other = 0; other < arms.length; other += 1) if (other !== arm) others *= cdf[other];
      best[arm] += masses[arm][cell] * others;
    }
    for (let arm = 0; arm < arms.length; arm += 1) below[arm] += masses[arm][cell];
  }
  const sum = best.reduce((total, value) => total + value, 0);
  return best.map((value) => value / sum);
}

/**
 * About how many more visitors, split evenly, the test needs before the leader is ahead of the
 * runner-up with 95 % probability, if the rates seen so far hold: the normal approximation
 * n = z² (p₁q₁ + p₂q₂) / (p₁ − p₂)² per variant, on the posterior means. 0 when the verdict is
 * reached; null when the two leading rates are equal (no number of visitors tells them apart).
 */
export function visitorsNeeded(arms: readonly Arm[], probabilities: readonly number[], threshold = 0.95): number | null {
  if (arms.length < 2) return null;
  if (Math.max(...probabilities) >= threshold) return 0;
  const ranked = arms.map((arm, index) => ({ arm, ...posterior(arm), probability: probabilities[index] })).sort((x, y) => y.mean - x.mean);
  const [first, second] = ranked;
  const gap = first.mean - second.mean;
  if (gap <= 0) return null;
  const perVariant = Math.ceil((Z_95 ** 2 * (first.mean * (1 - first.mean) + second.mean * (1 - second.mean))) / gap ** 2);
  return arms.reduce((total, arm) => total + Math.max(0, perVariant - arm.visitors), 0);
}
