import { monthOf, nextMonth } from 'src/analytics/time/period-plan.util';
import { addDays, localDate, MS_PER_HOUR, startOfLocalDay } from 'src/common/time/zoned-time.util';

export type Grain = 'hour' | 'day';
export type PeriodRange = { startMs: number; endMs: number };

/** The start of the period that contains `atMs`: a UTC hour, or a local day of the zone. */
export function periodStart(grain: Grain, zone: string, atMs: number): number {
  return grain === 'hour' ? Math.floor(atMs / MS_PER_HOUR) * MS_PER_HOUR : startOfLocalDay(zone, localDate(zone, atMs));
}

/** The start of the period after the one starting at `startMs`. */
export function periodAfter(grain: Grain, zone: string, startMs: number): number {
  return grain === 'hour' ? startMs + MS_PER_HOUR : startOfLocalDay(zone, addDays(localDate(zone, startMs), 1));
}

/** The next new periods to roll up: from the frontier towards `closedUntil`, at most `maxPeriods` of them. */
export function nextNewPeriods(grain: Grain, zone: string, rolledUpUntilMs: number, closedUntilMs: number, maxPeriods: number): PeriodRange | null {
  if (rolledUpUntilMs >= closedUntilMs) return null;
  let endMs = rolledUpUntilMs;
  for (let count = 0; count < maxPeriods && endMs < closedUntilMs; count += 1) endMs = periodAfter(grain, zone, endMs);
  return { startMs: rolledUpUntilMs, endMs: Math.min(endMs, closedUntilMs) };
}

/** Periods (given by their start) merged into contiguous ranges, so that consecutive ones are rebuilt by one statement. */
export function contiguousRanges(grain: Grain, zone: string, startsMs: readonly number[]): PeriodRange[] {
  const ranges: PeriodRange[] = [];
  for (const startMs of [...new Set(startsMs)].sort((a, b) => a - b)) {
    const endMs = periodAfter(grain, zone, startMs);
    const last = ranges[ranges.length - 1];
    if (last && last.endMs === startMs) last.endMs = endMs;
    else ranges.push({ startMs, endMs });
  }
  return ranges;
}

/**
 * The calendar months (first days, [first, end)) touched by rebuilt day ranges that are complete,
 * i.e. end by the frontier: their monthly rows are rebuilt from the daily ones.
 */
export function completeMonthsTouched(zone: string, ranges: readonly PeriodRange[], rolledUpUntilMs: number): { first: string; end: string }[] {
  const frontierDay = localDate(zone, rolledUpUntilMs);
  const months = new Set<string>();
  for (const range of ranges) {
    const last = addDays(localDate(zone, range.endMs), -1);
    for (let month = monthOf(localDate(zone, range.startMs)); month <= last; month = nextMonth(month)) {
      if (nextMonth(month) <= frontierDay) months.add(month);
    }
  }
  const merged: { first: string; end: string }[] = [];
  for (const month of [...months].sort()) {
    const previous = merged[merged.length - 1];
    if (previous && previous.end === month) previous.end = nextMonth(month);
    else merged.push({ first: month, end: nextMonth(month) });
  }
  return merged;
}
