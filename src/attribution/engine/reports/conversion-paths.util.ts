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

/**
 * The most common paths of converting journeys, as ChannelAttribution and GA's Top Conversion Paths
 * show them: a journey's touches, in order, each written as its group, repeats kept ("Email > Email").
 */
export function summariseConversionPaths(journeys: readonly ConvertingJourney[], top: number): ConversionPathsSummary {
  if (!Number.isInteger(top) || top < 1) throw new ValidationFailure('top', `must be a whole number >= 1, got ${top}`);
  const paths = new Map<string, PathTally>();
  const lengths = new Map<number, number>();
  for (const journey of journeys) {
    const path = journey.keys.join(PATH_SEPARATOR);
    let tally = paths.get(path);
    if (!tally) {
      tally = { touches: journey.keys.length, days: [], value: new CurrencyTotals() };
      paths.set(path, tally);
    }
    tally.days.push(daysBetween(journey.firstTouchMs, journey.convertedMs));
    tally.value.add(journey.currencyCode, journey.valueMicros);
    lengths.set(journey.keys.length, (lengths.get(journey.keys.length) ?? 0) + 1);
  }
  const ranked = [...paths.entries()].sort(([pathA, a], [pathB, b]) => b.days.length - a.days.length || compareText(pathA, pathB)).slice(0, top);
  return {
    conversions: journeys.length,
    distinctPaths: paths.size,
    paths: ranked.map(([path, tally]) => ({
      path,
      touches: tally.touches,
      conversions: tally.days.length,
      value: tally.value.list(),
      medianDaysToConvert: quantile(Float64Array.from(tally.days).sort(), 0.5) as number,
    })),
    lengths: [...lengths.entries()].sort(([a], [b]) => a - b).map(([touches, conversions]) => ({ touches, conversions, share: conversions / journeys.length })),
  };
}
