/*
 * trackflow.js: page views (SPA navigations included), UTMs and ad click ids (read server-side
 * from the page URL), scroll depth, engaged time, forms, CTAs, identify and consent. Installed with
 * <script async src="https://<trackflow>/trackflow.js" data-workspace="<public key>"></script>.
 * Calls made before it loads wait in window.trackflow.q.
 */
import { cleanProperties, pickVisitorId, randomId, readCookie, readLandingIds, scrollPercent, TrackerEvent, VISITOR_ID_FIELD, VISITOR_ID_INPUTS, VISITOR_PARAMETER } from './tracker-core';

type Command = [string, ...unknown[]];
/** `tracking` is false too when the visitor's Do Not Track or GPC header keeps them out: the server reads those. */
type TrackerConfig = { tracking: boolean; consentRequired: boolean; cookieDays: number };

const w = window as unknown as Window & { trackflow?: ((...args: unknown[]) => void) & { q?: Command[] } };
const d = document;
const loc = location;
const now = Date.now;
const script = d.currentScript as HTMLScriptElement | null;
const key = script?.getAttribute('data-workspace');
const base = script ? new URL(script.src).origin : '';
const queued: Command[] = w.trackflow?.q ?? [];
const outbox: TrackerEvent[] = [];
const startedForms = new Set<Element>();
let config: TrackerConfig | null = null;
let consent: boolean | null = null;
let visitorId = '';
// Only the landing page view carries them.
let clickId: string | null = null;
let landingReferrer: string | null = d.referrer;
let lastPath = '';
let maxScroll = 0;
// 0 while hidden, or once the visible time has been counted.
let visibleSince = d.hidden ? 0 : now();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let failedSends = 0;

const on = (target: EventTarget, type: string, listener: (event: never) => void, options?: AddEventListenerOptions) => target.addEventListener(type, listener as EventListener, options);
const newId = () => randomId(crypto.getRandomValues(new Uint32Array(4)));
// A no is honoured even where consent is not required.
const allowed = () => !!config?.tracking && (config.consentRequired ? consent === true : consent !== false);

function storedId(): string | null {
  try {
    return readCookie(d.cookie, VISITOR_PARAMETER) ?? localStorage.getItem(VISITOR_PARAMETER);
  } catch {
    return null;
  }
}

function storeId(): void {
  const secure = loc.protocol === 'https:' ? '; Secure' : '';
  d.cookie = `${VISITOR_PARAMETER}=${visitorId}; path=/; max-age=${(config as TrackerConfig).cookieDays * 86400}; SameSite=Lax${secure}`;
  try {
    if (readCookie(d.cookie, VISITOR_PARAMETER) !== visitorId) localStorage.setItem(VISITOR_PARAMETER, visitorId);
  } catch {
    // Storage blocked: the id lives as long as the page.
  }
}

const formName = (form: HTMLFormElement) => form.id || form.getAttribute('name') || 'form';

function fillForms(): void {
  d.querySelectorAll('form[data-trackflow-form]').forEach((form) => {
    if (!form.querySelector(VISITOR_ID_INPUTS)) {
      const input = form.appendChild(d.createElement('input'));
      input.type = 'hidden';
      input.name = VISITOR_ID_FIELD;
    }
  });
  d.querySelectorAll<HTMLInputElement>(VISITOR_ID_INPUTS).forEach((input) => (input.value = visitorId));
}

function send(beacon: boolean): void {
  clearTimeout(flushTimer);
  if (!allowed() || outbox.length === 0) return;
  const events = outbox.splice(0, 50);
  const body = JSON.stringify({ key, visitorId, events });
  const url = `${base}/api/collect`;
  // A string body goes as text/plain, from fetch and from sendBeacon alike: no CORS preflight.
  if (!(beacon && navigator.sendBeacon?.(url, body))) {
    fetch(url, { method: 'POST', body, keepalive: true }).then(
      (response) => response.status > 499 && keepForNextSend(events),
      () => keepForNextSend(events),
    );
  }
  if (outbox.length > 0) send(beacon);
}

/**
 * The server answers 503 when it could not make a batch durable: the batch goes back in the
 * outbox, ahead of newer events, and goes again with the next batch or the beacon sent when the
 * page is hidden or left, so retries come no faster than the visitor's own events. Sending twice
 * is harmless, as each event carries its id. After six failed sends on one page the server is
 * down, not busy, and later failed batches are dropped. A 429 (the site over its rate limit) is
 * not sent again, as that would only add to the load.
 */
function keepForNextSend(events: TrackerEvent[]): void {
  if (failedSends++ < 6) outbox.unshift(...events);
}

function track(type: string, name?: string | null, properties?: unknown, referrer?: string | null): void {
  if (config && !allowed() && !(config.consentRequired && consent === null)) return;
  const event: TrackerEvent = { id: newId(), type, url: loc.href, ts: now(), properties: cleanProperties(properties) };
  if (name) event.name = String(name).slice(0, 100);
  if (referrer) event.referrer = referrer;
  outbox.push(event);
  clearTimeout(flushTimer);
  flushTimer = setTimeout(() => send(false), 1000);
}

function pageview(): void {
  const path = loc.pathname + loc.search;
  if (path === lastPath) return;
  lastPath = path;
  track('pageview', null, { viewportWidth: innerWidth, viewportHeight: innerHeight, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, clickId }, landingReferrer);
  landingReferrer = clickId = null;
  maxScroll = 0;
  fillForms();
}

function leave(change: Event): void {
  if (d.hidden || change.type === 'pagehide') {
    // Leaving a page fires both, hidden first: its visible time is counted once.
    if (visibleSince) track('engagement', null, { scroll: maxScroll, engagedMs: Math.min(now() - visibleSince, 86_400_000) });
    visibleSince = 0;
    send(true);
  } else {
    visibleSince = now();
  }
}

const commands: Record<string, (...args: unknown[]) => void> = {
  event: (name, properties) => track('event', name as string, properties),
  identify: (traits) => track('identify', null, traits),
  consent: (granted) => {
    consent = granted === true;
    if (consent) {
      storeId();
      send(false);
    } else {
      outbox.length = 0;
    }
    // The short-link host keeps the choice in its own cookies, so the next short link clicked is tracked, or not, as chosen here.
    // A beacon carries cookies and keeps those of its answer; it also survives the page being left right after the click.
    navigator.sendBeacon(`${base}/api/collect/consent`, JSON.stringify({ key, visitorId, consent }));
  },
};

/** The install snippet queues `arguments` objects, not arrays. */
function run(command: ArrayLike<unknown>): void {
  const [name, ...args] = Array.from(command);
  commands[name as string]?.(...args);
}

function start(loaded: TrackerConfig): void {
  config = loaded;
  const landing = readLandingIds(loc.href);
  clickId = landing.clickId;
  visitorId = pickVisitorId([landing.visitorId, storedId()], newId);
  history.replaceState(history.state, '', landing.cleanUrl);
  if (!loaded.consentRequired) storeId();
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      pageview();
    };
  }
  on(w, 'popstate', pageview);
  on(w, 'scroll', () => (maxScroll = Math.max(maxScroll, scrollPercent(scrollY, innerHeight, d.documentElement.scrollHeight))), { passive: true });
  on(d, 'visibilitychange', leave);
  on(w, 'pagehide', leave);
  on(d, 'focusin', (focus: FocusEvent) => {
    const form = (focus.target as Element).closest?.('form');
    if (form && !startedForms.has(form)) {
      startedForms.add(form);
      track('form_start', formName(form));
    }
  });
  on(d, 'submit', (submit: SubmitEvent) => {
    const form = submit.target as HTMLFormElement;
    fillForms();
    track('form_submit', formName(form));
    send(true);
  }, { capture: true });
  on(d, 'click', (click: MouseEvent) => {
    const cta = (click.target as Element).closest?.('[data-trackflow-cta]');
    if (cta) track('cta', cta.getAttribute('data-trackflow-cta') || cta.textContent?.trim() || 'cta');
  });
  pageview();
  queued.forEach(run);
  // The banner is a file of its own, fetched only by sites that ask for it; it decides itself whether it has anything to ask.
  if (script?.hasAttribute('data-consent-banner')) d.head.appendChild(d.createElement('script')).src = `${base}/trackflow-consent.js`;
}

w.trackflow = (...args: unknown[]) => (config ? run(args as Command) : queued.push(args as Command));
if (key) {
  fetch(`${base}/api/collect/config?key=${encodeURIComponent(key)}`)
    .then((response) => response.ok && response.json())
    .then((loaded: TrackerConfig | false) => loaded && start(loaded))
    .catch(() => undefined);
}
