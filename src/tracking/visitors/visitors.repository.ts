import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { VisitorClickDto, VisitorDto, VisitorEventDto, VisitorSessionDto } from 'src/tracking/visitors/visitor.dto';

export type VisitorRow = Omit<VisitorDto, 'sessions' | 'clicks'>;
type VisitorQuery = { from: Date | null; to: Date | null; source: string | null; campaign: string | null; hasConverted: boolean | null; includeBots: boolean; limit: number; offset: number };

const VISITOR_COLUMNS = `v.visitor_id AS "visitorId", v.first_seen AS "firstSeen", v.last_seen AS "lastSeen", v.page_views AS "pageViews", v.click_count AS "clickCount",
  v.source, v.medium, v.campaign, v.last_source AS "lastSource", v.last_medium AS "lastMedium", v.last_campaign AS "lastCampaign", v.referrer,
  v.device_type AS "deviceType", v.browser, v.os, v.country, v.is_bot AS "isBot", v.has_converted AS "hasConverted", v.engagement_score::float AS "engagementScore",
  v.person_id AS "personId", v.external_id AS "externalId",
  ARRAY(SELECT m.visitor_id FROM trackflow.visitor m WHERE m.workspace_id = v.workspace_id AND m.merged_into_visitor_id = v.visitor_id ORDER BY m.visitor_id) AS "mergedVisitorIds"`;

/** The visitor journey queries of seed 004: a visitor, their sessions with events, their clicks. */
@Injectable()
export class VisitorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A merged visitor id answers with the visitor it was merged into: the journey lives there. */
  async findOne(workspaceId: string, visitorId: string): Promise<VisitorRow | null> {
    const rows: VisitorRow[] = await this.dataSource.query(
      `SELECT ${VISITOR_COLUMNS} FROM trackflow.visitor v
       WHERE v.workspace_id = $1 AND v.visitor_id = (SELECT COALESCE(merged_into_visitor_id, visitor_id) FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2)`,
      [workspaceId, visitorId],
    );
    return rows[0] ?? null;
  }

  /** Visitors merged into another are left out: their journey answers under the visitor they joined. */
  forPerson(workspaceId: string, personId: string): Promise<VisitorRow[]> {
    return this.dataSource.query(
      `SELECT ${VISITOR_COLUMNS} FROM trackflow.visitor v
       WHERE v.workspace_id = $1 AND v.person_id = $2 AND v.merged_into_visitor_id IS NULL ORDER BY v.first_seen, v.visitor_id`,
      [workspaceId, personId],
    );
  }

  async list(workspaceId: string, query: VisitorQuery): Promise<VisitorRow[]> {
    return this.dataSource.query(
      `SELECT ${VISITOR_COLUMNS} FROM trackflow.visitor v
       WHERE v.workspace_id = $1 AND v.merged_into_visitor_id IS NULL
         AND ($2::timestamptz IS NULL OR v.last_seen >= $2) AND ($3::timestamptz IS NULL OR v.first_seen < $3)
         AND ($4::text IS NULL OR v.source = $4) AND ($5::text IS NULL OR v.campaign = $5)
         AND ($6::boolean IS NULL OR v.has_converted = $6) AND ($7 OR NOT v.is_bot)
       ORDER BY v.last_seen DESC, v.visitor_id LIMIT $8 OFFSET $9`,
      [workspaceId, query.from, query.to, query.source, query.campaign, query.hasConverted, query.includeBots, query.limit, query.offset],
    );
  }

  sessions(workspaceId: string, visitorId: string): Promise<Omit<VisitorSessionDto, 'events'>[]> {
    return this.dataSource.query(
      `SELECT id, session_start AS "sessionStart", session_end AS "sessionEnd", page_views AS "pageViews", click_count AS "clickCount", entry_page AS "entryPage",
         exit_page AS "exitPage", duration_seconds AS "durationSeconds", is_bounce AS "isBounce", source, medium, campaign, referrer, scroll_pct::float AS "scrollPct",
         device_type AS "deviceType", browser, country
       FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY session_start`,
      [workspaceId, visitorId],
    );
  }

  events(workspaceId: string, visitorId: string): Promise<VisitorEventDto[]> {
    return this.dataSource.query(
      `SELECT id, event_type AS "eventType", event_name AS "eventName", "timestamp", page_url AS "pageUrl", path, referrer, scroll_pct::float AS "scrollPct",
         event_data AS properties, session_id AS "sessionId"
       FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY "timestamp", id`,
      [workspaceId, visitorId],
    );
  }

  clicks(workspaceId: string, visitorId: string): Promise<VisitorClickDto[]> {
    return this.dataSource.query(
      `SELECT id, tracked_link_id AS "trackedLinkId", short_code AS "shortCode", click_timestamp AS "clickTimestamp", utm_source AS source, utm_medium AS medium,
         utm_campaign AS campaign, referrer, is_qr AS "isQr", is_bot AS "isBot"
       FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY click_timestamp, id`,
      [workspaceId, visitorId],
    );
  }


  /**
   * For each target, the latest ad click id named `parameter` (gclid, fbclid, …) that one of its
   * visitors (its own, and every visitor of its person) landed with, at or before its time, with
   * when that id first landed. Landing events keep the ids under event_data.adClickIds.
   */
  async adClickIds(workspaceId: string, parameter: string, targets: readonly { key: string; visitorId: string | null; personId: string | null; at: Date }[]): Promise<Map<string, { clickId: string; clickedAt: Date }>> {
    if (targets.length === 0) return new Map();
    const rows: { key: string; click_id: string; clicked_at: Date }[] = await this.dataSource.query(
      `WITH target AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(key text, visitor_id text, person_id text, at timestamptz)),
       landing AS (
         SELECT DISTINCT ON (t.key) t.key, e.visitor_id, e.event_data->'adClickIds'->>$2 AS click_id
         FROM target t
         JOIN trackflow.visitor v ON v.workspace_id = $1 AND (v.visitor_id = t.visitor_id OR v.person_id = t.person_id)
         JOIN trackflow.visitor_event e ON e.workspace_id = $1 AND e.visitor_id = v.visitor_id AND e."timestamp" <= t.at
         WHERE e.event_data->'adClickIds' ? $2 AND NOT e.is_bot AND NOT e.is_internal
         ORDER BY t.key, e."timestamp" DESC)
       SELECT l.key, l.click_id, (SELECT min(f."timestamp") FROM trackflow.visitor_event f
         WHERE f.workspace_id = $1 AND f.visitor_id = l.visitor_id AND f.event_data->'adClickIds'->>$2 = l.click_id) AS clicked_at
       FROM landing l`,
      [workspaceId, parameter, JSON.stringify(targets.map((t) => ({ key: t.key, visitor_id: t.visitorId, person_id: t.personId, at: t.at.toISOString() })))],
    );
    return new Map(rows.map((row) => [row.key, { clickId: row.click_id, clickedAt: row.clicked_at }]));
  }

  /** The visitor a person names, else the one that identified with the person's email; a merged visitor resolves to the survivor. */
  async findForPerson(workspaceId: string, visitorId: string | null, emailHash: string | null): Promise<string | null> {
    const rows: { visitor_id: string }[] = await this.dataSource.query(
      `SELECT COALESCE(merged_into_visitor_id, visitor_id) AS visitor_id FROM trackflow.visitor
       WHERE workspace_id = $1 AND (visitor_id = $2 OR ($2::text IS NULL AND email_hash = $3))
       ORDER BY first_seen LIMIT 1`,
      [workspaceId, visitorId, emailHash],
    );
    return rows[0]?.visitor_id ?? null;
  }

  /** A visitor already linked to a person keeps that person. */
  async linkPerson(workspaceId: string, visitorId: string, personId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(`UPDATE trackflow.visitor SET person_id = COALESCE(person_id, $3), updated_at = now() WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, personId]);
  }

  /** The person is gone from the CRM: their visitors are no longer theirs (nothing is erased). Returns how many were. */
  async unlinkPerson(workspaceId: string, personId: string, manager?: EntityManager): Promise<number> {
    const unlinked: unknown = await (manager ?? this.dataSource.manager).query(`UPDATE trackflow.visitor SET person_id = NULL, updated_at = now() WHERE workspace_id = $1 AND person_id = $2 RETURNING visitor_id`, [workspaceId, personId]);
    return returnedRows(unlinked).length;
  }

  /** A conversion's visitor exists before the conversion names it: its id came from our own cookie, though the tracker may not have reported it yet. */
  async ensureConverting(manager: EntityManager, workspaceId: string, visitorId: string, at: Date, personId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen, last_activity, person_id)
       VALUES ($1, $2, $3, $3, $3, $4) ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET person_id = COALESCE(trackflow.visitor.person_id, EXCLUDED.person_id)`,
      [workspaceId, visitorId, at, personId],
    );
  }

  /** A conversion recorded again (a deal's amount changed) is still one conversion of the visitor. */
  async countConversion(manager: EntityManager, workspaceId: string, visitorId: string, isNew: boolean, at: Date): Promise<void> {
    await manager.query(
      `UPDATE trackflow.visitor SET has_converted = true, conversion_count = conversion_count + $3,
         last_conversion_date = GREATEST(last_conversion_date, $4), updated_at = now()
       WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspaceId, visitorId, isNew ? 1 : 0, at],
    );
  }
}
