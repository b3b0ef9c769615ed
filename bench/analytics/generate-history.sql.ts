/**
 * SQL that writes a year of tracking history for one workspace, deterministic for a seed:
 * sessions at random instants over [start, end), each of a random visitor (about two sessions
 * per visitor) on a random link, with 0–5 clicks and 0–5 tracker events (two page views, a CTA,
 * a form start, a form submit), 3 % bot and 2 % internal traffic, and a deal for 1 % of sessions.
 * Rows are written in time order and stamped as written when they happened, as a year of live
 * traffic would have left them.
 * Every statement takes the workspace as $1, but the sessions, which take $1 sessions, $2 visitors and [$3, $4) the period; conversions take $2 the end.
 */

const DEVICES = `ARRAY['desktop','desktop','mobile','mobile','tablet']`;
const BROWSERS = `ARRAY['Chrome','Chrome','Safari','Firefox','Edge','Samsung Internet']`;
const SYSTEMS = `ARRAY['Windows','macOS','iOS','Android','Linux']`;
const COUNTRIES = `ARRAY['FR','DE','US','GB','ES',NULL,NULL]`;
const REFERRERS = `ARRAY['https://www.google.com/search?q=x','https://news.ycombinator.com/','https://t.co/abc','https://www.facebook.com/',NULL,NULL]`;
const PATHS = `ARRAY['/','/pricing','/docs','/blog/attribution','/signup','/about','/features','/customers']`;
const SOURCES = `ARRAY['google','newsletter','facebook','linkedin',NULL]`;
const pick = (array: string, seed: string) => `(${array})[1 + floor(${seed} * array_length(${array}, 1))::int]`;

export const BENCH_LINKS_SQL = `
  CREATE TEMP TABLE bench_link AS
  SELECT l.no, l.id, l.campaign_id, (SELECT array_agg(v.id ORDER BY v.variant_name) FROM trackflow.campaign_link_variant v WHERE v.tracked_link_id = l.id) AS variants
  FROM (SELECT row_number() OVER (ORDER BY short_code) - 1 AS no, id, campaign_id FROM trackflow.tracked_link WHERE workspace_id = $1) l`;

export const BENCH_SESSIONS_SQL = `
  CREATE TEMP TABLE bench_session AS
  SELECT n, gen_random_uuid() AS id, 'v' || floor(random() * $2)::int AS visitor_id,
    $3::timestamptz + random() * ($4::timestamptz - $3::timestamptz) AS start,
    floor(random() * (SELECT count(*) FROM bench_link))::int AS link_no,
    floor(random() * 6)::int AS clicks, floor(random() * 6)::int AS events,
    random() < 0.03 AS is_bot, random() < 0.02 AS is_internal, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
  FROM generate_series(1, $1::int) n`;

export const BENCH_VISITORS_SQL = `
  INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen)
  SELECT $1, visitor_id, min(start), max(start) FROM bench_session GROUP BY visitor_id`;

export const BENCH_VISITOR_SESSIONS_SQL = `
  INSERT INTO trackflow.visitor_session (id, workspace_id, visitor_id, session_start, session_end, page_views, click_count, entry_page, exit_page,
    duration_seconds, is_bounce, source, referrer, device_type, browser, os, is_bot, is_internal)
  SELECT s.id, $1, s.visitor_id, s.start, s.start + make_interval(secs => 20 * GREATEST(s.clicks, s.events)), LEAST(s.events, 2), s.clicks,
    CASE WHEN s.events > 0 THEN 'https://bench.example' || ${pick(PATHS, 's.r1')} END,
    CASE WHEN s.events > 1 THEN 'https://bench.example' || ${pick(PATHS, 's.r2')} WHEN s.events = 1 THEN 'https://bench.example' || ${pick(PATHS, 's.r1')} END,
    20 * GREATEST(s.clicks, s.events), s.events <= 1 AND s.clicks <= 1, ${pick(SOURCES, 's.r3')}, ${pick(REFERRERS, 's.r4')},
    ${pick(DEVICES, 's.r1')}, ${pick(BROWSERS, 's.r2')}, ${pick(SYSTEMS, 's.r3')}, s.is_bot, s.is_internal
  FROM bench_session s ORDER BY s.start`;

export const BENCH_CLICKS_SQL = `
  INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, variant_id, campaign_id, session_id, short_code, event_type, is_qr,
    referrer, click_timestamp, device_type, browser, os, country, is_bot, is_internal, created_at)
  SELECT gen_random_uuid(), $1, s.visitor_id, l.id, l.variants[1 + floor(random() * COALESCE(array_length(l.variants, 1), 1))::int], l.campaign_id, s.id, 'bench',
    CASE WHEN q.qr THEN 'qr_scan' ELSE 'click' END, q.qr, ${pick(REFERRERS, 's.r4')}, s.start + make_interval(secs => 20 * (k - 1)),
    ${pick(DEVICES, 's.r1')}, ${pick(BROWSERS, 's.r2')}, ${pick(SYSTEMS, 's.r3')}, ${pick(COUNTRIES, 's.r5')}, s.is_bot, s.is_internal,
    s.start + make_interval(secs => 20 * (k - 1))
  FROM bench_session s JOIN bench_link l ON l.no = s.link_no
  CROSS JOIN LATERAL generate_series(1, s.clicks) k
  CROSS JOIN LATERAL (SELECT s.r5 < 0.1 AS qr) q
  ORDER BY s.start, k`;

export const BENCH_EVENTS_SQL = `
  INSERT INTO trackflow.visitor_event (workspace_id, visitor_id, session_id, event_type, event_name, "timestamp", page_url, path, is_bot, is_internal, created_at)
  SELECT $1, s.visitor_id, s.id, (ARRAY['pageview','pageview','cta','form_start','form_submit'])[k], CASE WHEN k = 3 THEN 'Start trial' END,
    s.start + make_interval(secs => 20 * (k - 1)), 'https://bench.example' || p.path, p.path, s.is_bot, s.is_internal, s.start + make_interval(secs => 20 * (k - 1))
  FROM bench_session s CROSS JOIN LATERAL generate_series(1, LEAST(s.events, 5)) k
  CROSS JOIN LATERAL (SELECT CASE WHEN k = 1 THEN ${pick(PATHS, 's.r1')} ELSE ${pick(PATHS, 's.r2')} END AS path) p
  ORDER BY s.start, k`;

export const BENCH_CONVERSIONS_SQL = `
  INSERT INTO trackflow.conversion (workspace_id, conversion_type, visitor_id, opportunity_id, value_micros, currency_code, conversion_date, created_at, updated_at)
  SELECT $1, 'deal', s.visitor_id, 'opp-' || s.n, (100 + floor(s.r3 * 4900)::bigint) * 1000000, 'USD', s.start + interval '1 hour',
    s.start + interval '1 hour', s.start + interval '1 hour'
  FROM bench_session s WHERE s.r5 > 0.99 AND s.clicks > 0 AND s.start + interval '1 hour' < $2`;
