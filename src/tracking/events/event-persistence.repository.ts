import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { groupBy } from 'src/common/collections/group-by.util';
import { copyRows } from 'src/common/database/copy-rows.util';
import { timeOrderedUuid } from 'src/common/database/time-ordered-uuid.util';
import { isUuid } from 'src/common/validation/input-rules';
import { CollectedEvent, MAX_EVENT_AGE_MS } from 'src/tracking/collect/collect-payload.util';
import { emailHash } from 'src/tracking/identity/email-hash.util';
import { engagementPoints } from 'src/tracking/events/engagement-score.util';
import { LandingUrl, parseLandingUrl } from 'src/tracking/events/landing-url.util';
import { TrafficFlags } from 'src/tracking/rules/traffic-flags.util';
import { AssignedSession, assignSessions, SessionInput } from 'src/tracking/sessions/assign-sessions.util';
import { latestSessions } from 'src/tracking/sessions/latest-sessions.sql';

/** One /api/collect request, flagged: all its events come from one visitor and one browser. */
export interface EventBatchToStore {
  workspaceId: string;
  visitorId: string;
  userAgent: string | null;
  flags: TrafficFlags;
  country: string | null;
  events: CollectedEvent[];
}

type StoredEvent = SessionInput & { id: string; workspaceId: string; event: CollectedEvent; landing: LandingUrl; batch: EventBatchToStore };

const EVENT_COLUMNS = 'id, session_id, workspace_id, visitor_id, tracked_link_id, client_event_id, event_type, event_name, "timestamp", event_data, page_url, path, referrer, selector, scroll_pct, is_bot, is_internal';
// The tracker's event ids are unique per workspace and event time (uq_visitor_event_client_id; the
// tracker stamps an event once and sends it again unchanged, and the monthly partitions' unique keys
// must hold the time). The rows' own ids are fresh, so a unique violation is a replay; it names the
// partition's copy of the index, not the table's.
const UNIQUE_VIOLATION = '23505';
// Interactions that make a session more than a bounce, besides a second page view.
const INTERACTIONS = new Set(['event', 'cta', 'form_start', 'form_submit', 'identify']);
const ENGAGED_MS_NOT_A_BOUNCE = 10_000;

/** What identify() may carry that names a person: the email (stored hashed) and the site's own user id. */
type Identity = { column: 'email_hash' | 'external_id'; value: string };

function identitiesOf(workspaceId: string, event: CollectedEvent): Identity[] {
  const { email, externalId } = event.properties;
  const identities: Identity[] = [];
  if (typeof email === 'string') identities.push({ column: 'email_hash', value: emailHash(workspaceId, email) });
  if (typeof externalId === 'string') identities.push({ column: 'external_id', value: externalId.trim() });
  return identities;
}

/** The click a short link's landing page view carries back (the redirect's tf_cid, read by the tracker). */
const clickIdOf = (event: CollectedEvent): string | null => {
  const { clickId } = event.properties;
  return typeof clickId === 'string' && isUuid(clickId) ? clickId : null;
};

/** A stored click, for the landing events that name it and may have been stored before it. */
type LandingClick = { id: string; workspace_id: string; visitor_id: string; tracked_link_id: string; click_timestamp: string };

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const visitorKey = (workspaceId: string, visitorId: string) => `${workspaceId}|${visitorId}`;
const isCountable = (stored: StoredEvent) => !stored.batch.flags.isBot && !stored.batch.flags.isInternal;

/**
 * Stores batches of tracker events exactly once (keyed on the tracker's event ids) in one
 * transaction with a fixed number of statements however many requests the job carries, and moves
 * visitors and their sessions by the events it really inserted. A visitor merged into another by
 * identify keeps sending under its old id; its events land on the visitor it was merged into.
 */
@Injectable()
export class EventPersistenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many events of each batch were stored (fewer than sent when some were stored before). */
  async persist(batches: EventBatchToStore[]): Promise<number[]> {
    return this.dataSource.transaction(async (manager) => {
      const canonical = await this.canonicalVisitors(manager, batches);
      const candidates = this.candidates(batches, canonical);
      const sessions = new Map<string, AssignedSession<StoredEvent>[]>();
      const sessionOfEvent = new Map<string, string>();
      for (const [workspaceId, ofWorkspace] of groupBy(candidates, (stored) => stored.workspaceId)) {
        const assigned = assignSessions(ofWorkspace, await latestSessions(manager, workspaceId, ofWorkspace.map((stored) => stored.visitorId)), () => timeOrderedUuid());
        sessions.set(workspaceId, assigned);
        for (const session of assigned) for (const stored of session.items) sessionOfEvent.set(stored.id, session.id);
      }
      const fresh = await this.insertEvents(manager, candidates, sessionOfEvent);
      if (fresh.size === 0) return batches.map(() => 0);
      const inserted = candidates.filter((stored) => fresh.has(stored.id));
      await this.updateVisitors(manager, inserted);
      for (const [workspaceId, assigned] of sessions) await this.saveSessions(manager, workspaceId, assigned, fresh);
      for (const stored of inserted.filter((candidate) => candidate.event.type === 'identify')) {
        let visitorId = stored.visitorId;
        for (const identity of identitiesOf(stored.workspaceId, stored.event)) visitorId = await this.identify(manager, stored.workspaceId, visitorId, identity);
      }
      const storedOfBatch = new Map<EventBatchToStore, number>();
      for (const stored of inserted) storedOfBatch.set(stored.batch, (storedOfBatch.get(stored.batch) ?? 0) + 1);
      return batches.map((batch) => storedOfBatch.get(batch) ?? 0);
    });
  }

  /** Creates unseen visitors and maps each visitor id to the one it was merged into, if any; rows are locked in a fixed order. */
  private async canonicalVisitors(manager: EntityManager, batches: EventBatchToStore[]): Promise<Map<string, string>> {
    const firstSeen = new Map<string, { workspace_id: string; visitor_id: string; at: number }>();
    for (const batch of batches) {
      const key = visitorKey(batch.workspaceId, batch.visitorId);
      const at = Math.min(...batch.events.map((event) => event.atMs), firstSeen.get(key)?.at ?? Infinity);
      firstSeen.set(key, { workspace_id: batch.workspaceId, visitor_id: batch.visitorId, at });
    }
    const rows = [...firstSeen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => ({ ...row, at: new Date(row.at).toISOString() }));
    const visitors: { workspace_id: string; visitor_id: string; merged_into_visitor_id: string | null }[] = await manager.query(
      `INSERT INTO trackflow.visitor AS v (workspace_id, visitor_id, first_seen, last_seen, last_activity)
       SELECT r.workspace_id, r.visitor_id, r.at, r.at, r.at FROM jsonb_to_recordset($1::jsonb) AS r(workspace_id uuid, visitor_id text, at timestamptz)
       ORDER BY r.workspace_id, r.visitor_id
       ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET updated_at = now()
       RETURNING workspace_id, visitor_id, merged_into_visitor_id`,
      [JSON.stringify(rows)],
    );
    return new Map(visitors.map((row) => [visitorKey(row.workspace_id, row.visitor_id), row.merged_into_visitor_id ?? row.visitor_id]));
  }

  private candidates(batches: EventBatchToStore[], canonical: Map<string, string>): StoredEvent[] {
    return batches
      .flatMap((batch) =>
        batch.events.map((event) => {
          const landing = parseLandingUrl(event.url);
          const visitorId = canonical.get(visitorKey(batch.workspaceId, batch.visitorId)) ?? batch.visitorId;
          return { id: timeOrderedUuid(), workspaceId: batch.workspaceId, event, landing, batch, visitorId, atMs: event.atMs, campaign: event.type === 'pageview' ? landing.utm.campaign : null };
        }),
      )
      .sort((a, b) => a.atMs - b.atMs);
  }

  /**
   * Inserts the events with the ids of their sessions (stored next, in the same transaction) and
   * returns the ids really inserted. Replays are rare, so the rows are COPYed straight into the
   * table; only when one collides with an event stored before does the batch go again through a
   * session-local staging table, so that ON CONFLICT can skip the stored ones.
   */
  private async insertEvents(manager: EntityManager, allCandidates: StoredEvent[], sessionOfEvent: Map<string, string>): Promise<Set<string>> {
    const candidates = await this.withoutResentArrivalStamped(manager, allCandidates);
    if (candidates.length === 0) return new Set();
    const linkOfClick = await this.linksOfClicks(manager, candidates);
    const rows = candidates.map(({ id, workspaceId, visitorId, event, landing, batch }) => [
      id,
      sessionOfEvent.get(id),
      workspaceId,
      visitorId,
      linkOfClick.get(`${workspaceId}|${clickIdOf(event)}`) ?? null,
      event.id,
      event.type,
      event.name,
      new Date(event.atMs).toISOString(),
      JSON.stringify(landing.isCampaignLanding ? { ...event.properties, utm: landing.utm, adClickIds: landing.adClickIds } : event.properties),
      event.url,
      landing.path,
      event.referrer,
      typeof event.properties.selector === 'string' ? event.properties.selector : null,
      typeof event.properties.scroll === 'number' ? event.properties.scroll : null,
      batch.flags.isBot,
      batch.flags.isInternal,
    ]);
    await manager.query('SAVEPOINT copy_events');
    try {
      await copyRows(manager, `trackflow.visitor_event (${EVENT_COLUMNS})`, rows);
      await manager.query('RELEASE SAVEPOINT copy_events');
      return new Set(candidates.map((stored) => stored.id));
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT copy_events');
    }
    await manager.query(`CREATE TEMP TABLE IF NOT EXISTS visitor_event_staging (LIKE trackflow.visitor_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
    await copyRows(manager, `visitor_event_staging (${EVENT_COLUMNS})`, rows);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO trackflow.visitor_event (${EVENT_COLUMNS}) SELECT ${EVENT_COLUMNS} FROM visitor_event_staging
       ON CONFLICT (workspace_id, client_event_id, "timestamp") WHERE client_event_id IS NOT NULL DO NOTHING
       RETURNING id`,
    );
    return new Set(inserted.map((row) => row.id));
  }

  /**
   * An event sent without `ts` is stamped with the time it arrived, so the same event sent again
   * arrives with another time, and the unique key, which holds the time because the table is
   * partitioned by it, sees two events. Such events are looked up by id over the days an event may
   * arrive late, and dropped when stored before or earlier in this job. Two copies stored at once
   * cannot both pass: they are the same visitor's, whose row canonicalVisitors locked first.
   */
  private async withoutResentArrivalStamped(manager: EntityManager, candidates: StoredEvent[]): Promise<StoredEvent[]> {
    const stampedWithId = (stored: StoredEvent) => stored.event.stampedOnArrival === true && stored.event.id !== null;
    const stamped = candidates.filter(stampedWithId);
    if (stamped.length === 0) return candidates;
    const stored: { workspace_id: string; client_event_id: string }[] = await manager.query(
      `SELECT DISTINCT e.workspace_id, e.client_event_id
       FROM unnest($1::uuid[], $2::text[]) AS k(workspace_id, client_event_id)
       JOIN trackflow.visitor_event e ON e.workspace_id = k.workspace_id AND e.client_event_id = k.client_event_id
       WHERE e.client_event_id IS NOT NULL AND e."timestamp" >= $3`,
      [stamped.map((event) => event.workspaceId), stamped.map((event) => event.event.id), new Date(Math.min(...stamped.map((event) => event.atMs)) - MAX_EVENT_AGE_MS).toISOString()],
    );
    const seen = new Set(stored.map((row) => `${row.workspace_id}|${row.client_event_id}`));
    return candidates.filter((candidate) => {
      if (!stampedWithId(candidate)) return true;
      const key = `${candidate.workspaceId}|${candidate.event.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The tracked link of each click the events name, by workspace and click id; clicks not stored yet are linked when they are (linkLandingEvents). */
  private async linksOfClicks(manager: EntityManager, candidates: StoredEvent[]): Promise<Map<string, string>> {
    const named = candidates.flatMap((stored) => {
      const clickId = clickIdOf(stored.event);
      return clickId ? [{ workspace_id: stored.workspaceId, id: clickId }] : [];
    });
    if (named.length === 0) return new Map();
    const clicks: { workspace_id: string; id: string; tracked_link_id: string }[] = await manager.query(
      `SELECT c.workspace_id, c.id, c.tracked_link_id FROM jsonb_to_recordset($1::jsonb) AS n(workspace_id uuid, id uuid)
       JOIN trackflow.click_event c ON c.workspace_id = n.workspace_id AND c.id = n.id`,
      [JSON.stringify(named)],
    );
    return new Map(clicks.map((click) => [`${click.workspace_id}|${click.id}`, click.tracked_link_id]));
  }

  /**
   * Clicks and landing events travel on two queues, so a landing page view may be stored before
   * its click: when the click is stored, the visitor's events that name it get its link. The
   * tracker's clock may be behind the server's, hence the day of slack before the click.
   */
  async linkLandingEvents(manager: EntityManager, clicks: LandingClick[]): Promise<void> {
    if (clicks.length === 0) return;
    await manager.query(
      `UPDATE trackflow.visitor_event e SET tracked_link_id = c.tracked_link_id
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, workspace_id uuid, visitor_id text, tracked_link_id uuid, click_timestamp timestamptz)
       WHERE e.workspace_id = c.workspace_id AND e.visitor_id = c.visitor_id AND e."timestamp" >= c.click_timestamp - interval '1 day'
         AND e.tracked_link_id IS NULL AND e.event_data->>'clickId' = c.id::text`,
      [JSON.stringify(clicks)],
    );
  }

  /** First touch is kept once set; last touch follows the latest campaign landing; counters only count new, human, external events. */
  private async updateVisitors(manager: EntityManager, events: StoredEvent[]): Promise<void> {
    const rows = [...groupBy(events, (stored) => visitorKey(stored.workspaceId, stored.visitorId)).values()].map((visits) => {
      const first = visits[0];
      const last = visits[visits.length - 1];
      const landings = visits.filter((stored) => stored.event.type === 'pageview' && stored.landing.isCampaignLanding);
      const firstLanding = landings[0]?.landing;
      const lastLanding = landings[landings.length - 1]?.landing;
      const lastPageview = [...visits].reverse().find((stored) => stored.event.type === 'pageview')?.event.properties;
      const countable = visits.filter(isCountable);
      return {
        workspace_id: first.workspaceId,
        visitor_id: first.visitorId,
        first_seen: new Date(first.atMs).toISOString(),
        last_seen: new Date(last.atMs).toISOString(),
        page_views: countable.filter((stored) => stored.event.type === 'pageview').length,
        first_touch: firstLanding ? { ...firstLanding.utm, ...firstLanding.adClickIds } : null,
        last_touch: lastLanding ? { ...lastLanding.utm, ...lastLanding.adClickIds } : null,
        referrer: visits.find((stored) => stored.event.referrer && new URL(stored.event.referrer).host !== new URL(stored.event.url).host)?.event.referrer ?? null,
        user_agent: last.batch.userAgent,
        ip_address: last.batch.flags.ipAddress,
        device_type: last.batch.flags.deviceType,
        browser: last.batch.flags.browser,
        os: last.batch.flags.os,
        country: [...visits].reverse().find((stored) => stored.batch.country !== null)?.batch.country ?? null,
        timezone: typeof lastPageview?.timezone === 'string' ? lastPageview.timezone : null,
        viewport_w: Math.round(number(lastPageview?.viewportWidth)) || null,
        viewport_h: Math.round(number(lastPageview?.viewportHeight)) || null,
        is_bot: visits.some((stored) => stored.batch.flags.isBot),
        is_internal: visits.some((stored) => stored.batch.flags.isInternal),
        score: countable.reduce((sum, stored) => sum + engagementPoints(stored.event.type, number(stored.event.properties.engagedMs)), 0),
      };
    });
    const utmFields = ['source', 'medium', 'campaign', 'term', 'content'];
    await manager.query(
      `UPDATE trackflow.visitor v SET
         first_seen = LEAST(v.first_seen, r.first_seen), last_seen = GREATEST(v.last_seen, r.last_seen), last_activity = GREATEST(v.last_activity, r.last_seen),
         page_views = v.page_views + r.page_views,
         ${utmFields.map((field) => `${field} = CASE WHEN v.first_utm IS NULL AND v.source IS NULL AND r.first_touch IS NOT NULL THEN r.first_touch->>'${field}' ELSE v.${field} END`).join(', ')},
         first_utm = COALESCE(v.first_utm, r.first_touch),
         ${utmFields.map((field) => `last_${field} = CASE WHEN r.last_touch IS NULL THEN v.last_${field} ELSE r.last_touch->>'${field}' END`).join(', ')},
         last_utm = COALESCE(r.last_touch, v.last_utm),
         referrer = COALESCE(v.referrer, r.referrer),
         user_agent = COALESCE(r.user_agent, v.user_agent), ip_address = COALESCE(r.ip_address, v.ip_address),
         device_type = COALESCE(r.device_type, v.device_type), browser = COALESCE(r.browser, v.browser), os = COALESCE(r.os, v.os),
         country = COALESCE(r.country, v.country),
         timezone = COALESCE(r.timezone, v.timezone), viewport_w = COALESCE(r.viewport_w, v.viewport_w), viewport_h = COALESCE(r.viewport_h, v.viewport_h),
         is_bot = v.is_bot OR r.is_bot, is_internal = v.is_internal OR r.is_internal,
         engagement_score = v.engagement_score + r.score, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(workspace_id uuid, visitor_id text, first_seen timestamptz, last_seen timestamptz, page_views int, first_touch jsonb,
         last_touch jsonb, referrer text, user_agent text, ip_address text, device_type text, browser text, os text, country text, timezone text, viewport_w int, viewport_h int,
         is_bot boolean, is_internal boolean, score numeric)
       WHERE v.workspace_id = r.workspace_id AND v.visitor_id = r.visitor_id`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Page views open or extend sessions like clicks do; entry and exit pages, bounce, duration and
   * scroll follow. Only events really inserted count: a replayed event moves nothing. A session
   * extended is found by its whole key, its id and the start it is stored with (`storedStartMs`),
   * as an earlier event may move its start (and so its row to another month's partition).
   */
  private async saveSessions(manager: EntityManager, workspaceId: string, assigned: AssignedSession<StoredEvent>[], fresh: Set<string>): Promise<void> {
    const sessions = assigned
      .map((session) => ({ ...session, items: session.items.filter((stored) => fresh.has(stored.id)) }))
      .filter((session) => session.items.length > 0)
      .map((session) => ({ ...session, startMs: session.isNew ? session.items[0].atMs : session.startMs, endMs: Math.max(...session.items.map((stored) => stored.atMs)) }));
    if (sessions.length === 0) return;
    const summaries = sessions.map((session) => {
      const pageviews = session.items.filter((stored) => stored.event.type === 'pageview');
      const first = pageviews[0] ?? session.items[0];
      const engagedMs = session.items.reduce((sum, stored) => sum + number(stored.event.properties.engagedMs), 0);
      return {
        id: session.id,
        stored_start: session.storedStartMs === null ? null : new Date(session.storedStartMs).toISOString(),
        visitor_id: session.visitorId,
        session_start: new Date(session.startMs).toISOString(),
        session_end: new Date(session.endMs).toISOString(),
        page_views: pageviews.length,
        entry_page: first.event.url,
        exit_page: pageviews[pageviews.length - 1]?.event.url ?? null,
        interacted: engagedMs >= ENGAGED_MS_NOT_A_BOUNCE || session.items.some((stored) => INTERACTIONS.has(stored.event.type)),
        scroll_pct: Math.max(0, ...session.items.map((stored) => number(stored.event.properties.scroll))),
        source: first.landing.utm.source,
        medium: first.landing.utm.medium,
        campaign: first.landing.utm.campaign,
        content: first.landing.utm.content,
        term: first.landing.utm.term,
        utm_campaign_id: first.landing.utm.campaignId,
        utm_adset_id: first.landing.utm.adsetId,
        utm_ad_id: first.landing.utm.adId,
        utm_placement: first.landing.utm.placement,
        referrer: first.event.referrer,
        device_type: first.batch.flags.deviceType,
        browser: first.batch.flags.browser,
        os: first.batch.flags.os,
        country: first.batch.country,
        is_bot: first.batch.flags.isBot,
        is_internal: first.batch.flags.isInternal,
      };
    });
    const columns = `id uuid, stored_start timestamptz, visitor_id text, session_start timestamptz, session_end timestamptz, page_views int, entry_page text,
         exit_page text, interacted boolean, scroll_pct numeric, source text, medium text, campaign text, content text, term text, referrer text,
         utm_campaign_id text, utm_adset_id text, utm_ad_id text, utm_placement text, device_type text, browser text, os text, country text,
         is_bot boolean, is_internal boolean`;
    await manager.query(
      `INSERT INTO trackflow.visitor_session (id, workspace_id, visitor_id, session_start, session_end, page_views, entry_page, exit_page, duration_seconds,
         is_bounce, source, medium, campaign, content, term, referrer, utm_campaign_id, utm_adset_id, utm_ad_id, utm_placement, device_type, browser, os,
         country, scroll_pct, is_bot, is_internal)
       SELECT s.id, $1, s.visitor_id, s.session_start, s.session_end, s.page_views, s.entry_page, s.exit_page, EXTRACT(EPOCH FROM s.session_end - s.session_start)::int,
         s.page_views <= 1 AND NOT s.interacted, s.source, s.medium, s.campaign, s.content, s.term, s.referrer, s.utm_campaign_id, s.utm_adset_id, s.utm_ad_id,
         s.utm_placement, s.device_type, s.browser, s.os, s.country, s.scroll_pct, s.is_bot, s.is_internal
       FROM jsonb_to_recordset($2::jsonb) AS s(${columns}) WHERE s.stored_start IS NULL`,
      [workspaceId, JSON.stringify(summaries)],
    );
    await manager.query(
      `UPDATE trackflow.visitor_session vs SET
         session_start = LEAST(vs.session_start, s.session_start),
         session_end = GREATEST(vs.session_end, s.session_end),
         duration_seconds = EXTRACT(EPOCH FROM GREATEST(vs.session_end, s.session_end) - LEAST(vs.session_start, s.session_start))::int,
         page_views = vs.page_views + s.page_views,
         exit_page = CASE WHEN s.session_end >= vs.session_end THEN COALESCE(s.exit_page, vs.exit_page) ELSE vs.exit_page END,
         is_bounce = vs.is_bounce AND s.page_views <= 1 AND NOT s.interacted AND vs.page_views + vs.click_count + s.page_views <= 1,
         scroll_pct = GREATEST(vs.scroll_pct, s.scroll_pct),
         country = COALESCE(vs.country, s.country)
       FROM jsonb_to_recordset($2::jsonb) AS s(${columns})
       WHERE vs.workspace_id = $1 AND vs.id = s.id AND vs.session_start = s.stored_start`,
      [workspaceId, JSON.stringify(summaries)],
    );
  }

  /**
   * An email or external id seen before on another visitor means one person on several devices:
   * the newer visitor is merged into the older one, its events, clicks and sessions moved over, so
   * the journey is one and nothing is counted twice. Later events under the newer id follow
   * merged_into_visitor_id, and visitors merged into the newer one before move on with it, so a
   * merge is never more than one step. Answers the visitor the journey now lives on.
   */
  private async identify(manager: EntityManager, workspaceId: string, visitorId: string, identity: Identity): Promise<string> {
    const column = identity.column;
    const owners: { visitor_id: string }[] = await manager.query(
      `SELECT visitor_id FROM trackflow.visitor WHERE workspace_id = $1 AND ${column} = $2 AND visitor_id <> $3 AND merged_into_visitor_id IS NULL
       ORDER BY first_seen LIMIT 1 FOR UPDATE`,
      [workspaceId, identity.value, visitorId],
    );
    const survivor = owners[0]?.visitor_id;
    if (!survivor) {
      await manager.query(`UPDATE trackflow.visitor SET ${column} = $3 WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, identity.value]);
      return visitorId;
    }
    for (const table of ['visitor_event', 'click_event', 'visitor_session', 'conversion'] as const) {
      await manager.query(`UPDATE trackflow.${table} SET visitor_id = $3 WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, survivor]);
    }
    await manager.query(
      `UPDATE trackflow.visitor s SET first_seen = LEAST(s.first_seen, m.first_seen), last_seen = GREATEST(s.last_seen, m.last_seen),
         page_views = s.page_views + m.page_views, click_count = s.click_count + m.click_count, engagement_score = s.engagement_score + m.engagement_score,
         person_id = COALESCE(s.person_id, m.person_id), email_hash = COALESCE(s.email_hash, m.email_hash), external_id = COALESCE(s.external_id, m.external_id),
         country = COALESCE(s.country, m.country), updated_at = now()
       FROM trackflow.visitor m WHERE s.workspace_id = $1 AND s.visitor_id = $3 AND m.workspace_id = $1 AND m.visitor_id = $2`,
      [workspaceId, visitorId, survivor],
    );
    await manager.query(`UPDATE trackflow.visitor SET merged_into_visitor_id = $3, updated_at = now() WHERE workspace_id = $1 AND merged_into_visitor_id = $2`, [workspaceId, visitorId, survivor]);
    await manager.query(
      `UPDATE trackflow.visitor SET merged_into_visitor_id = $3, ${column} = $4, page_views = 0, click_count = 0, engagement_score = 0, updated_at = now()
       WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspaceId, visitorId, survivor, identity.value],
    );
    return survivor;
  }
}
