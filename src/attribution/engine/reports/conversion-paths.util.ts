import { ValidationFailure } from 'src/common/errors/validation-failure';
import { compareText } from 'src/attribution/engine/compare-text.util';
import { CurrencyAmount, CurrencyTotals } from 'src/attribution/engine/money/currency-totals.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';
import { daysBetween, quantile } from 'src/attribution/engine/reports/distribution.util';

/** ChannelAttribution writes a path as its channels joined by " > " (tests/fixtures/channelattribution-paths.csv). */
export const PATH_SEPARATOR = ' > ';

interface ConversionPath {
  path: string;
  touches: number;
  conversions: number;
  /** Per currency: conversions in different currencies are never added. */
  value: CurrencyAmount[];
  /** From the first touch to the conversion, over this path's conversions. */
  medianDaysToConvert: number;
}

interface PathLength {
  touches: number;
  conversions: number;
  /** Of all converting journeys. */
  share: number;
}

interface ConversionPathsSummary {
  conversions: number;
  distinctPaths: number;
  /** The `top` most frequent paths: most conversions first, then by path text. */
  paths: ConversionPath[];
  /** Touches per converting journey, shortest first, over every path (not only the top ones). */
  lengths: PathLength[];
}

type PathTally = { touches: number; days: number[]; value: CurrencyTotals };

/** Negative when path a ranks ahead of b: more conversions first, then by path text. */
const rank = (a: [string, number], b: [string, number]): number => b[1] - a[1] || compareText(a[0], b[0]);

/** The `top` best-ranked paths, kept in order while walking the counts once, without sorting them all. */
function topPaths(counts: Map<string, number>, top: number): [string, number][] {
  const kept: [string, number][] = [];
  for (const entry of counts) {
    if (kept.length === top && rank(entry, kept[top - 1]) >= 0) continue;
    let at = kept.length;
    while (at > 0 && rank(entry, kept[at - 1]) < 0) at -= 1;
    kept.splice(at, 0, entry);
    if (kept.length > top) kept.pop();
  }
  return kept;
}

/**
 * The most common paths of converting journeys, as ChannelAttribution and GA's Top Conversion Paths
 * show them: a journey's touches, in order, each written as its group, repeats kept ("Email > Email").
 * Paths are counted in a first pass; days and value are gathered in a second, for the top ones only,
 * since most of a large workspace's paths are followed once and never shown.
 */
export function summariseConversionPaths(journeys: readonly ConvertingJourney[], top: number): ConversionPathsSummary {
  if (!Number.isInteger(top) || top < 1) throw new ValidationFailure('top', `must be a whole number >= 1, got ${top}`);
  const paths: string[] = new Array(journeys.length);
  const counts = new Map<string, number>();
  const lengths = new Map<number, number>();
  journeys.forEach((journey, index) => {
    const path = journey.keys.join(PATH_SEPARATOR);
    paths[index] = path;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    lengths.set(journey.keys.length, (lengths.get(journey.keys.length) ?? 0) + 1);
  });
  const ranked = topPaths(counts, top);
  const tallies = new Map<string, PathTally>(ranked.map(([path]) => [path, { touches: 0, days: [], value: new CurrencyTotals() }]));
  journeys.forEach((journey, index) => {
    const tally = tallies.get(paths[index]);
    if (!tally) return;
    tally.touches = journey.keys.length;
    tally.days.push(daysBetween(journey.firstTouchMs, journey.convertedMs));
    tally.value.add(journey.currencyCode, journey.valueMicros);
  });
  return {
    conversions: journeys.length,
    distinctPaths: counts.size,
    paths: ranked.map(([path, conversions]) => {
      const tally = tallies.get(path) as PathTally;
      return {
        path,
        touches: tally.touches,
        conversions,
        value: tally.value.list(),
        medianDaysToConvert: quantile(Float64Array.from(tally.days).sort(), 0.5) as number,
      };
    }),
    lengths: [...lengths.entries()].sort(([a], [b]) => a - b).map(([touches, conversions]) => ({ touches, conversions, share: conversions / journeys.length })),
  };
}
