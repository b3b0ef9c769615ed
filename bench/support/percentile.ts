/** The nearest-rank percentile (`share` 0.5 for the median, 0.99 for p99) of values sorted in ascending order. */
export const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
