import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JourneyItemKind } from 'src/analytics/journey/visitor-journey.dto';

type JourneyRow = {
  at: Date;
  kind: JourneyItemKind;
  visitor_id: string | null;
  session_id: string | null;
  title: string | null;
  url: string | null;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  tracked_link_id: string | null;
  short_code: string | null;
  is_qr: boolean | null;
  page_views: number | null;
  duration_seconds: number | null;
  value_micros: string | null;
  currency_code: string | null;
};

// Within one instant a session opens before its click, page views and events, and the conversion comes last.
const KIND_ORDER = `CASE kind WHEN 'SESSION' THEN 0 WHEN 'CLICK' THEN 1 WHEN 'PAGE_VIEW' THEN 2 WHEN 'EVENT' THEN 3 ELSE 4 END`;

@Injectable()
export class VisitorJourneyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The visitor a (possibly merged) visitor id now lives on, or null when unknown. */
  async canonicalVisitor(workspaceId: string, visitorId: string): Promise<{ visitorId: string; personId: string | null } | null> {
    const rows: { visitor_id: string; person_id: string | null }[] = await this.dataSource.query(
      `SELECT v.visitor_id, v.person_id FROM trackflow.visitor v
       WHERE v.workspace_id = $1 AND v.visitor_id = (SELECT COALESCE(merged_into_visitor_id, visitor_id) FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2)`,
      [workspaceId, visitorId],
    );
    return rows[0] ? { visitorId: rows[0].visitor_id, personId: rows[0].person_id } : null;
  }

  /** Every visitor id identified as this Twenty person, merged ones resolved to where their rows went. */
  async visitorsOfPerson(workspaceId: string, personId: string): Promise<string[]> {
    const rows: { visitor_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT COALESCE(merged_into_visitor_id, visitor_id) AS visitor_id FROM trackflow.visitor WHERE workspace_id = $1 AND person_id = $2 ORDER BY 1`,
      [workspaceId, personId],
    );
    return rows.map((row) => row.visitor_id);
  }

  /** Human, external sessions, clicks, page views, events and the conversions of these visitors or this person in [from, to), oldest first, at most `limit`. */
  items(workspaceId: string, visitorIds: string[], personId: string | null, from: Date, to: Date, limit: number): Promise<JourneyRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT s.session_start AS at, 'SESSION' AS kind, s.visitor_id, s.id AS session_id, s.entry_page AS title, s.entry_page AS url, s.source, s.medium, s.campaign,
           NULL::uuid AS tracked_link_id, NULL AS short_code, NULL::boolean AS is_qr, s.page_views, s.duration_seconds, NULL::bigint AS value_micros, NULL AS currency_code
         FROM trackflow.visitor_session s
         WHERE s.workspace_id = $1 AND s.visitor_id = ANY($2) AND s.session_start >= $4 AND s.session_start < $5 AND NOT s.is_bot AND NOT s.is_internal
         UNION ALL
         SELECT c.click_timestamp, 'CLICK', c.visitor_id, c.session_id, c.short_code, c.page_url, c.utm_source, c.utm_medium, c.utm_campaign,
           c.tracked_link_id, c.short_code, c.is_qr, NULL, NULL, NULL, NULL
         FROM trackflow.click_event c
         WHERE c.workspace_id = $1 AND c.visitor_id = ANY($2) AND c.click_timestamp >= $4 AND c.click_timestamp < $5 AND NOT c.is_bot AND NOT c.is_internal
         UNION ALL
         SELECT e."timestamp", CASE WHEN e.event_type = 'pageview' THEN 'PAGE_VIEW' ELSE 'EVENT' END, e.visitor_id, e.session_id,
           CASE WHEN e.event_type = 'pageview' THEN e.path ELSE concat_ws(': ', e.event_type, e.event_name) END, e.page_url,
           e.event_data->'utm'->>'source', e.event_data->'utm'->>'medium', e.event_data->'utm'->>'campaign', e.tracked_link_id, NULL, NULL, NULL, NULL, NULL, NULL
         FROM trackflow.visitor_event e
         WHERE e.workspace_id = $1 AND e.visitor_id = ANY($2) AND e."timestamp" >= $4 AND e."timestamp" < $5 AND NOT e.is_bot AND NOT e.is_internal
         UNION ALL
         SELECT v.conversion_date, 'CONVERSION', v.visitor_id, NULL, v.conversion_type, NULL, v.source_source, v.source_medium, v.source_campaign,
           v.tracked_link_id, NULL, NULL, NULL, NULL, v.value_micros, v.currency_code
         FROM trackflow.conversion v
         WHERE v.workspace_id = $1 AND (v.visitor_id = ANY($2) OR v.person_id = $3) AND v.conversion_date >= $4 AND v.conversion_date < $5) items
       ORDER BY at, ${KIND_ORDER}, session_id NULLS LAST, title
       LIMIT $6`,
      [workspaceId, visitorIds, personId, from, to, limit],
    );
  }
}
