/** The additive figures every rollup row carries (columns of hourly_rollup and daily_rollup). */
export const COUNTERS = ['clicks', 'sessions', 'bounces', 'page_views', 'form_starts', 'form_submits', 'ctas', 'exits', 'session_seconds'] as const;

export type CounterName = (typeof COUNTERS)[number];
type Counters = Record<CounterName, number>;

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Counters;
}

/** Adds a row read from SQL (numbers or numeric text; missing columns count as 0) into `into`. */
export function addCounters<T extends Counters>(into: T, row: Readonly<Record<string, unknown>>): T {
  for (const name of COUNTERS) into[name] += Number(row[name] ?? 0);
  return into;
}

/** Figures of one period or one breakdown value: the counters and the unique visitors. */
export type Figures = Counters & { visitors: number };

export function zeroFigures(): Figures {
  return { ...zeroCounters(), visitors: 0 };
}
