import { MS_PER_DAY } from 'src/attribution/engine/lookback-window.util';

interface DistributionBucket {
  /** "0", "1", "2–3", …, "31+". */
  label: string;
  min: number;
  /** Null for the open last bucket. */
  max: number | null;
  count: number;
}

export interface Distribution {
  count: number;
  /** Null when there is nothing to summarise. */
  median: number | null;
  p25: number | null;
  p75: number | null;
  /** Every bucket, empty ones included, so two reports always line up. */
  buckets: DistributionBucket[];
}

/** The classic time-lag buckets (GA's 0, 1, 2–3, … in whole days); touch counts use the same ones. */
const BUCKET_BOUNDS: readonly [number, number | null][] = [
  [0, 0],
  [1, 1],
  [2, 3],
  [4, 7],
  [8, 14],
  [15, 30],
  [31, null],
];

/** Days elapsed, fractions kept: medians of whole days would hide a lag of hours. */
export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_DAY;
}

/**
 * The p-quantile by linear interpolation between the closest ranks (Hyndman and Fan's type 7,
 * the default of R, NumPy and Excel's PERCENTILE.INC): h = (n - 1)p, s[⌊h⌋] + (h - ⌊h⌋)(s[⌊h⌋+1] - s[⌊h⌋]).
 * `sorted` must be in ascending order.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
}

/** Median, quartiles and bucket counts; a value falls in the bucket of its whole part (1.9 days is "1"). */
export function summariseDistribution(values: readonly number[]): Distribution {
  const ascending = Float64Array.from(values).sort();
  const buckets = BUCKET_BOUNDS.map(([min, max]) => ({ label: max === null ? `${min}+` : min === max ? `${min}` : `${min}–${max}`, min, max, count: 0 }));
  for (const value of ascending) {
    const whole = Math.floor(value);
    const bucket = buckets.find((candidate) => candidate.max === null || whole <= candidate.max);
    if (bucket) bucket.count += 1;
  }
  return { count: ascending.length, median: quantile(ascending, 0.5), p25: quantile(ascending, 0.25), p75: quantile(ascending, 0.75), buckets };
}
