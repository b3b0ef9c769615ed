import { AnalyticsInterval } from './queries';

/** The periods the clicks chart offers: whole local days ending today, or whole ISO weeks ending this week. */
export const CHART_PERIODS = {
  '7d': { label: 'Last 7 days', interval: 'DAY', days: 7 },
  '30d': { label: 'Last 30 days', interval: 'DAY', days: 30 },
  '12w': { label: 'Last 12 weeks', interval: 'WEEK', days: 7 * 12 },
} as const satisfies Record<string, { label: string; interval: AnalyticsInterval; days: number }>;
export type ChartPeriodChoice = keyof typeof CHART_PERIODS;

/**
 * [from, to) in the runtime's own time zone, on calendar boundaries so the first and last points
 * are whole days or weeks: `to` is the start of tomorrow (of next Monday for weeks).
 */
export function chartPeriod(choice: ChartPeriodChoice, now: Date): { from: Date; to: Date; interval: AnalyticsInterval } {
  const { interval, days } = CHART_PERIODS[choice];
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  // From tomorrow to the Monday after today: 0 to 6 days (getDay() is 0 on Sundays).
  if (interval === 'WEEK') to.setDate(to.getDate() + ((8 - to.getDay()) % 7));
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - days);
  return { from, to, interval };
}

/** The runtime's IANA zone, so the server's days match the ones the chart labels; UTC when it has none. */
export function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A day or week label of a series (2026-03-05) as a short date: the same calendar day in every zone. */
export function pointLabel(label: string, locale?: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  const date = new Date(`${label}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? label : new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}
