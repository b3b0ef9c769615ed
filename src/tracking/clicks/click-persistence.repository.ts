import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { groupBy } from 'src/common/collections/group-by.util';
import { EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { AssignedSession, assignSessions, SessionInput } from 'src/tracking/sessions/assign-sessions.util';
import { latestSessions } from 'src/tracking/sessions/latest-sessions.sql';

/** A click after the worker's enrichment: what is stored, flagged and counted. */
export type EnrichedClick = {
  id: string;
  workspace_id: string;
  /** Null for an anonymous count: it has no visitor, session or unique-visitor count. */
  visitor_id: string | null;
  tracked_link_id: string;
  variant_id: string | null;
  campaign_id: string | null;
  short_code: string;
  event_type: 'click' | 'qr_scan';
  is_qr: boolean;
  ip_address: string | null;
  user_agent: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  click_timestamp: string;
  page_url: string;
  device_type: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  is_bot: boolean;
  is_internal: boolean;
};

type IdentifiedRow = EnrichedClick & { visitor_id: string };
type SessionClick = SessionInput & { click: IdentifiedRow };

/** Links and campaigns keep the same counters under their own column names; the SQL is built from these fixed names only. */
const COUNTER_TARGETS = [
  { table: 'tracked_link', key: 'tracked_link_id', clicks: 'click_count', visitors: 'unique_visitor_count' },
  { table: 'link_campaign', key: 'campaign_id', clicks: 'total_clicks', visitors: 'unique_visitors' },
] as const;

const CLICK_COLUMNS = `id uuid, workspace_id uuid, visitor_id text, tracked_link_id uuid, variant_id uuid, campaign_id uuid, short_code text,
  event_type text, is_qr boolean, ip_address text, user_agent text, referrer text, utm_source text, utm_medium text, utm_campaign text,
  utm_term text, utm_content text, click_timestamp timestamptz, page_url text, device_type text, browser text, os text, country text,
  is_bot boolean, is_internal boolean`;

/**
 * Persists a batch of clicks exactly once. Everything happens in one transaction keyed on the
 * click ids and times fixed together at the redirect (the primary key of the monthly partitions
 * holds both): clicks already stored (a replayed or retried job) are
 * skipped by the insert, and only the clicks it really inserted update visitors, sessions and
 * counters. Visitor rows are locked first, in a fixed order, so batches touching the same visitor
 * serialise and unique-visitor counts stay exact.
 */
@Injectable()
export class ClickPersistenceRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPersistenceRepository,
  ) {}

  /** Stores the clicks not stored before and answers with those, oldest first. */
  async persist(clicks: EnrichedClick[], beforeCommit?: () => Promise<void>): Promise<EnrichedClick[]> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, variant_id, campaign_id, short_code, event_type,
           is_qr, ip_address, user_agent, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content, click_timestamp, page_url,
           device_type, browser, os, country, is_bot, is_internal)
         SELECT c.* FROM jsonb_to_recordset($1::jsonb) AS c(${CLICK_COLUMNS})
         WHERE EXISTS (SELECT 1 FROM trackflow.tracked_link l WHERE l.id = c.tracked_link_id AND l.workspace_id = c.workspace_id)
         ON CONFLICT (id, click_timestamp) DO NOTHING RETURNING id`,
        [JSON.stringify(clicks)],
      );
      const insertedIds = new Set(inserted.map((row) => row.id));
      const fresh = clicks.filter((click) => insertedIds.has(click.id)).sort((a, b) => a.click_timestamp.localeCompare(b.click_timestamp));
      if (fresh.length === 0) return [];
      const identified = fresh.filter((click): click is IdentifiedRow => click.visitor_id !== null);
      if (identified.length > 0) {
        await this.upsertVisitors(manager, identified);
        await this.attachSessions(manager, identified);
        await this.events.linkLandingEvents(manager, identified.map(({ id, workspace_id, visitor_id, tracked_link_id, click_timestamp }) => ({ id, workspace_id, visitor_id, tracked_link_id, click_timestamp })));
      }
      await this.updateCounters(manager, fresh);
      if (beforeCommit) await beforeCommit();
      return fresh;
    });
  }

  private async upsertVisitors(manager: EntityManager, clicks: IdentifiedRow[]): Promise<void> {
    const byVisitor = groupBy(clicks, (click) => `${click.workspace_id}|${click.visitor_id}`);
    const rows = [...byVisitor.keys()].sort().map((key) => {
      const visits = byVisitor.get(key) as IdentifiedRow[];
      const first = visits[0];
      const last = visits[visits.length - 1];
      return {
        workspace_id: first.workspace_id,
        visitor_id: first.visitor_id,
        first_seen: first.click_timestamp,
        last_seen: last.click_timestamp,
        click_count: visits.length,
        ip_address: last.ip_address,
        user_agent: last.user_agent,
        source: first.utm_source,
        medium: first.utm_medium,
        campaign: first.utm_campaign,
        term: first.utm_term,
        content: first.utm_content,
        referrer: first.referrer,
        last_source: last.utm_source,
        last_medium: last.utm_medium,
        last_campaign: last.utm_campaign,
        last_term: last.utm_term,
        last_content: last.utm_content,
        device_type: last.device_type,
        browser: last.browser,
        os: last.os,
        country: [...visits].reverse().find((visit) => visit.country !== null)?.country ?? null,
        is_bot: visits.some((visit) => visit.is_bot),
        is_internal: visits.some((visit) => visit.is_internal),
      };
    });
    const firstTouch = ['source', 'medium', 'campaign', 'term', 'content', 'referrer'];
    const lastTouch = ['last_source', 'last_medium', 'last_campaign', 'last_term', 'last_content', 'ip_address', 'user_agent', 'device_type', 'browser', 'os'];
    await manager.query(
      `INSERT INTO trackflow.visitor AS v (workspace_id, visitor_id, first_seen, last_seen, last_activity, click_count, ip_address, user_agent,
         source, medium, campaign, term, content, referrer, last_source, last_medium, last_campaign, last_term, last_content,
         device_type, browser, os, country, is_bot, is_internal)
       SELECT r.workspace_id, r.visitor_id, r.first_seen, r.last_seen, r.last_seen, r.click_count, r.ip_address, r.user_agent,
         r.source, r.medium, r.campaign, r.term, r.content, r.referrer, r.last_source, r.last_medium, r.last_campaign, r.last_term, r.last_content,
         r.device_type, r.browser, r.os, r.country, r.is_bot, r.is_internal
       FROM jsonb_to_recordset($1::jsonb) AS r(workspace_id uuid, visitor_id text, first_seen timestamptz, last_seen timestamptz, click_count int,
         ip_address text, user_agent text, source text, medium text, campaign text, term text, content text, referrer text, last_source text,
         last_medium text, last_campaign text, last_term text, last_content text, device_type text, browser text, os text, country text,
         is_bot boolean, is_internal boolean)
       ORDER BY r.workspace_id, r.visitor_id
       ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET
         ${firstTouch.map((column) => `${column} = CASE WHEN EXCLUDED.first_seen < v.first_seen THEN EXCLUDED.${column} ELSE v.${column} END`).join(',\n         ')},
         ${lastTouch.map((column) => `${column} = CASE WHEN EXCLUDED.last_seen >= v.last_seen THEN EXCLUDED.${column} ELSE v.${column} END`).join(',\n         ')},
         -- An address without a country (IPv6, private) says nothing about where the visitor is: the country known stays.
         country = CASE WHEN EXCLUDED.last_seen >= v.last_seen THEN COALESCE(EXCLUDED.country, v.country) ELSE COALESCE(v.country, EXCLUDED.country) END,
         first_seen = LEAST(v.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(v.last_seen, EXCLUDED.last_seen),
         last_activity = GREATEST(v.last_activity, EXCLUDED.last_seen),
         click_count = v.click_count + EXCLUDED.click_count,
         is_bot = v.is_bot OR EXCLUDED.is_bot,
         is_internal = v.is_internal OR EXCLUDED.is_internal,
         updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  /** A click within 30 minutes of the visitor's latest session, for the same campaign, extends it; otherwise it opens one. */
  private async attachSessions(manager: EntityManager, clicks: IdentifiedRow[]): Promise<void> {
    const sessions: AssignedSession<SessionClick>[] = [];
    for (const workspaceId of new Set(clicks.map((click) => click.workspace_id))) {
      const ofWorkspace = clicks.filter((click) => click.workspace_id === workspaceId).map((click) => ({ visitorId: click.visitor_id, atMs: Date.parse(click.click_timestamp), campaign: click.utm_campaign, click }));
      const latest = await latestSessions(manager, workspaceId, ofWorkspace.map((item) => item.visitorId));
      sessions.push(...assignSessions(ofWorkspace, latest, randomUUID));
    }
    const sessionOfClick = sessions.flatMap((session) =>
      session.items.map(({ click }) => ({ click_id: click.id, workspace_id: click.workspace_id, click_timestamp: click.click_timestamp, session_id: session.id })),
    );
    const created = sessions.filter((session) => session.isNew);
    const extended = sessions.filter((session) => !session.isNew);
    if (created.length > 0) {
      await manager.query(
        `INSERT INTO trackflow.visitor_session (id, workspace_id, visitor_id, session_start, session_end, click_count, entry_page, exit_page,
           duration_seconds, source, medium, campaign, content, term, referrer, device_type, browser, os, country, is_bot, is_internal)
         SELECT s.id, s.workspace_id, s.visitor_id, s.session_start, s.session_end, s.click_count, s.entry_page, s.entry_page,
           EXTRACT(EPOCH FROM s.session_end - s.session_start)::int, s.source, s.medium, s.campaign, s.content, s.term, s.referrer,
           s.device_type, s.browser, s.os, s.country, s.is_bot, s.is_internal
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, workspace_id uuid, visitor_id text, session_start timestamptz, session_end timestamptz,
           click_count int, entry_page text, source text, medium text, campaign text, content text, term text, referrer text, device_type text,
           browser text, os text, country text, is_bot boolean, is_internal boolean)`,
        [
          JSON.stringify(
            created.map((session) => {
              const { click } = session.items[0];
              return {
                id: session.id,
                workspace_id: click.workspace_id,
                visitor_id: session.visitorId,
                session_start: new Date(session.startMs).toISOString(),
                session_end: new Date(session.endMs).toISOString(),
                click_count: session.items.length,
                entry_page: click.page_url,
                source: click.utm_source,
                medium: click.utm_medium,
                campaign: click.utm_campaign,
                content: click.utm_content,
                term: click.utm_term,
                referrer: click.referrer,
                device_type: click.device_type,
                browser: click.browser,
                os: click.os,
                country: click.country,
                is_bot: click.is_bot,
                is_internal: click.is_internal,
              };
            }),
          ),
        ],
      );
    }
    if (extended.length > 0) {
      // Rows are found by their whole key (id and the start they were read with), each in its month's partition.
      await manager.query(
        `UPDATE trackflow.visitor_session vs SET session_start = s.session_start, session_end = s.session_end, click_count = vs.click_count + s.clicks,
           duration_seconds = EXTRACT(EPOCH FROM s.session_end - s.session_start)::int
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, stored_start timestamptz, session_start timestamptz, session_end timestamptz, clicks int)
         WHERE vs.id = s.id AND vs.session_start = s.stored_start`,
        [
          JSON.stringify(
            extended.map((session) => ({
              id: session.id,
              stored_start: new Date(session.storedStartMs as number).toISOString(),
              session_start: new Date(session.startMs).toISOString(),
              session_end: new Date(session.endMs).toISOString(),
              clicks: session.items.length,
            })),
          ),
        ],
      );
    }
    await manager.query(
      `UPDATE trackflow.click_event c SET session_id = m.session_id
       FROM jsonb_to_recordset($1::jsonb) AS m(click_id uuid, workspace_id uuid, click_timestamp timestamptz, session_id uuid)
       WHERE c.id = m.click_id AND c.click_timestamp = m.click_timestamp AND c.workspace_id = m.workspace_id`,
      [JSON.stringify(sessionOfClick)],
    );
  }

  /** Bots and internal traffic are stored but never counted; anonymous clicks count as clicks, never as visitors. */
  private async updateCounters(manager: EntityManager, clicks: EnrichedClick[]): Promise<void> {
    const countable = clicks.filter((click) => !click.is_bot && !click.is_internal);
    if (countable.length === 0) return;
    const batch = JSON.stringify(
      countable.map((click) => ({
        id: click.id,
        workspace_id: click.workspace_id,
        tracked_link_id: click.tracked_link_id,
        campaign_id: click.campaign_id,
        variant_id: click.variant_id,
        visitor_id: click.visitor_id,
        at: click.click_timestamp,
      })),
    );
    const ids = countable.map((click) => click.id);
    const batchColumns = `id uuid, workspace_id uuid, tracked_link_id uuid, campaign_id uuid, variant_id uuid, visitor_id text, at timestamptz`;
    for (const target of COUNTER_TARGETS) {
      await manager.query(
        `WITH batch AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(${batchColumns}) WHERE b.${target.key} IS NOT NULL),
         pairs AS (
           SELECT DISTINCT b.${target.key}, b.visitor_id FROM batch b
           WHERE b.visitor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM trackflow.click_event c
                             WHERE c.${target.key} = b.${target.key} AND c.visitor_id = b.visitor_id AND c.workspace_id = b.workspace_id
                               AND NOT c.is_bot AND NOT c.is_internal AND c.id <> ALL($2::uuid[]))),
         totals AS (
           SELECT b.${target.key}, count(*) AS clicks, max(b.at) AS last_click,
                  (SELECT count(*) FROM pairs p WHERE p.${target.key} = b.${target.key}) AS new_visitors
           FROM batch b GROUP BY b.${target.key})
         UPDATE trackflow.${target.table} t SET ${target.clicks} = t.${target.clicks} + p.clicks,
           ${target.visitors} = t.${target.visitors} + p.new_visitors, last_click = GREATEST(t.last_click, p.last_click)
         FROM totals p WHERE t.id = p.${target.key}`,
        [batch, ids],
      );
    }
    await manager.query(
      `UPDATE trackflow.campaign_link_variant v SET clicks = v.clicks + p.clicks
       FROM (SELECT b.variant_id, count(*) AS clicks FROM jsonb_to_recordset($1::jsonb) AS b(${batchColumns}) WHERE b.variant_id IS NOT NULL GROUP BY b.variant_id) p
       WHERE v.id = p.variant_id`,
      [batch],
    );
  }
}
