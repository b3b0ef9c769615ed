import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isTimeZone, MS_PER_DAY } from 'src/common/time/zoned-time.util';
import { bucketCountAtMost, Interval } from 'src/analytics/time/period-plan.util';

const MAX_PERIOD_DAYS = 3660;
const MAX_BUCKETS = 1500;
const MAX_TOP = 100;

export type AnalyticsRange = { from: Date; to: Date; zone: string };

/** from before to, at most ten years apart, and an IANA time zone (UTC when none is given). */
export function analyticsRange(from: Date, to: Date, timeZone: string | null | undefined): AnalyticsRange {
  if (Number.isNaN(from.getTime())) throw new ValidationFailure('from', 'must be a valid date');
  if (Number.isNaN(to.getTime())) throw new ValidationFailure('to', 'must be a valid date');
  if (from.getTime() >= to.getTime()) throw new ValidationFailure('to', 'must be after from');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * MS_PER_DAY) throw new ValidationFailure('to', `the period must be at most ${MAX_PERIOD_DAYS} days`);
  return { from, to, zone: timeZoneOrUtc(timeZone) };
}

export function timeZoneOrUtc(timeZone: string | null | undefined): string {
  const zone = timeZone?.trim() || 'UTC';
  if (!isTimeZone(zone)) throw new ValidationFailure('timeZone', 'must be an IANA time zone such as Europe/Paris or UTC');
  return zone;
}

/** A series may not have more points than a chart can show: HOUR is for ranges of about two months at most. */
export function checkInterval(range: AnalyticsRange, interval: Interval): Interval {
  if (bucketCountAtMost(range.from.getTime(), range.to.getTime(), interval) > MAX_BUCKETS) {
    throw new ValidationFailure('interval', `gives more than ${MAX_BUCKETS} points over this period; use a longer interval or a shorter period`);
  }
  return interval;
}

export function topLimit(limit: number | null | undefined): number {
  const value = limit ?? 10;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TOP) throw new ValidationFailure('limit', `must be a whole number from 1 to ${MAX_TOP}`);
  return value;
}
