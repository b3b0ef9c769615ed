import { addDays, isoWeekday, localDate, MS_PER_HOUR, startOfLocalDay, startOfLocalHour, formatLocal } from 'src/common/time/zoned-time.util';

export type Interval = 'HOUR' | 'DAY' | 'WEEK';

/** One period of a series, clipped to the asked range; `label` is its calendar start in the zone. */
export type Bucket = { index: number; startMs: number; endMs: number; label: string };

/** Whole local days [firstDay, endDay) served by daily rollups, and the instants they span. */
type RolledDays = { firstDay: string; endDay: string; startMs: number; endMs: number };

/** How one range is answered: whole rolled-up days from the rollups, and what is left from raw rows. */
type RangePlan = { days: RolledDays | null; raw: { fromMs: number; toMs: number }[] };

function nextCalendarStart(zone: string, interval: Interval, atMs: number): { startMs: number; label: string } {
  if (interval === 'HOUR') {
    const start = startOfLocalHour(zone, atMs);
    return { startMs: start, label: formatLocal(zone, start).slice(0, 16) };
  }
  const date = localDate(zone, atMs);
  const day = interval === 'WEEK' ? addDays(date, -isoWeekday(date)) : date;
  return { startMs: startOfLocalDay(zone, day), label: day };
}

function followingStart(zone: string, interval: Interval, bucketStartMs: number, label: string): number {
  if (interval === 'HOUR') {
    // A one-hour step lands in the next local hour even across a daylight-saving change.
    return startOfLocalHour(zone, bucketStartMs + MS_PER_HOUR);
  }
  return startOfLocalDay(zone, addDays(label, interval === 'WEEK' ? 7 : 1));
}

/** Calendar hours, days or ISO weeks (Monday first) of the zone that meet [from, to), the first and last clipped. */
export function makeBuckets(zone: string, fromMs: number, toMs: number, interval: Interval): Bucket[] {
  const buckets: Bucket[] = [];
  let { startMs, label } = nextCalendarStart(zone, interval, fromMs);
  while (startMs < toMs) {
    const endMs = followingStart(zone, interval, startMs, label);
    if (endMs <= startMs) throw new Error(`no ${interval} after ${new Date(startMs).toISOString()} in ${zone}`);
    buckets.push({ index: buckets.length, startMs: Math.max(startMs, fromMs), endMs: Math.min(endMs, toMs), label });
    ({ startMs, label } = nextCalendarStart(zone, interval, endMs));
  }
  return buckets;
}

/** How many buckets a range would have, without building them (to refuse absurd requests first). */
export function bucketCountAtMost(fromMs: number, toMs: number, interval: Interval): number {
  // Daylight-saving days are 23 hours long, and any period may be clipped at both ends.
  const shortest = { HOUR: MS_PER_HOUR, DAY: 23 * MS_PER_HOUR, WEEK: (7 * 24 - 1) * MS_PER_HOUR }[interval];
  return Math.ceil((toMs - fromMs) / shortest) + 2;
}

/**
 * Splits [from, to) into the whole local days that end by `rolledUpUntil` (read from the daily
 * rollups) and the rest: a partial first day, a partial last day and whatever is not rolled up yet.
 */
export function planRange(zone: string, fromMs: number, toMs: number, rolledUpUntilMs: number | null): RangePlan {
  const limit = rolledUpUntilMs === null ? fromMs : Math.min(toMs, rolledUpUntilMs);
  const fromDate = localDate(zone, fromMs);
  const firstDay = startOfLocalDay(zone, fromDate) === fromMs ? fromDate : addDays(fromDate, 1);
  const endDay = localDate(zone, limit);
  if (limit <= fromMs || firstDay >= endDay) return { days: null, raw: [{ fromMs, toMs }] };
  const startMs = startOfLocalDay(zone, firstDay);
  const endMs = startOfLocalDay(zone, endDay);
  const raw = [
    { fromMs, toMs: startMs },
    { fromMs: endMs, toMs },
  ].filter((part) => part.fromMs < part.toMs);
  return { days: { firstDay, endDay, startMs, endMs }, raw };
}

/** Whole days [firstDay, endDay) as read from the rollups: whole calendar months from the monthly rows, the days around them from the daily ones. */
export type DaySegment = { grain: 'day' | 'month'; first: string; end: string };

/** The first day of the month of a YYYY-MM-DD date, and of the month after. */
export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;
export const nextMonth = (month: string): string => monthOf(addDays(month, 32));

export function daySegments(firstDay: string, endDay: string): DaySegment[] {
  const firstMonth = firstDay.endsWith('-01') ? firstDay : nextMonth(monthOf(firstDay));
  const endMonth = monthOf(endDay);
  if (firstMonth >= endMonth) return [{ grain: 'day', first: firstDay, end: endDay }];
  return [
    { grain: 'day' as const, first: firstDay, end: firstMonth },
    { grain: 'month' as const, first: firstMonth, end: endMonth },
    { grain: 'day' as const, first: endMonth, end: endDay },
  ].filter((segment) => segment.first < segment.end);
}

/** An hour bucket comes from the hourly (UTC) rollups when it is exactly one whole UTC hour that is rolled up. */
export function isRolledUpHour(bucket: Bucket, hourlyRolledUpUntilMs: number | null): boolean {
  return hourlyRolledUpUntilMs !== null && bucket.startMs % MS_PER_HOUR === 0 && bucket.endMs - bucket.startMs === MS_PER_HOUR && bucket.endMs <= hourlyRolledUpUntilMs;
}
