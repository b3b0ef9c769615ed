import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CollectedEvent } from 'src/tracking/collect/collect-payload.util';
import { engagementPoints } from 'src/tracking/events/engagement-score.util';
import { LandingUrl, parseLandingUrl } from 'src/tracking/events/landing-url.util';
import { TrafficFlags } from 'src/tracking/rules/traffic-flags.util';
import { assignSessions, SessionInput } from 'src/tracking/sessions/assign-sessions.util';
import { latestSessions } from 'src/tracking/sessions/latest-sessions.query';

export interface EventBatchToStore {
  workspaceId: string;
  visitorId: string;
  userAgent: string | null;
  flags: TrafficFlags;
  events: CollectedEvent[];
}

type StoredEvent = SessionInput & { id: string; event: CollectedEvent; landing: LandingUrl };

// Interactions that make a session more than a bounce, besides a second page view.
const INTERACTIONS = new Set(['event', 'cta', 'form_start', 'form_submit', 'identify']);
const ENGAGED_MS_NOT_A_BOUNCE = 10_000;

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function emailHash(workspaceId: string, email: string): string {
  return createHash('sha256').update(`${workspaceId}:${email.trim().toLowerCase()}`).digest('hex');
}

/**
 * Stores a batch of tracker events exactly once (keyed on the tracker's event ids) and moves the
 * visitor and their sessions by the events it really inserted. A visitor merged into another by
 * identify keeps sending under its old id; its events land on the visitor it was merged into.
 */
@Injectable()
export class EventPersistenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async persist(batch: EventBatchToStore): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const visitorId = await this.canonicalVisitor(manager, batch);
      const inserted = await this.insertEvents(manager, batch, visitorId);
      if (inserted.length === 0) return 0;
      await this.updateVisitor(manager, batch, visitorId, inserted);
      await this.attachSessions(manager, batch, inserted);
      const identify = inserted.find((stored) => stored.event.type === 'identify' && typeof stored.event.properties.email === 'string');
      if (identify) await this.identify(manager, batch.workspaceId, visitorId, emailHash(batch.workspaceId, identify.event.properties.email as string));
      return inserted.length;
    });
  }

  private async canonicalVisitor(manager: EntityManager, batch: EventBatchToStore): Promise<string> {
    const first = Math.min(...batch.events.map((event) => event.atMs));
    const rows: { visitor_id: string; merged_into_visitor_id: string | null }[] = await manager.query(
      `INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen, last_activity) VALUES ($1, $2, $3, $3, $3)
       ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET updated_at = now()
       RETURNING visitor_id, merged_into_visitor_id`,
      [batch.workspaceId, batch.visitorId, new Date(first)],
    );
    return rows[0].merged_into_visitor_id ?? batch.visitorId;
  }

  private async insertEvents(manager: EntityManager, batch: EventBatchToStore, visitorId: string): Promise<StoredEvent[]> {
    const candidates: StoredEvent[] = batch.events.map((event) => {
      const landing = parseLandingUrl(event.url);
      return { id: randomUUID(), event, landing, visitorId, atMs: event.atMs, campaign: event.type === 'pageview' ? landing.utm.campaign : null };
    });
    const rows = candidates.map(({ id, event, landing }) => ({
      id,
      client_event_id: event.id,
      event_type: event.type,
      event_name: event.name,
      timestamp: new Date(event.atMs).toISOString(),
      event_data: { ...event.properties, ...(landing.isCampaignLanding ? { utm: landing.utm, adClickIds: landing.adClickIds } : {}) },
      page_url: event.url,
      path: landing.path,
      referrer: event.referrer,
      selector: typeof event.properties.selector === 'string' ? event.properties.selector : null,
      scroll_pct: typeof event.properties.scroll === 'number' ? event.properties.scroll : null,
    }));
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO trackflow.visitor_event (id, workspace_id, client_event_id, visitor_id, event_type, event_name, "timestamp", event_data, page_url, path, referrer,
         selector, scroll_pct, is_bot, is_internal)
       SELECT e.id, $1, e.client_event_id, $2, e.event_type, e.event_name, e."timestamp", e.event_data, e.page_url, e.path, e.referrer, e.selector, e.scroll_pct, $4, $5
       FROM jsonb_to_recordset($3::jsonb) AS e(id uuid, client_event_id text, event_type text, event_name text, "timestamp" timestamptz, event_data jsonb,
         page_url text, path text, referrer text, selector text, scroll_pct numeric)
       ON CONFLICT (workspace_id, client_event_id) WHERE client_event_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [batch.workspaceId, visitorId, JSON.stringify(rows), batch.flags.isBot, batch.flags.isInternal],
    );
    const fresh = new Set(inserted.map((row) => row.id));
    return candidates.filter((candidate) => fresh.has(candidate.id)).sort((a, b) => a.atMs - b.atMs);
  }

  /** First touch is kept once set; last touch follows the latest campaign landing; counters only count new events. */
  private async updateVisitor(manager: EntityManager, batch: EventBatchToStore, visitorId: string, events: StoredEvent[]): Promise<void> {
    const landings = events.filter((stored) => stored.event.type === 'pageview' && stored.landing.isCampaignLanding);
    const firstLanding = landings[0];
    const lastLanding = landings[landings.length - 1];
    const lastPageview = [...events].reverse().find((stored) => stored.event.type === 'pageview');
    const externalReferrer = events.find((stored) => stored.event.referrer && new URL(stored.event.referrer).host !== new URL(stored.event.url).host)?.event.referrer ?? null;
    const countable = !batch.flags.isBot && !batch.flags.isInternal;
    const score = countable ? events.reduce((sum, stored) => sum + engagementPoints(stored.event.type, number(stored.event.properties.engagedMs)), 0) : 0;
    await manager.query(
      `UPDATE trackflow.visitor v SET
         first_seen = LEAST(v.first_seen, $3), last_seen = GREATEST(v.last_seen, $4), last_activity = GREATEST(v.last_activity, $4),
         page_views = v.page_views + $5,
         source = CASE WHEN v.first_utm IS NULL AND v.source IS NULL THEN $6 ELSE v.source END,
         medium = CASE WHEN v.first_utm IS NULL AND v.source IS NULL THEN $7 ELSE v.medium END,
         campaign = CASE WHEN v.first_utm IS NULL AND v.source IS NULL THEN $8 ELSE v.campaign END,
         term = CASE WHEN v.first_utm IS NULL AND v.source IS NULL THEN $9 ELSE v.term END,
         content = CASE WHEN v.first_utm IS NULL AND v.source IS NULL THEN $10 ELSE v.content END,
         first_utm = COALESCE(v.first_utm, $11::jsonb),
         last_source = COALESCE($12, v.last_source), last_medium = CASE WHEN $12::text IS NULL THEN v.last_medium ELSE $13 END,
         last_campaign = CASE WHEN $12::text IS NULL AND $14::text IS NULL THEN v.last_campaign ELSE $14 END,
         last_term = CASE WHEN $12::text IS NULL THEN v.last_term ELSE $15 END, last_content = CASE WHEN $12::text IS NULL THEN v.last_content ELSE $16 END,
         last_utm = COALESCE($17::jsonb, v.last_utm),
         referrer = COALESCE(v.referrer, $18),
         user_agent = COALESCE($19, v.user_agent), ip_address = COALESCE($20, v.ip_address),
         device_type = COALESCE($21, v.device_type), browser = COALESCE($22, v.browser), os = COALESCE($23, v.os),
         timezone = COALESCE($24, v.timezone), viewport_w = COALESCE($25, v.viewport_w), viewport_h = COALESCE($26, v.viewport_h),
         is_bot = v.is_bot OR $27, is_internal = v.is_internal OR $28,
         engagement_score = v.engagement_score + $29, updated_at = now()
       WHERE v.workspace_id = $1 AND v.visitor_id = $2`,
      [
        batch.workspaceId,
        visitorId,
        new Date(events[0].atMs),
        new Date(events[events.length - 1].atMs),
        countable ? events.filter((stored) => stored.event.type === 'pageview').length : 0,
        firstLanding?.landing.utm.source ?? null,
        firstLanding?.landing.utm.medium ?? null,
        firstLanding?.landing.utm.campaign ?? null,
        firstLanding?.landing.utm.term ?? null,
        firstLanding?.landing.utm.content ?? null,
        firstLanding ? JSON.stringify({ ...firstLanding.landing.utm, ...firstLanding.landing.adClickIds }) : null,
        lastLanding?.landing.utm.source ?? null,
        lastLanding?.landing.utm.medium ?? null,
        lastLanding?.landing.utm.campaign ?? null,
        lastLanding?.landing.utm.term ?? null,
        lastLanding?.landing.utm.content ?? null,
        lastLanding ? JSON.stringify({ ...lastLanding.landing.utm, ...lastLanding.landing.adClickIds }) : null,
        externalReferrer,
        batch.userAgent,
        batch.flags.ipAddress,
        batch.flags.deviceType,
        batch.flags.browser,
        batch.flags.os,
        typeof lastPageview?.event.properties.timezone === 'string' ? lastPageview.event.properties.timezone : null,
        lastPageview ? Math.round(number(lastPageview.event.properties.viewportWidth)) || null : null,
        lastPageview ? Math.round(number(lastPageview.event.properties.viewportHeight)) || null : null,
        batch.flags.isBot,
        batch.flags.isInternal,
        score,
      ],
    );
  }

  /** Page views open or extend sessions like clicks do; entry and exit pages, bounce, duration and scroll follow. */
  private async attachSessions(manager: EntityManager, batch: EventBatchToStore, events: StoredEvent[]): Promise<void> {
    const visitorId = events[0].visitorId;
    const sessions = assignSessions(events, await latestSessions(manager, batch.workspaceId, [visitorId]), randomUUID);
    const summaries = sessions.map((session) => {
      const pageviews = session.items.filter((stored) => stored.event.type === 'pageview');
      const first = pageviews[0] ?? session.items[0];
      const engagedMs = session.items.reduce((sum, stored) => sum + number(stored.event.properties.engagedMs), 0);
      return {
        id: session.id,
        is_new: session.isNew,
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
      };
    });
    await manager.query(
      `INSERT INTO trackflow.visitor_session AS vs (id, workspace_id, visitor_id, session_start, session_end, page_views, entry_page, exit_page, duration_seconds,
         is_bounce, source, medium, campaign, content, term, referrer, utm_campaign_id, utm_adset_id, utm_ad_id, utm_placement, device_type, browser, os,
         scroll_pct, is_bot, is_internal)
       SELECT s.id, $1, $2, s.session_start, s.session_end, s.page_views, s.entry_page, s.exit_page, EXTRACT(EPOCH FROM s.session_end - s.session_start)::int,
         s.page_views <= 1 AND NOT s.interacted, s.source, s.medium, s.campaign, s.content, s.term, s.referrer, s.utm_campaign_id, s.utm_adset_id, s.utm_ad_id,
         s.utm_placement, $4, $5, $6, s.scroll_pct, $7, $8
       FROM jsonb_to_recordset($3::jsonb) AS s(id uuid, is_new boolean, session_start timestamptz, session_end timestamptz, page_views int, entry_page text,
         exit_page text, interacted boolean, scroll_pct numeric, source text, medium text, campaign text, content text, term text, referrer text,
         utm_campaign_id text, utm_adset_id text, utm_ad_id text, utm_placement text)
       ON CONFLICT (id) DO UPDATE SET
         session_start = LEAST(vs.session_start, EXCLUDED.session_start),
         session_end = GREATEST(vs.session_end, EXCLUDED.session_end),
         duration_seconds = EXTRACT(EPOCH FROM GREATEST(vs.session_end, EXCLUDED.session_end) - LEAST(vs.session_start, EXCLUDED.session_start))::int,
         page_views = vs.page_views + EXCLUDED.page_views,
         exit_page = CASE WHEN EXCLUDED.session_end >= vs.session_end THEN COALESCE(EXCLUDED.exit_page, vs.exit_page) ELSE vs.exit_page END,
         is_bounce = vs.is_bounce AND EXCLUDED.is_bounce AND vs.page_views + vs.click_count + EXCLUDED.page_views <= 1,
         scroll_pct = GREATEST(vs.scroll_pct, EXCLUDED.scroll_pct)`,
      [batch.workspaceId, visitorId, JSON.stringify(summaries), batch.flags.deviceType, batch.flags.browser, batch.flags.os, batch.flags.isBot, batch.flags.isInternal],
    );
    await manager.query(
      `UPDATE trackflow.visitor_event e SET session_id = m.session_id FROM jsonb_to_recordset($1::jsonb) AS m(event_id uuid, session_id uuid) WHERE e.id = m.event_id`,
      [JSON.stringify(sessions.flatMap((session) => session.items.map((stored) => ({ event_id: stored.id, session_id: session.id }))))],
    );
  }

  /**
   * An email seen before on another visitor means one person on several devices: the newer visitor
   * is merged into the older one, its events, clicks and sessions moved over, so the journey is
   * one and nothing is counted twice. Later events under the newer id follow merged_into_visitor_id.
   */
  private async identify(manager: EntityManager, workspaceId: string, visitorId: string, hash: string): Promise<void> {
    const owners: { visitor_id: string }[] = await manager.query(
      `SELECT visitor_id FROM trackflow.visitor WHERE workspace_id = $1 AND email_hash = $2 AND visitor_id <> $3 AND merged_into_visitor_id IS NULL
       ORDER BY first_seen LIMIT 1 FOR UPDATE`,
      [workspaceId, hash, visitorId],
    );
    const survivor = owners[0]?.visitor_id;
    if (!survivor) {
      await manager.query(`UPDATE trackflow.visitor SET email_hash = $3 WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, hash]);
      return;
    }
    for (const table of ['visitor_event', 'click_event', 'visitor_session', 'conversion', 'link_conversion'] as const) {
      await manager.query(`UPDATE trackflow.${table} SET visitor_id = $3 WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, survivor]);
    }
    await manager.query(
      `UPDATE trackflow.visitor s SET first_seen = LEAST(s.first_seen, m.first_seen), last_seen = GREATEST(s.last_seen, m.last_seen),
         page_views = s.page_views + m.page_views, click_count = s.click_count + m.click_count, engagement_score = s.engagement_score + m.engagement_score,
         person_id = COALESCE(s.person_id, m.person_id), updated_at = now()
       FROM trackflow.visitor m WHERE s.workspace_id = $1 AND s.visitor_id = $3 AND m.workspace_id = $1 AND m.visitor_id = $2`,
      [workspaceId, visitorId, survivor],
    );
    await manager.query(
      `UPDATE trackflow.visitor SET merged_into_visitor_id = $3, email_hash = $4, page_views = 0, click_count = 0, engagement_score = 0, updated_at = now()
       WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspaceId, visitorId, survivor, hash],
    );
  }
}
