import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CompanyRollup } from 'src/crm/crm-attribution.types';
import { DealState } from 'src/crm/crm-change';

type DealRow = {
  stage: string | null;
  amount_micros: string | null;
  currency_code: string;
  point_of_contact_id: string | null;
  company_id: string | null;
  won_at: Date | null;
  marketing_influenced: boolean;
  deleted_at: Date | null;
};

type StageChange = { fromStage: string | null; toStage: string; changedAt: Date; changedBy: string | null };
type LeadStatusChange = { fromStatus: string | null; toStatus: string; changedAt: Date; changedBy: string | null; sourceCampaign: string | null; sourceMedium: string | null };
type DealLink = { trackedLinkId: string; shortCode: string; campaignName: string | null; associationType: string; attributionWeight: number | null };

export type PersonFound = { personId: string; displayName: string | null; companyId: string | null; leadStatus: string | null; conversions: number; lastSeen: Date | null };
export type DealFound = {
  opportunityId: string;
  name: string | null;
  stage: string | null;
  amountMicros: bigint | null;
  currencyCode: string;
  wonAt: Date | null;
  contactId: string | null;
  contactName: string | null;
};
/** What a search looks for: people whose email has this hash, or names containing this LIKE pattern, or this exact id. */
export type CrmLookup = { emailHash: string } | { pattern: string; id: string };

/** What TrackFlow remembers of Twenty's people, deals and companies (migration 1764028800000 says why). */
@Injectable()
export class CrmRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` holding a lock on one Twenty record, so two deliveries about it never interleave. */
  async withRecordLock<T>(workspaceId: string, recordId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${workspaceId}:${recordId}`]);
      return work(manager);
    });
  }

  /**
   * Remembers the person's company, lead status, name and email hash; returns the status known
   * before. A change that carries no name or email keeps the ones known (a record read without them says nothing of them).
   */
  async savePerson(
    manager: EntityManager,
    workspaceId: string,
    personId: string,
    companyId: string | null,
    leadStatus: string | null | undefined,
    identity: { displayName: string | null; emailHash: string | null },
  ): Promise<{ previousStatus: string | null }> {
    const [before]: { lead_status: string | null }[] = await manager.query(`SELECT lead_status FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = $2`, [workspaceId, personId]);
    await manager.query(
      `INSERT INTO trackflow.crm_person (workspace_id, person_id, company_id, lead_status, display_name, email_hash) VALUES ($1, $2, $3, $4, $6, $7)
       ON CONFLICT (workspace_id, person_id) DO UPDATE SET company_id = EXCLUDED.company_id,
         lead_status = CASE WHEN $5 THEN EXCLUDED.lead_status ELSE trackflow.crm_person.lead_status END,
         display_name = COALESCE(EXCLUDED.display_name, trackflow.crm_person.display_name), email_hash = COALESCE(EXCLUDED.email_hash, trackflow.crm_person.email_hash), updated_at = now()`,
      [workspaceId, personId, companyId, leadStatus ?? null, leadStatus !== undefined, identity.displayName, identity.emailHash],
    );
    return { previousStatus: before?.lead_status ?? null };
  }

  async findDeal(manager: EntityManager, workspaceId: string, opportunityId: string): Promise<(DealState & { wonAt: Date | null; marketingInfluenced: boolean; deleted: boolean }) | null> {
    const [row]: DealRow[] = await manager.query(`SELECT * FROM trackflow.crm_deal WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, opportunityId]);
    if (!row) return null;
    return {
      opportunityId,
      stage: row.stage,
      amountMicros: row.amount_micros === null ? null : BigInt(row.amount_micros),
      currencyCode: row.currency_code,
      pointOfContactId: row.point_of_contact_id,
      companyId: row.company_id,
      wonAt: row.won_at,
      marketingInfluenced: row.marketing_influenced,
      deleted: row.deleted_at !== null,
    };
  }

  /** The deal was deleted in Twenty: it stops counting, but what it was stays for a restore. */
  async markDealDeleted(manager: EntityManager, workspaceId: string, opportunityId: string): Promise<void> {
    await manager.query(`UPDATE trackflow.crm_deal SET deleted_at = now(), conversion_id = NULL, updated_at = now() WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, opportunityId]);
  }

  /** The person was deleted in Twenty: TrackFlow forgets them (their visitors are unlinked by the tracking feature, which owns them). */
  async forgetPerson(manager: EntityManager, workspaceId: string, personId: string): Promise<void> {
    await manager.query(`DELETE FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = $2`, [workspaceId, personId]);
  }

  /** Records TrackFlow learned from the CRM and still counts, in id order after `afterId`: what a presence check asks the CRM about. */
  async liveRecords(workspaceId: string, object: 'person' | 'opportunity' | 'company', afterId: string | null, limit: number): Promise<{ id: string; companyId: string | null }[]> {
    const source = {
      person: `SELECT person_id AS id, company_id FROM trackflow.crm_person WHERE workspace_id = $1`,
      opportunity: `SELECT opportunity_id AS id, company_id FROM trackflow.crm_deal WHERE workspace_id = $1 AND deleted_at IS NULL`,
      company: `SELECT company_id AS id, company_id FROM trackflow.crm_company WHERE workspace_id = $1`,
    }[object];
    const rows: { id: string; company_id: string | null }[] = await this.dataSource.query(`SELECT * FROM (${source}) known WHERE $2::text IS NULL OR id > $2 ORDER BY id LIMIT $3`, [workspaceId, afterId, limit]);
    return rows.map((row) => ({ id: row.id, companyId: row.company_id }));
  }

  async forgetCompany(manager: EntityManager, workspaceId: string, companyId: string): Promise<void> {
    await manager.query(`DELETE FROM trackflow.crm_company WHERE workspace_id = $1 AND company_id = $2`, [workspaceId, companyId]);
  }

  /** A deal name or creation time of null keeps the one known, as for a person's name. */
  async saveDeal(
    manager: EntityManager,
    workspaceId: string,
    deal: DealState,
    outcome: { wonAt: Date | null; conversionId: string | null; marketingInfluenced: boolean },
    dealName: string | null,
    createdAt: Date | null = null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO trackflow.crm_deal (workspace_id, opportunity_id, stage, amount_micros, currency_code, point_of_contact_id, company_id, won_at, conversion_id, marketing_influenced, name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (workspace_id, opportunity_id) DO UPDATE SET stage = EXCLUDED.stage, amount_micros = EXCLUDED.amount_micros, currency_code = EXCLUDED.currency_code, name = COALESCE(EXCLUDED.name, trackflow.crm_deal.name),
         created_at = COALESCE(EXCLUDED.created_at, trackflow.crm_deal.created_at),
         point_of_contact_id = EXCLUDED.point_of_contact_id, company_id = EXCLUDED.company_id, won_at = EXCLUDED.won_at,
         conversion_id = COALESCE(EXCLUDED.conversion_id, trackflow.crm_deal.conversion_id), marketing_influenced = EXCLUDED.marketing_influenced, deleted_at = NULL, updated_at = now()`,
      [workspaceId, deal.opportunityId, deal.stage, deal.amountMicros?.toString() ?? null, deal.currencyCode, deal.pointOfContactId, deal.companyId, outcome.wonAt, outcome.conversionId, outcome.marketingInfluenced, dealName, createdAt],
    );
  }

  /** Logged once per delivery: Twenty's retries carry the same event key. */
  async logStageChange(manager: EntityManager, workspaceId: string, change: { opportunityId: string; from: string | null; to: string; at: Date; by: string | null; eventKey: string }): Promise<void> {
    await manager.query(
      `INSERT INTO trackflow.deal_stage_change (workspace_id, opportunity_id, from_stage, to_stage, change_date, changed_by, event_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (workspace_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`,
      [workspaceId, change.opportunityId, change.from, change.to, change.at, change.by, change.eventKey],
    );
  }

  async logLeadStatusChange(
    manager: EntityManager,
    workspaceId: string,
    change: { personId: string; from: string | null; to: string; at: Date; by: string | null; sourceCampaign: string | null; sourceMedium: string | null; eventKey: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO trackflow.lead_status_change (workspace_id, person_id, from_status, to_status, change_date, changed_by, source_campaign, source_medium, event_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (workspace_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`,
      [workspaceId, change.personId, change.from, change.to, change.at, change.by, change.sourceCampaign, change.sourceMedium, change.eventKey],
    );
  }

  /** A deal's stages in the order it went through them. */
  async stageChanges(workspaceId: string, opportunityId: string): Promise<StageChange[]> {
    return this.dataSource.query(
      `SELECT from_stage AS "fromStage", to_stage AS "toStage", change_date AS "changedAt", changed_by AS "changedBy" FROM trackflow.deal_stage_change
       WHERE workspace_id = $1 AND opportunity_id = $2 ORDER BY change_date, created_at, id`,
      [workspaceId, opportunityId],
    );
  }

  /** A person's lead statuses in the order they were set. */
  async leadStatusChanges(workspaceId: string, personId: string): Promise<LeadStatusChange[]> {
    return this.dataSource.query(
      `SELECT from_status AS "fromStatus", to_status AS "toStatus", change_date AS "changedAt", changed_by AS "changedBy",
         source_campaign AS "sourceCampaign", source_medium AS "sourceMedium"
       FROM trackflow.lead_status_change WHERE workspace_id = $1 AND person_id = $2 ORDER BY change_date, created_at, id`,
      [workspaceId, personId],
    );
  }

  /** The links of a deal's journey, in journey order (first touch, assists, last touch), manual ones last. */
  async linkAssociations(workspaceId: string, opportunityId: string): Promise<DealLink[]> {
    return this.dataSource.query(
      `SELECT a.tracked_link_id AS "trackedLinkId", l.short_code AS "shortCode", c.name AS "campaignName", a.association_type AS "associationType",
         a.attribution_weight AS "attributionWeight"
       FROM trackflow.deal_link_association a
       JOIN trackflow.tracked_link l ON l.workspace_id = a.workspace_id AND l.id = a.tracked_link_id
       LEFT JOIN trackflow.link_campaign c ON c.workspace_id = l.workspace_id AND c.id = l.campaign_id
       WHERE a.workspace_id = $1 AND a.opportunity_id = $2
       ORDER BY array_position(ARRAY['first_touch', 'assist', 'last_touch', 'manual'], a.association_type), a.attribution_weight DESC NULLS LAST, l.short_code`,
      [workspaceId, opportunityId],
    );
  }

  /** Which tracked links touched the deal: the first and last touch's links and every other linked touch as an assist, with their summed weights. */
  async replaceLinkAssociations(manager: EntityManager, workspaceId: string, opportunityId: string, touches: readonly { trackedLinkId: string | null; weight: number }[]): Promise<void> {
    const associations = new Map<string, { trackedLinkId: string; type: string; weight: number }>();
    touches.forEach((touch, index) => {
      if (!touch.trackedLinkId) return;
      const type = index === 0 ? 'first_touch' : index === touches.length - 1 ? 'last_touch' : 'assist';
      const key = `${touch.trackedLinkId}:${type}`;
      const current = associations.get(key) ?? { trackedLinkId: touch.trackedLinkId, type, weight: 0 };
      current.weight += touch.weight;
      associations.set(key, current);
    });
    await manager.query(`DELETE FROM trackflow.deal_link_association WHERE workspace_id = $1 AND opportunity_id = $2 AND association_type <> 'manual'`, [workspaceId, opportunityId]);
    if (associations.size === 0) return;
    await manager.query(
      `INSERT INTO trackflow.deal_link_association (workspace_id, opportunity_id, tracked_link_id, association_type, attribution_weight)
       SELECT $1, $2, a.tracked_link_id, a.association_type, LEAST(a.weight, 1)
       FROM jsonb_to_recordset($3::jsonb) AS a(tracked_link_id uuid, association_type text, weight double precision)
       JOIN trackflow.tracked_link l ON l.id = a.tracked_link_id`,
      [workspaceId, opportunityId, JSON.stringify([...associations.values()].map((a) => ({ tracked_link_id: a.trackedLinkId, association_type: a.type, weight: a.weight })))],
    );
  }

  /**
   * A company's marketing story: the source of the earliest touch among its people's visitors, and
   * the revenue of its won deals that marketing touched, in the currency most of that revenue is in.
   */
  async companyRollup(workspaceId: string, companyId: string): Promise<CompanyRollup> {
    const [first]: { source: string | null }[] = await this.dataSource.query(
      `SELECT COALESCE(v.source, v.referrer) AS source FROM trackflow.crm_person p
       JOIN trackflow.visitor v ON v.workspace_id = p.workspace_id AND v.person_id = p.person_id
       WHERE p.workspace_id = $1 AND p.company_id = $2 AND NOT v.is_bot AND NOT v.is_internal AND COALESCE(v.source, v.referrer) IS NOT NULL
       ORDER BY v.first_seen LIMIT 1`,
      [workspaceId, companyId],
    );
    const [revenue]: { currency_code: string; total: string }[] = await this.dataSource.query(
      `SELECT currency_code, sum(amount_micros)::text AS total FROM trackflow.crm_deal
       WHERE workspace_id = $1 AND company_id = $2 AND won_at IS NOT NULL AND marketing_influenced AND amount_micros IS NOT NULL
       GROUP BY currency_code ORDER BY sum(amount_micros) DESC LIMIT 1`,
      [workspaceId, companyId],
    );
    return { firstTouchSource: first?.source ?? null, influencedRevenueMicros: BigInt(revenue?.total ?? 0), currencyCode: revenue?.currency_code ?? 'USD' };
  }

  /** Stores the rollup; true when it differs from what was last written to Twenty. */
  async saveCompanyRollup(workspaceId: string, companyId: string, rollup: CompanyRollup): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO trackflow.crm_company AS c (workspace_id, company_id, first_touch_source, influenced_revenue_micros, currency_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id, company_id) DO UPDATE SET first_touch_source = EXCLUDED.first_touch_source, influenced_revenue_micros = EXCLUDED.influenced_revenue_micros,
         currency_code = EXCLUDED.currency_code, written_at = now()
       WHERE (c.first_touch_source, c.influenced_revenue_micros, c.currency_code) IS DISTINCT FROM (EXCLUDED.first_touch_source, EXCLUDED.influenced_revenue_micros, EXCLUDED.currency_code)
       RETURNING 1`,
      [workspaceId, companyId, rollup.firstTouchSource, rollup.influencedRevenueMicros.toString(), rollup.currencyCode],
    );
    return rows.length > 0;
  }
  /** People whose email hash, name or id the lookup names, best matches first (an exact id, then names starting with the text). */
  async searchPeople(workspaceId: string, lookup: CrmLookup, limit: number): Promise<PersonFound[]> {
    const [where, params] =
      'emailHash' in lookup
        ? [`p.email_hash = $2`, [lookup.emailHash]]
        : [`(p.display_name ILIKE $2 OR p.person_id = $3)`, [lookup.pattern, lookup.id]];
    const rows: { person_id: string; display_name: string | null; company_id: string | null; lead_status: string | null; conversions: number; last_seen: Date | null }[] = await this.dataSource.query(
      `SELECT p.person_id, p.display_name, p.company_id, p.lead_status,
         (SELECT count(*) FROM trackflow.conversion c WHERE c.workspace_id = p.workspace_id AND c.person_id = p.person_id)::int AS conversions,
         (SELECT max(v.last_seen) FROM trackflow.visitor v WHERE v.workspace_id = p.workspace_id AND v.person_id = p.person_id) AS last_seen
       FROM trackflow.crm_person p WHERE p.workspace_id = $1 AND ${where}
       ORDER BY ${'emailHash' in lookup ? '' : `p.person_id = $3 DESC, p.display_name ILIKE ltrim($2, '%') DESC, `}p.display_name NULLS LAST, p.person_id LIMIT ${Number(limit)}`,
      [workspaceId, ...params],
    );
    return rows.map((row) => ({ personId: row.person_id, displayName: row.display_name, companyId: row.company_id, leadStatus: row.lead_status, conversions: row.conversions, lastSeen: row.last_seen }));
  }

  /** Deals (not deleted) whose name, id, or point of contact's name or email hash the lookup names, best matches first. */
  async searchDeals(workspaceId: string, lookup: CrmLookup, limit: number): Promise<DealFound[]> {
    const [where, params] =
      'emailHash' in lookup
        ? [`p.email_hash = $2`, [lookup.emailHash]]
        : [`(d.name ILIKE $2 OR p.display_name ILIKE $2 OR d.opportunity_id = $3)`, [lookup.pattern, lookup.id]];
    const rows: { opportunity_id: string; name: string | null; stage: string | null; amount_micros: string | null; currency_code: string; won_at: Date | null; contact_id: string | null; contact_name: string | null }[] =
      await this.dataSource.query(
        `SELECT d.opportunity_id, d.name, d.stage, d.amount_micros, d.currency_code, d.won_at, d.point_of_contact_id AS contact_id, p.display_name AS contact_name
         FROM trackflow.crm_deal d LEFT JOIN trackflow.crm_person p ON p.workspace_id = d.workspace_id AND p.person_id = d.point_of_contact_id
         WHERE d.workspace_id = $1 AND d.deleted_at IS NULL AND ${where}
         ORDER BY ${'emailHash' in lookup ? '' : `d.opportunity_id = $3 DESC, d.name ILIKE ltrim($2, '%') DESC, `}d.won_at DESC NULLS LAST, d.name NULLS LAST, d.opportunity_id LIMIT ${Number(limit)}`,
        [workspaceId, ...params],
      );
    return rows.map((row) => ({
      opportunityId: row.opportunity_id,
      name: row.name,
      stage: row.stage,
      amountMicros: row.amount_micros === null ? null : BigInt(row.amount_micros),
      currencyCode: row.currency_code,
      wonAt: row.won_at,
      contactId: row.contact_id,
      contactName: row.contact_name,
    }));
  }
}
