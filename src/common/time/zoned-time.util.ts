/**
 * Local days, hours and weeks of an IANA time zone, computed with Intl (the same tz database
 * PostgreSQL uses), so that buckets built here match `(ts AT TIME ZONE zone)::date` in SQL.
 * A local date is written YYYY-MM-DD and handled as a string.
 */

const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let cached = formatters.get(zone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, cached);
  }
  return cached;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallTime(zone: string, atMs: number): WallTime {
  if (zone === 'UTC') {
    const date = new Date(atMs);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(atMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds (whole seconds). */
export function offsetMs(zone: string, atMs: number): number {
  const wall = wallTime(zone, atMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(atMs / 1000) * 1000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function localDate(zone: string, atMs: number): string {
  const wall = wallTime(zone, atMs);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** Monday is 0, Sunday 6 (ISO weeks). */
export function isoWeekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

// Series ask for the same day starts again and again, and each costs several Intl calls.
const dayStarts = new Map<string, number>();
const MAX_CACHED_DAY_STARTS = 100_000;

function isStartOf(zone: string, date: string, atMs: number): boolean {
  return localDate(zone, atMs) === date && localDate(zone, atMs - MS_PER_MINUTE) < date;
}

/**
 * The first instant whose local date is `date`: usually local midnight, later where midnight is
 * skipped by a daylight-saving change. Tried first where the offset around midnight puts it,
 * else found by bisection on whole minutes.
 */
export function startOfLocalDay(zone: string, date: string): number {
  const key = `${zone} ${date}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  const nominal = Date.parse(`${date}T00:00:00Z`);
  let start: number | undefined;
  for (const probe of [nominal, nominal - 12 * MS_PER_HOUR, nominal + 12 * MS_PER_HOUR]) {
    const candidate = nominal - offsetMs(zone, probe);
    if (isStartOf(zone, date, candidate)) {
      start = candidate;
      break;
    }
  }
  if (start === undefined) {
    let low = (nominal - 15 * MS_PER_HOUR) / MS_PER_MINUTE;
    let high = (nominal + 15 * MS_PER_HOUR) / MS_PER_MINUTE;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (localDate(zone, middle * MS_PER_MINUTE) >= date) high = middle;
      else low = middle;
    }
    start = high * MS_PER_MINUTE;
  }
  if (dayStarts.size >= MAX_CACHED_DAY_STARTS) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
}

/** The start of the local hour containing the instant (local hours start at a whole local hour, whatever the offset). */
export function startOfLocalHour(zone: string, atMs: number): number {
  const wall = wallTime(zone, atMs);
  return Math.floor(atMs / 1000) * 1000 - (wall.minute * 60 + wall.second) * 1000;
}

/** "2026-03-29T02:00:00+02:00": an instant as the zone's wall clock shows it. */
export function formatLocal(zone: string, atMs: number): string {
  const wall = wallTime(zone, atMs);
  const offsetMinutes = Math.round(offsetMs(zone, atMs) / MS_PER_MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
