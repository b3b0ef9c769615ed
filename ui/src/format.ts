/** Display rules shared by every screen; money arrives as TrackFlow's decimal strings. */

export function formatMoney(amount: string | null | undefined, currencyCode: string, locale?: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currencyCode}`;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode, maximumFractionDigits: 2 }).format(value);
  } catch {
    // An ISO code the browser does not know still reads correctly as "123.45 XYZ".
    return `${amount} ${currencyCode}`;
  }
}

export const formatCount = (value: number, locale?: string): string => new Intl.NumberFormat(locale).format(value);

export const formatPercent = (ratio: number, locale?: string): string => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);

export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return '—';
  // A bare YYYY-MM-DD is a calendar date: read in UTC so it shows the same day in every time zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, /^\d{4}-\d{2}-\d{2}$/.test(value) ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(value: string, locale?: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Conversions per click; no clicks yet reads as a dash, not as 0 %. */
export const conversionRate = (conversions: number, clicks: number): number | null => (clicks > 0 ? conversions / clicks : null);

/** Shares of a whole by weight, for A/B variants: weight 0 gets none, all zero means none gets traffic. */
export function trafficShares(weights: readonly { weight: number; active: boolean }[]): number[] {
  const total = weights.reduce((sum, variant) => sum + (variant.active ? variant.weight : 0), 0);
  return weights.map((variant) => (total > 0 && variant.active ? variant.weight / total : 0));
}

/** ROI arrives in percent (380 for a campaign that brought 4.8 times its cost); the sign is spelled out so loss does not rely on colour. */
export function formatRoi(percent: number | null, locale?: string): string {
  if (percent === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(percent / 100);
}

/** A duration as people say it: seconds, minutes, hours or days (a sync's lag, a job's interval). */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.max(0, seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** The sum of TrackFlow's decimal amounts (up to 6 decimals), added as integer micros so no float rounding creeps in. */
export function sumAmounts(amounts: readonly string[]): string {
  const micros = amounts.reduce((sum, amount) => {
    const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
    const value = BigInt(whole || '0') * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
    return sum + (amount.startsWith('-') ? -value : value);
  }, 0n);
  const sign = micros < 0n ? '-' : '';
  const magnitude = micros < 0n ? -micros : micros;
  const fraction = String(magnitude % 1_000_000n).padStart(6, '0').replace(/0+$/, '');
  return `${sign}${magnitude / 1_000_000n}${fraction ? `.${fraction}` : ''}`;
}
