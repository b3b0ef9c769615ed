import { ValidationFailure } from 'src/common/errors/validation-failure';
import { ExcludedTouchpoints, Touchpoint } from 'src/attribution/engine/attribution.types';

export const MS_PER_DAY = 86_400_000;
export const DEFAULT_LOOKBACK_WINDOW_DAYS = 30;

interface TouchpointsInWindow<T extends Touchpoint> {
  /** Oldest first; touches with equal timestamps keep their input order. */
  touchpoints: T[];
  excluded: ExcludedTouchpoints;
}

/** Keeps the touches with conversion.at - window <= at <= conversion.at, both ends included. */
export function selectTouchpointsInWindow<T extends Touchpoint>(
  conversionAt: Date,
  touchpoints: readonly T[],
  lookbackWindowDays: number,
): TouchpointsInWindow<T> {
  const conversionMs = conversionAt.getTime();
  if (Number.isNaN(conversionMs)) throw new ValidationFailure('conversion.at', 'is not a valid date');
  const windowStartMs = conversionMs - lookbackWindowDays * MS_PER_DAY;
  const times = new Float64Array(touchpoints.length);
  const kept: number[] = [];
  const excluded: ExcludedTouchpoints = { beforeWindow: 0, afterConversion: 0 };
  touchpoints.forEach((touchpoint, index) => {
    const ms = touchpoint.at.getTime();
    if (Number.isNaN(ms)) throw new ValidationFailure(`touchpoints[${index}].at`, 'is not a valid date');
    times[index] = ms;
    if (ms > conversionMs) excluded.afterConversion += 1;
    else if (ms < windowStartMs) excluded.beforeWindow += 1;
    else kept.push(index);
  });
  // The index tie-break makes the order independent of the sort algorithm's stability.
  kept.sort((a, b) => times[a] - times[b] || a - b);
  return { touchpoints: kept.map((index) => touchpoints[index]), excluded };
}
