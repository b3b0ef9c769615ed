import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One tracked event or click of a day, as the event export writes it. */
export interface ActivityRecord {
  kind: 'event' | 'click';
  id: string;
  visitorId: string | null;
  sessionId: string | null;
  at: string;
  type: string;
  name: string | null;
  url: string | null;
  trackedLinkId: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
}

/** Reads a day's human, external events (trackflow.visitor_event) and clicks (trackflow.click_event) in pages, oldest first. */
@Injectable()
export class DayActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The page after `after` ([at, id] of the last record read), at most `limit` records. */
  async page(workspaceId: string, from: Date, to: Date, after: [string, string] | null, limit: number): Promise<ActivityRecord[]> {
    const rows: (Omit<ActivityRecord, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT 'event' AS kind, e.id::text AS id, e.visitor_id AS "visitorId", e.session_id::text AS "sessionId", e."timestamp" AS at, e.event_type AS type,
           e.event_name AS name, e.page_url AS url, e.tracked_link_id::text AS "trackedLinkId", e.event_data->'utm'->>'source' AS "utmSource",
           e.event_data->'utm'->>'medium' AS "utmMedium", e.event_data->'utm'->>'campaign' AS "utmCampaign"
         FROM trackflow.visitor_event e WHERE e.workspace_id = $1 AND e."timestamp" >= $2 AND e."timestamp" < $3 AND NOT e.is_bot AND NOT e.is_internal
         UNION ALL
         SELECT 'click', c.id::text, c.visitor_id, c.session_id::text, c.click_timestamp, c.event_type, c.short_code, c.referrer, c.tracked_link_id::text,
           c.utm_source, c.utm_medium, c.utm_campaign
         FROM trackflow.click_event c WHERE c.workspace_id = $1 AND c.click_timestamp >= $2 AND c.click_timestamp < $3 AND NOT c.is_bot AND NOT c.is_internal) a
       WHERE $4::timestamptz IS NULL OR (a.at, a.id) > ($4::timestamptz, $5::text)
       ORDER BY a.at, a.id LIMIT $6`,
      [workspaceId, from, to, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }
}
