/** Pure helpers the admin forms share: text areas of address ranges and of response headers, date inputs, and what changed in a form. */

export interface RangeLine {
  cidr: string;
  description: string | null;
}

const nonBlankLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** One range a line, "CIDR optional description": the shape an operator pastes from a firewall note. */
export function parseRangeLines(text: string): RangeLine[] {
  return nonBlankLines(text).map((line) => {
    const [cidr, ...words] = line.split(/\s+/);
    return { cidr, description: words.length > 0 ? words.join(' ') : null };
  });
}

export const formatRangeLines = (ranges: readonly RangeLine[]): string => ranges.map((range) => (range.description ? `${range.cidr} ${range.description}` : range.cidr)).join('\n');

export interface HeaderLine {
  name: string;
  value: string;
}

/** One response header a line, "Name: value" as HTTP writes it; a line without a colon is a name with an empty value, for the API to judge. */
export function parseHeaderLines(text: string): HeaderLine[] {
  return nonBlankLines(text).map((line) => {
    const colon = line.indexOf(':');
    return colon < 0 ? { name: line, value: '' } : { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
  });
}

export const formatHeaderLines = (headers: readonly HeaderLine[]): string => headers.map((header) => `${header.name}: ${header.value}`).join('\n');

/** A datetime-local value (the browser's wall clock) as the instant the API takes; empty is none. */
export function localInputToIso(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as a datetime-local input shows it, in the browser's zone, to the minute. */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The entries of `after` whose value differs from `before` (compared as JSON, so lists and objects compare by content). */
export function changedEntries<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null))) as Partial<T>;
}

/**
 * The form field a refusal is about: the API names list items by index and sub-field
 * (internalIpRanges[2].ipRange, channelRules["Paid"].conditions[0].value), the form shows one control for the list.
 */
export const formFieldOf = (apiField: string): string => apiField.replace(/^input\./, '').split(/[[.]/)[0];

/** A calendar date (YYYY-MM-DD) `days` days after another, counted on the calendar, not in hours. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The days first to last, both included, as the half-open instants [from, to) the analytics API takes, in the browser's zone. */
export function dayRangeToInstants(first: string, last: string): { from: string | null; to: string | null } {
  return { from: localInputToIso(`${first}T00:00`), to: localInputToIso(`${addDays(last, 1)}T00:00`) };
}
