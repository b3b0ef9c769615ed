import { AnalyticsInterval } from './queries';

/**
 * The periods the analytics screens offer, as [from, to) instants of whole days in a chosen IANA
 * zone (not the browser's: a team in Paris reading a New York workspace's figures picks its days).
 */
export const PERIOD_PRESETS = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  quarter: 'This quarter',
  custom: 'Custom',
} as const;
export type PeriodPreset = keyof typeof PERIOD_PRESETS;

export type PeriodChoice = { preset: PeriodPreset; timeZone: string; customFrom: string; customTo: string };
export type ReportPeriod = { from: Date; to: Date; interval: AnalyticsInterval; days: number; firstDay: string; lastDay: string };

const DAY_MS = 86_400_000;
/** Beyond about a quarter, one bar per day is too thin to read: weeks then. */
const MAX_DAILY_POINTS = 92;

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const value = (type: string) => Number(parts.find((each) => each.type === type)?.value);
  return Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second')) - Math.floor(ms / 1000) * 1000;
}

/** The instant a calendar day starts in a zone (its first existing minute when the clock jumps over midnight). */
export function startOfDay(timeZone: string, day: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return new Date(dateIn(timeZone, new Date(guess)) === day ? guess : guess + 3_600_000);
}

/** A calendar date `days` later (or earlier). */
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The period chosen, or the rule a custom one breaks, naming its field. */
export function reportPeriod(choice: PeriodChoice, now: Date): { period: ReportPeriod } | { field: 'from' | 'to'; error: string } {
  const today = dateIn(choice.timeZone, now);
  let first: string;
  let last = today;
  if (choice.preset === 'custom') {
    if (!isDate(choice.customFrom)) return { field: 'from', error: 'From must be a date' };
    if (!isDate(choice.customTo)) return { field: 'to', error: 'To must be a date' };
    if (choice.customTo < choice.customFrom) return { field: 'to', error: 'To must be on or after From' };
    [first, last] = [choice.customFrom, choice.customTo];
  } else if (choice.preset === 'quarter') {
    const [year, month] = today.split('-').map(Number);
    first = `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  } else {
    first = addDays(today, 1 - Number.parseInt(choice.preset, 10));
  }
  const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;
  return {
    period: { from: startOfDay(choice.timeZone, first), to: startOfDay(choice.timeZone, addDays(last, 1)), interval: days > MAX_DAILY_POINTS ? 'WEEK' : 'DAY', days, firstDay: first, lastDay: last },
  };
}

/** Relative change from the previous period; null when there was nothing to compare with. */
export function change(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / Math.abs(previous);
}

/** Every zone the browser knows, the chosen one first, UTC always offered. */
export function timeZoneChoices(preferred: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([preferred, 'UTC', ...known])];
}
