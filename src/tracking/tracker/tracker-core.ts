/*
 * The tracker's pure logic: no DOM, so it runs under jest as well as in the page. The bundle
 * concatenates this file and trackflow.browser.ts into one script (see tracker-bundle.ts), so
 * nothing here may depend on module loading, and names stay short-lived enough to mangle.
 */

export const VISITOR_PARAMETER = 'tf_vid';
const CLICK_PARAMETER = 'tf_cid';
export const VISITOR_ID_FIELD = 'trackflow_visitor_id';
/** Lead forms may name the field either way (DESIGN.md: Twenty names it trackflowVisitorId). */
export const VISITOR_ID_INPUTS = 'input[name=trackflow_visitor_id],input[name=trackflowVisitorId]';
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

interface LandingIds {
  visitorId: string | null;
  clickId: string | null;
  /** The URL without our parameters, for the address bar and for the events. */
  cleanUrl: string;
}

/** Reads the ids the redirect appended and gives the URL without them. */
export function readLandingIds(href: string): LandingIds {
  const url = new URL(href);
  const visitorId = url.searchParams.get(VISITOR_PARAMETER);
  const clickId = url.searchParams.get(CLICK_PARAMETER);
  url.searchParams.delete(VISITOR_PARAMETER);
  url.searchParams.delete(CLICK_PARAMETER);
  return {
    visitorId: visitorId && ID_PATTERN.test(visitorId) ? visitorId : null,
    clickId: clickId && ID_PATTERN.test(clickId) ? clickId : null,
    cleanUrl: url.href,
  };
}

/** An id from four random 32-bit words (about 128 bits), base 36, 8 to 28 characters. */
export function randomId(words: ArrayLike<number>): string {
  return Array.from(words, (word) => word.toString(36).padStart(7, '0')).join('');
}

/** The first valid id among the candidates (URL, cookie, storage), or a new one. */
export function pickVisitorId(candidates: (string | null | undefined)[], create: () => string): string {
  for (const candidate of candidates) if (candidate && ID_PATTERN.test(candidate)) return candidate;
  return create();
}

/** `name` is one of our own cookie names, never user input, so it needs no escaping. */
export function readCookie(cookieHeader: string, name: string): string | null {
  return new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(cookieHeader)?.[1] ?? null;
}

/** How far down the page the visitor has seen, 0 to 100. */
export function scrollPercent(scrollTop: number, viewportHeight: number, documentHeight: number): number {
  // A page no taller than the window, or not laid out yet (0 / 0), is seen whole.
  return Math.min(100, Math.round(((scrollTop + viewportHeight) / documentHeight) * 100)) || 100;
}

export type TrackerEvent = { id: string; type: string; name?: string; url: string; referrer?: string; ts: number; properties?: Record<string, string | number | boolean | null> };

/** Keeps the values the collect endpoint accepts (strings up to 500 characters, finite numbers, booleans, null), so one odd value cannot get a whole batch refused. */
export function cleanProperties(input: unknown): Record<string, string | number | boolean | null> {
  const output: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(input || {})) {
    if (typeof value === 'string') output[key] = value.slice(0, 500);
    else if (value === null || typeof value === 'boolean' || Number.isFinite(value)) output[key] = value as number | boolean | null;
  }
  return output;
}
