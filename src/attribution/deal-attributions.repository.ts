import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { StoredTouchpoint } from 'src/attribution/touchpoints.repository';
import { Reads } from 'src/common/database/read-replica.service';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { inTransaction, Transaction } from 'src/common/database/transaction';

/** Whose rows they are: a deal's (by opportunity) or another conversion's. */
export type DealAttributionOwner = { column: 'opportunity_id' | 'conversion_id'; id: string };

export type CreditedConversion = { id: string | null; opportunityId: string | null; convertedAt: Date; valueMicros: bigint; currencyCode: string };

/** A deal as the CRM mirror holds it: what an open deal is credited with. */
export type DealFacts = { amountMicros: bigint; currencyCode: string; pointOfContactId: string | null; companyId: string | null };

/**
 * A deal's CRM milestones. Twenty's opportunity creation time is not kept, so the opening is the
 * deal's first stage-history row (the deal hook logs one when it first sees the deal with a stage);
 * the lead is its point of contact's lead conversion.
 */
export type DealMilestones = DealFacts & { opportunityId: string; leadAt: Date | null; openedAt: Date | null; wonAt: Date | null };

/** Owns trackflow.deal_attribution; reads the deals of trackflow.crm_deal it credits. */
@Injectable()
export class DealAttributionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Replaces the owner's rows under the model in one transaction; returns the ids written and
   * removed. Row ids are stable, so two replacements of one owner at once (a delivery and a sync,
   * a lead hook and the API) would both find nothing to delete and insert the same ids: the owner's
   * lock makes the second wait and delete the first's rows instead.
   */
  async replace(
    workspaceId: string,
    owner: DealAttributionOwner,
    conversion: CreditedConversion,
    model: { id: string; modelType: string },
    rows: readonly { id: string; row: AttributionRow<StoredTouchpoint> }[],
    transaction?: Transaction,
  ): Promise<string[]> {
    return inTransaction(this.dataSource, transaction, async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`deal_attribution:${workspaceId}:${owner.id}`]);
      const removed = returnedRows<{ id: string }>(
        await manager.query(`DELETE FROM trackflow.deal_attribution WHERE workspace_id = $1 AND ${owner.column} = $2 AND attribution_model_id = $3 RETURNING id`, [workspaceId, owner.id, model.id]),
      );
      const changed = [...new Set([...removed.map((row) => row.id), ...rows.map((row) => row.id)])];
      if (rows.length === 0) return changed;
      await manager.query(
        `INSERT INTO trackflow.deal_attribution (id, workspace_id, opportunity_id, conversion_id, attribution_model_id, model_type, conversion_date, deal_value_micros,
           currency_code, touchpoint_index, touchpoint_type, touchpoint_source, touchpoint_campaign, touchpoint_medium, touchpoint_content, touchpoint_term,
           touchpoint_timestamp, channel, tracked_link_id, click_event_id, attribution_weight, attributed_value_micros, position_in_journey, days_to_conversion)
         SELECT r.id, $1, $2, $3, $4, $5, $6, $7, $8, r.touchpoint_index, r.touchpoint_type, r.source, r.campaign, r.medium, r.content, r.term, r.at, r.channel,
           -- A link or click deleted since keeps its touch, without the reference.
           (SELECT l.id FROM trackflow.tracked_link l WHERE l.id = r.tracked_link_id), (SELECT c.id FROM trackflow.click_event c WHERE c.id = r.click_id),
           r.weight, r.value_micros, r.position, r.days
         FROM jsonb_to_recordset($9::jsonb) AS r(id uuid, touchpoint_index int, touchpoint_type text, source text, campaign text, medium text, content text, term text,
           at timestamptz, channel text, tracked_link_id uuid, click_id uuid, weight double precision, value_micros bigint, position text, days numeric)`,
        [
          workspaceId,
          conversion.opportunityId,
          conversion.id,
          model.id,
          model.modelType,
          conversion.convertedAt,
          conversion.valueMicros.toString(),
          conversion.currencyCode,
          JSON.stringify(
            rows.map(({ id, row }, index) => ({
              id,
              touchpoint_index: index,
              touchpoint_type: row.touchpoint.touchpointType,
              source: row.touchpoint.source,
              campaign: row.touchpoint.campaign,
              medium: row.touchpoint.medium,
              content: row.touchpoint.content,
              term: row.touchpoint.term,
              at: row.touchpoint.at.toISOString(),
              channel: row.channel,
              tracked_link_id: row.touchpoint.trackedLinkId,
              click_id: row.touchpoint.clickId,
              weight: row.weight,
              value_micros: row.attributedValueMicros.toString(),
              position: row.position,
              days: (conversion.convertedAt.getTime() - row.touchpoint.at.getTime()) / 86_400_000,
            })),
          ),
        ],
      );
      return changed;
    });
  }

  /** A deal deleted in Twenty: its rows under every model; returns their ids, for their mirrors. */
  async forgetDeal(workspaceId: string, opportunityId: string, transaction?: Transaction): Promise<string[]> {
    const removed: unknown = await (transaction ?? this.dataSource.manager).query(`DELETE FROM trackflow.deal_attribution WHERE workspace_id = $1 AND opportunity_id = $2 RETURNING id`, [workspaceId, opportunityId]);
    return returnedRows<{ id: string }>(removed).map((row) => row.id);
  }

  async deal(workspaceId: string, opportunityId: string): Promise<DealFacts | null> {
    const [row]: { amount_micros: string | null; currency_code: string; point_of_contact_id: string | null; company_id: string | null }[] = await this.dataSource.query(
      `SELECT amount_micros, currency_code, point_of_contact_id, company_id FROM trackflow.crm_deal WHERE workspace_id = $1 AND opportunity_id = $2`,
      [workspaceId, opportunityId],
    );
    return row ? { amountMicros: BigInt(row.amount_micros ?? 0), currencyCode: row.currency_code, pointOfContactId: row.point_of_contact_id, companyId: row.company_id } : null;
  }

  /** The company of each of these deals that has one. */
  async dealCompanies(workspaceId: string, opportunityIds: readonly string[], reads: Reads = this.dataSource): Promise<Map<string, string>> {
    const rows: { opportunity_id: string; company_id: string }[] = await reads.query(
      `SELECT opportunity_id, company_id FROM trackflow.crm_deal WHERE workspace_id = $1 AND opportunity_id = ANY($2) AND company_id IS NOT NULL`,
      [workspaceId, opportunityIds],
    );
    return new Map(rows.map((row) => [row.opportunity_id, row.company_id]));
  }

  /**
   * The deals (not deleted) opened or won in [from, to), with their milestones, at most `limit`.
   * A deal opened when Twenty created it (`created_at`); one learned before that was kept, when it
   * was first seen at a stage. Candidates come from the dated columns (stage changes, creation and
   * won dates in the period); a deal opened outside the period is dropped unless won in it.
   */
  async milestonesBetween(workspaceId: string, from: Date, to: Date, limit: number, reads: Reads = this.dataSource): Promise<DealMilestones[]> {
    const rows: {
      opportunity_id: string;
      amount_micros: string | null;
      currency_code: string;
      point_of_contact_id: string | null;
      company_id: string | null;
      won_at: Date | null;
      opened_at: Date | null;
      lead_at: Date | null;
    }[] = await reads.query(
      `WITH candidate AS (
         SELECT opportunity_id FROM trackflow.deal_stage_change WHERE workspace_id = $1 AND change_date >= $2 AND change_date < $3
         UNION
         SELECT opportunity_id FROM trackflow.crm_deal WHERE workspace_id = $1 AND ((won_at >= $2 AND won_at < $3) OR (created_at >= $2 AND created_at < $3)))
       SELECT d.opportunity_id, d.amount_micros, d.currency_code, d.point_of_contact_id, d.company_id, d.won_at, o.opened_at, l.lead_at
       FROM candidate k
       JOIN trackflow.crm_deal d ON d.workspace_id = $1 AND d.opportunity_id = k.opportunity_id AND d.deleted_at IS NULL
       CROSS JOIN LATERAL (SELECT COALESCE(d.created_at, min(s.change_date)) AS opened_at FROM trackflow.deal_stage_change s WHERE s.workspace_id = $1 AND s.opportunity_id = d.opportunity_id) o
       CROSS JOIN LATERAL (SELECT min(c.conversion_date) AS lead_at FROM trackflow.conversion c
         WHERE c.workspace_id = $1 AND c.conversion_type = 'lead' AND c.person_id = d.point_of_contact_id) l
       WHERE (o.opened_at >= $2 AND o.opened_at < $3) OR (d.won_at >= $2 AND d.won_at < $3)
       ORDER BY d.opportunity_id LIMIT $4`,
      [workspaceId, from, to, limit],
    );
    return rows.map((row) => ({
      opportunityId: row.opportunity_id,
      amountMicros: BigInt(row.amount_micros ?? 0),
      currencyCode: row.currency_code,
      pointOfContactId: row.point_of_contact_id,
      companyId: row.company_id,
      wonAt: row.won_at,
      openedAt: row.opened_at,
      leadAt: row.lead_at,
    }));
  }
}
