import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversionMilestones, Touchpoint } from 'src/attribution/engine/attribution.types';
import { Reads } from 'src/common/database/read-replica.service';
import { clicksOfSession } from 'src/tracking/sessions/session-clicks.sql';

/** A touch as stored: a click (or QR scan) on a tracked link, or a visit that arrived without one. */
export interface StoredTouchpoint extends Touchpoint {
  touchpointType: 'click' | 'qr_scan' | 'visit';
}

/** Whose journey a conversion closes: its visitor, its person's visitors, and with a company every visitor of that company's people. */
interface ConversionIdentity {
  key: string;
  visitorId: string | null;
  personId: string | null;
  companyId: string | null;
  at: Date;
}

type TouchRow = {
  key: string;
  touchpoint_type: 'click' | 'qr_scan' | 'visit';
  click_id: string | null;
  tracked_link_id: string | null;
  at: Date;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  content: string | null;
  term: string | null;
  referrer: string | null;
};

/**
 * What counts as a touch, shared by attribution and fitting: a human, external click (alias `e`),
 * or a human, external visit (alias `s`) that contains no click, since its clicks stand for it.
 */
const CLICK_TOUCH = `e.event_type AS touchpoint_type, e.id AS click_id, e.tracked_link_id, e.click_timestamp AS at, e.utm_source AS source,
  e.utm_medium AS medium, e.utm_campaign AS campaign, e.utm_content AS content, e.utm_term AS term, e.referrer`;
const CLICK_COUNTS = `NOT e.is_bot AND NOT e.is_internal`;
const VISIT_TOUCH = `'visit', NULL, NULL, s.session_start, s.source, s.medium, s.campaign, s.content, s.term, s.referrer`;
const VISIT_COUNTS = `NOT s.is_bot AND NOT s.is_internal AND NOT EXISTS (
  SELECT 1 FROM trackflow.click_event c WHERE ${clicksOfSession('c', 's')})`;

/**
 * The touches behind each conversion: every visitor id of the converting person (the one on the
 * conversion and those identified as the same Twenty person), their human, external clicks, and
 * their visits that contain no click (those clicks already stand for them), within `windowDays`
 * before the conversion.
 */
@Injectable()
export class TouchpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads at most `limit` touches when given (a report's bound), in conversion order; a report reads them from the replica. */
  async forConversions(workspaceId: string, conversions: readonly ConversionIdentity[], windowDays: number, limit?: number, reads: Reads = this.dataSource): Promise<Map<string, StoredTouchpoint[]>> {
    const touches = new Map<string, StoredTouchpoint[]>(conversions.map((conversion) => [conversion.key, []]));
    if (conversions.length === 0) return touches;
    const rows: TouchRow[] = await reads.query(
      `WITH conversion AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS c(key text, visitor_id text, person_id text, company_id text, at timestamptz)),
       identity AS (
         SELECT c.key, c.at, c.visitor_id FROM conversion c WHERE c.visitor_id IS NOT NULL
         UNION
         SELECT c.key, c.at, v.visitor_id FROM conversion c
         JOIN trackflow.visitor v ON v.workspace_id = $1 AND v.person_id = c.person_id
         WHERE c.person_id IS NOT NULL
         UNION
         SELECT c.key, c.at, v.visitor_id FROM conversion c
         JOIN trackflow.crm_person p ON p.workspace_id = $1 AND p.company_id = c.company_id
         JOIN trackflow.visitor v ON v.workspace_id = $1 AND v.person_id = p.person_id
         WHERE c.company_id IS NOT NULL)
       SELECT i.key, ${CLICK_TOUCH}
       FROM identity i
       JOIN trackflow.click_event e ON e.workspace_id = $1 AND e.visitor_id = i.visitor_id
        AND e.click_timestamp <= i.at AND e.click_timestamp >= i.at - make_interval(days => $3)
       WHERE ${CLICK_COUNTS}
       UNION ALL
       SELECT i.key, ${VISIT_TOUCH}
       FROM identity i
       JOIN trackflow.visitor_session s ON s.workspace_id = $1 AND s.visitor_id = i.visitor_id
        AND s.session_start <= i.at AND s.session_start >= i.at - make_interval(days => $3)
       WHERE ${VISIT_COUNTS}
       ORDER BY 1, 5, 3 LIMIT $4`,
      [workspaceId, JSON.stringify(conversions.map((c) => ({ key: c.key, visitor_id: c.visitorId, person_id: c.personId, company_id: c.companyId, at: c.at.toISOString() }))), windowDays, limit ?? null],
    );
    for (const row of rows) touches.get(row.key)?.push(toTouchpoint(row));
    return touches;
  }

  /**
   * When each conversion's deal met its CRM milestones: the lead created is its person's lead
   * conversion; the opportunity created and closed won are what the CRM said of the deal (Twenty's
   * `createdAt`, the move to a won stage), closed won else the deal's own conversion (one recorded
   * through the API, with no deal seen in the CRM). A deal deleted in the CRM has neither.
   */
  async milestones(
    workspaceId: string,
    targets: readonly { key: string; personId: string | null; opportunityId: string | null }[],
    reads: Reads = this.dataSource,
  ): Promise<Map<string, ConversionMilestones>> {
    if (targets.length === 0) return new Map();
    const rows: { key: string; lead_created_at: Date | null; opportunity_created_at: Date | null; closed_won_at: Date | null }[] = await reads.query(
      `SELECT t.key, lead.conversion_date AS lead_created_at, d.created_at AS opportunity_created_at, COALESCE(d.won_at, won.conversion_date) AS closed_won_at
       FROM jsonb_to_recordset($2::jsonb) AS t(key text, person_id text, opportunity_id text)
       LEFT JOIN trackflow.conversion lead ON lead.workspace_id = $1 AND lead.conversion_type = 'lead' AND lead.person_id = t.person_id
       LEFT JOIN trackflow.crm_deal d ON d.workspace_id = $1 AND d.opportunity_id = t.opportunity_id AND d.deleted_at IS NULL
       LEFT JOIN trackflow.conversion won ON won.workspace_id = $1 AND won.conversion_type = 'deal' AND won.opportunity_id = t.opportunity_id`,
      [workspaceId, JSON.stringify(targets.map((target) => ({ key: target.key, person_id: target.personId, opportunity_id: target.opportunityId })))],
    );
    return new Map(rows.map((row) => [row.key, { leadCreatedAt: row.lead_created_at, opportunityCreatedAt: row.opportunity_created_at, closedWonAt: row.closed_won_at }]));
  }

  /** The short codes of the links touches name, for labels; a link deleted since is missing. */
  async shortCodes(workspaceId: string, linkIds: readonly string[], reads: Reads = this.dataSource): Promise<Map<string, string>> {
    const links: { id: string; short_code: string }[] = await reads.query(
      `SELECT id::text, short_code FROM trackflow.tracked_link WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [workspaceId, linkIds],
    );
    return new Map(links.map((link) => [link.id, link.short_code]));
  }

  /**
   * Every touch of the period, keyed by who made it: the Twenty person a visitor was identified as,
   * else the visitor alone (`v:<id>`), so one person's devices form one journey.
   */
  async forPeriod(workspaceId: string, from: Date, to: Date): Promise<{ who: string; touch: StoredTouchpoint }[]> {
    const rows: TouchRow[] = await this.dataSource.query(
      `SELECT COALESCE(v.person_id, 'v:' || e.visitor_id) AS key, ${CLICK_TOUCH}
       FROM trackflow.click_event e JOIN trackflow.visitor v ON v.workspace_id = e.workspace_id AND v.visitor_id = e.visitor_id
       WHERE e.workspace_id = $1 AND e.click_timestamp >= $2 AND e.click_timestamp < $3 AND ${CLICK_COUNTS}
       UNION ALL
       SELECT COALESCE(v.person_id, 'v:' || s.visitor_id), ${VISIT_TOUCH}
       FROM trackflow.visitor_session s JOIN trackflow.visitor v ON v.workspace_id = s.workspace_id AND v.visitor_id = s.visitor_id
       WHERE s.workspace_id = $1 AND s.session_start >= $2 AND s.session_start < $3 AND ${VISIT_COUNTS}`,
      [workspaceId, from, to],
    );
    return rows.map((row) => ({ who: row.key, touch: toTouchpoint(row) }));
  }

  /** The workspace's latest touches, newest first: the sample a channel-rule preview classifies. */
  async recent(workspaceId: string, limit: number): Promise<StoredTouchpoint[]> {
    const rows: TouchRow[] = await this.dataSource.query(
      `(SELECT '' AS key, ${CLICK_TOUCH} FROM trackflow.click_event e WHERE e.workspace_id = $1 AND ${CLICK_COUNTS} ORDER BY e.click_timestamp DESC LIMIT $2)
       UNION ALL
       (SELECT '', ${VISIT_TOUCH} FROM trackflow.visitor_session s WHERE s.workspace_id = $1 AND ${VISIT_COUNTS} ORDER BY s.session_start DESC LIMIT $2)
       ORDER BY at DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map(toTouchpoint);
  }

  /** The period's conversions under the same keys as forPeriod's touches. */
  async conversionsForPeriod(workspaceId: string, from: Date, to: Date): Promise<{ who: string; at: Date; valueMicros: bigint }[]> {
    const rows: { who: string; at: Date; value_micros: string }[] = await this.dataSource.query(
      `SELECT COALESCE(c.person_id, v.person_id, 'v:' || c.visitor_id) AS who, c.conversion_date AS at, c.value_micros
       FROM trackflow.conversion c LEFT JOIN trackflow.visitor v ON v.workspace_id = c.workspace_id AND v.visitor_id = c.visitor_id
       WHERE c.workspace_id = $1 AND c.conversion_date >= $2 AND c.conversion_date < $3 AND (c.person_id IS NOT NULL OR c.visitor_id IS NOT NULL)`,
      [workspaceId, from, to],
    );
    return rows.map((row) => ({ who: row.who, at: row.at, valueMicros: BigInt(row.value_micros) }));
  }
}

function toTouchpoint(row: TouchRow): StoredTouchpoint {
  return {
    touchpointType: row.touchpoint_type,
    at: row.at,
    source: row.source,
    medium: row.medium,
    campaign: row.campaign,
    content: row.content,
    term: row.term,
    referrer: row.referrer,
    trackedLinkId: row.tracked_link_id,
    clickId: row.click_id,
  };
}
