import { CounterName } from 'src/analytics/metrics/counters.util';
import { clicksOfSession } from 'src/tracking/sessions/session-clicks.sql';

export type Scope = 'site' | 'campaign' | 'link';

/**
 * A relation of raw rows (alias `r`), human and external only, with its instant and, when its rows
 * are visitors' activity, the visitor. Several sources read one family, so a rollup reads each
 * family once and spreads its rows over scopes and breakdowns.
 */
export interface RowFamily {
  name: string;
  from: string;
  where: string;
  at: string;
  visitor: string | null;
}

/**
 * Where the figures of one scope and breakdown come from: the scope id a row belongs to, the
 * breakdown value (NULL leaves the row out of this source), whether its rows count unique
 * visitors, and what a row adds to each counter. Rollups are built from these definitions and raw
 * rows are read through the same ones, so a rolled-up day and a raw day cannot disagree.
 * The SQL here is fixed text, never input.
 */
export interface RollupSource {
  family: RowFamily;
  scope: Scope;
  /** '' for the totals of the scope, else the breakdown this source's values belong to. */
  dimension: string;
  scopeId: string;
  value: string;
  countsVisitors: boolean;
  counters: Partial<Record<CounterName, string>>;
}

const HUMAN = 'NOT r.is_bot AND NOT r.is_internal';
const REFERRER_HOST = (column: string) =>
  `COALESCE(regexp_replace(lower(substring(${column} from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/:?#]+)')), '^www\\.', ''), '(direct)')`;

const CLICKS: RowFamily = { name: 'clicks', from: 'trackflow.click_event r', where: HUMAN, at: 'r.click_timestamp', visitor: 'r.visitor_id' };
const EVENTS: RowFamily = { name: 'events', from: 'trackflow.visitor_event r', where: HUMAN, at: 'r."timestamp"', visitor: 'r.visitor_id' };
/** Site sessions are visits the tracker saw (at least one page view); a click alone makes no site visit. */
const SITE_SESSIONS: RowFamily = { name: 'site-sessions', from: 'trackflow.visitor_session r', where: `${HUMAN} AND r.page_views > 0`, at: 'r.session_start', visitor: 'r.visitor_id' };

/**
 * Sessions that started in the period and hold a human click of the link or campaign, once per
 * session and scope. Driven by the sessions' start (indexed), each probing its own clicks, which
 * lie within a day of the session's time (a click joins the session its landing page view opened,
 * which the tracker's clock may place after the redirect): that bound keeps each probe to the
 * session's months' partitions.
 */
const clickSessions = (key: 'campaign_id' | 'tracked_link_id'): RowFamily => ({
  name: `${key}-sessions`,
  from: `trackflow.visitor_session r CROSS JOIN LATERAL (
           SELECT DISTINCT c.${key} AS scope_id FROM trackflow.click_event c
           WHERE ${clicksOfSession('c', 'r')} AND NOT c.is_bot AND NOT c.is_internal) k`,
  where: `${HUMAN} AND k.scope_id IS NOT NULL`,
  at: 'r.session_start',
  visitor: null,
});
const LINK_SESSIONS = clickSessions('tracked_link_id');
const CAMPAIGN_SESSIONS = clickSessions('campaign_id');

const SESSION_COUNTERS = { sessions: '1', bounces: 'r.is_bounce::int', session_seconds: 'r.duration_seconds' };

const linkClicks = (dimension: string, value: string): RollupSource => ({ family: CLICKS, scope: 'link', dimension, scopeId: 'r.tracked_link_id', value, countsVisitors: true, counters: { clicks: '1' } });
const siteEvents = (dimension: string, value: string, counters: RollupSource['counters']): RollupSource => ({ family: EVENTS, scope: 'site', dimension, scopeId: 'r.workspace_id', value, countsVisitors: true, counters });

export const LINK_BREAKDOWNS = ['device', 'browser', 'os', 'country', 'referrer', 'qr', 'variant'] as const;
export const SITE_BREAKDOWNS = ['path', 'cta', 'source', 'entry', 'country'] as const;
/** The path of a URL (the tracker stores sessions' entry pages whole), '/' when it has none. */
const URL_PATH = (column: string) => `COALESCE(NULLIF(regexp_replace(${column}, '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*).*$', '\\2'), ''), '/')`;

export const ROLLUP_SOURCES: readonly RollupSource[] = [
  linkClicks('', `''`),
  { family: LINK_SESSIONS, scope: 'link', dimension: '', scopeId: 'k.scope_id', value: `''`, countsVisitors: false, counters: SESSION_COUNTERS },
  linkClicks('device', `COALESCE(r.device_type, '(unknown)')`),
  linkClicks('browser', `COALESCE(r.browser, '(unknown)')`),
  linkClicks('os', `COALESCE(r.os, '(unknown)')`),
  linkClicks('country', 'r.country'),
  linkClicks('referrer', REFERRER_HOST('r.referrer')),
  linkClicks('qr', `CASE WHEN r.is_qr THEN 'qr' ELSE 'link' END`),
  linkClicks('variant', 'r.variant_id::text'),
  { family: CLICKS, scope: 'campaign', dimension: '', scopeId: 'r.campaign_id', value: `''`, countsVisitors: true, counters: { clicks: '1' } },
  { family: CAMPAIGN_SESSIONS, scope: 'campaign', dimension: '', scopeId: 'k.scope_id', value: `''`, countsVisitors: false, counters: SESSION_COUNTERS },
  siteEvents('', `''`, {
    page_views: `(r.event_type = 'pageview')::int`,
    form_starts: `(r.event_type = 'form_start')::int`,
    form_submits: `(r.event_type = 'form_submit')::int`,
    ctas: `(r.event_type = 'cta')::int`,
  }),
  { family: SITE_SESSIONS, scope: 'site', dimension: '', scopeId: 'r.workspace_id', value: `''`, countsVisitors: false, counters: { ...SESSION_COUNTERS, exits: '(r.exit_page IS NOT NULL)::int' } },
  // Every link's clicks of the workspace, for the overview; the site's visitors stay those the tracker saw.
  { family: CLICKS, scope: 'site', dimension: '', scopeId: 'r.workspace_id', value: `''`, countsVisitors: false, counters: { clicks: '1' } },
  siteEvents('path', `CASE WHEN r.event_type = 'pageview' THEN COALESCE(r.path, '/') END`, { page_views: '1' }),
  siteEvents('cta', `CASE WHEN r.event_type = 'cta' THEN COALESCE(r.event_name, r.selector, '(unnamed)') END`, { ctas: '1' }),
  {
    family: SITE_SESSIONS,
    scope: 'site',
    dimension: 'source',
    scopeId: 'r.workspace_id',
    value: `COALESCE(NULLIF(r.source, ''), ${REFERRER_HOST('r.referrer')})`,
    countsVisitors: true,
    counters: { sessions: '1', bounces: 'r.is_bounce::int' },
  },
  {
    family: SITE_SESSIONS,
    scope: 'site',
    dimension: 'entry',
    scopeId: 'r.workspace_id',
    value: `CASE WHEN r.entry_page IS NOT NULL THEN ${URL_PATH('r.entry_page')} END`,
    countsVisitors: true,
    counters: { sessions: '1', bounces: 'r.is_bounce::int' },
  },
  { family: SITE_SESSIONS, scope: 'site', dimension: 'country', scopeId: 'r.workspace_id', value: 'r.country', countsVisitors: true, counters: { sessions: '1' } },
];

export const ROW_FAMILIES: readonly RowFamily[] = [...new Set(ROLLUP_SOURCES.map((source) => source.family))];

export function sourcesFor(scope: Scope, dimension: string): RollupSource[] {
  return ROLLUP_SOURCES.filter((source) => source.scope === scope && source.dimension === dimension);
}
