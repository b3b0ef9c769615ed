import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type DataSubject = { visitorIds: string[]; personIds: string[] };

/**
 * The queries below are written against $1 workspace, $2 visitor ids, $3 person ids; PostgreSQL
 * refuses parameters a statement does not use, so each gets only the ones it names, renumbered.
 */
function bind(sql: string, workspaceId: string, subject: DataSubject): [string, unknown[]] {
  const all: unknown[] = [workspaceId, subject.visitorIds, subject.personIds];
  const used = [...new Set([...sql.matchAll(/\$([123])\b/g)].map((match) => Number(match[1])))];
  const text = sql.replace(/\$([123])\b/g, (_match, n: string) => `$${used.indexOf(Number(n)) + 1}`);
  return [text, used.map((n) => all[n - 1])];
}
export type ErasedCounts = Record<string, number>;

/**
 * Every table holding a visitor's id, address or identifiers, and the count under which erasure
 * reports its rows; `cascade` ones go with their visitor by foreign key. The erasure test reads
 * the schema and fails on a table with such a column that is neither here nor in NOT_VISITOR_DATA.
 */
export const VISITOR_DATA_TABLES = {
  visitor: { count: 'visitors', cascade: false },
  visitor_session: { count: 'sessions', cascade: true },
  visitor_event: { count: 'events', cascade: true },
  click_event: { count: 'clicks', cascade: true },
  conversion: { count: 'conversions', cascade: false },
} as const;

/** Tables with an address column that is no visitor's, and why erasure leaves them. */
export const NOT_VISITOR_DATA: Record<string, string> = {
  api_request_log: 'addresses of API callers (staff and integrations, by key), anonymised per settings and trimmed by retention',
  api_key_ip_whitelist: 'networks an API key may be used from: configuration',
  crm_person: "a Twenty person's name and salted email hash, learned from the CRM: exported and erased with the person (crmPerson), by person id",
};

/**
 * Everything TrackFlow holds about a person, found from their visitor ids and Twenty person ids.
 * Tables are listed here and nowhere else, so export and erasure cannot drift apart.
 */
@Injectable()
export class PrivacyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The visitors behind any of the identifiers, with every visitor merged into them or they into, and the people they became. */
  async resolve(workspaceId: string, seeds: { visitorIds: string[]; personIds: string[]; emailHashes: string[]; externalIds: string[] }): Promise<DataSubject> {
    const rows: { visitor_id: string; person_id: string | null }[] = await this.dataSource.query(
      `WITH RECURSIVE seed AS (
         SELECT visitor_id, merged_into_visitor_id FROM trackflow.visitor
          WHERE workspace_id = $1
            AND (visitor_id = ANY($2::text[]) OR person_id = ANY($3::text[]) OR email_hash = ANY($4::text[]) OR external_id = ANY($5::text[]))
       ), family AS (
         SELECT visitor_id FROM seed
         UNION SELECT merged_into_visitor_id FROM seed WHERE merged_into_visitor_id IS NOT NULL
         UNION SELECT v.visitor_id FROM trackflow.visitor v JOIN family f ON v.workspace_id = $1 AND v.merged_into_visitor_id = f.visitor_id
       )
       SELECT v.visitor_id, v.person_id FROM trackflow.visitor v WHERE v.workspace_id = $1 AND v.visitor_id IN (SELECT visitor_id FROM family)`,
      [workspaceId, seeds.visitorIds, seeds.personIds, seeds.emailHashes, seeds.externalIds],
    );
    const visitorIds = [...new Set([...rows.map((row) => row.visitor_id)])];
    const personIds = [...new Set([...seeds.personIds, ...rows.map((row) => row.person_id).filter((id): id is string => id !== null)])];
    return { visitorIds, personIds };
  }

  async export(workspaceId: string, subject: DataSubject): Promise<Record<string, unknown[]>> {
    const conversions = `SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND (visitor_id = ANY($2::text[]) OR person_id = ANY($3::text[]))`;
    const queries: Record<string, string> = {
      visitors: `SELECT * FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = ANY($2::text[]) ORDER BY first_seen`,
      sessions: `SELECT * FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = ANY($2::text[]) ORDER BY session_start`,
      events: `SELECT * FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = ANY($2::text[]) ORDER BY "timestamp"`,
      clicks: `SELECT * FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = ANY($2::text[]) ORDER BY click_timestamp`,
      conversions: `SELECT * FROM trackflow.conversion WHERE id IN (${conversions}) ORDER BY conversion_date`,
      dealAttributions: `SELECT * FROM trackflow.deal_attribution WHERE workspace_id = $1 AND (conversion_id IN (${conversions})
                           OR click_event_id IN (SELECT id FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])))`,
      leadStatusChanges: `SELECT * FROM trackflow.lead_status_change WHERE workspace_id = $1 AND person_id = ANY($3::text[])`,
      crmPerson: `SELECT * FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = ANY($3::text[])`,
      pendingLeads: `SELECT * FROM trackflow.pending_lead WHERE workspace_id = $1 AND person->>'visitorId' = ANY($2::text[])`,
      crmDealsAsContact: `SELECT * FROM trackflow.crm_deal WHERE workspace_id = $1 AND point_of_contact_id = ANY($3::text[])`,
      twentyDeliveries: `SELECT * FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND record_id = ANY($3::text[])`,
    };
    const exported: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(queries)) exported[name] = await this.dataSource.query(...bind(sql, workspaceId, subject));
    return exported;
  }

  /**
   * Deletes in one transaction, derived rows first: attribution rows of the person's conversions or
   * clicks, the conversions, then the visitors (sessions, events and clicks go with them by cascade).
   * Link and campaign counters stay: they are anonymous aggregates.
   */
  async erase(workspaceId: string, subject: DataSubject): Promise<ErasedCounts> {
    return this.dataSource.transaction(async (manager) => {
      const counts: ErasedCounts = {};
      const count = async (name: string, sql: string) => {
        counts[name] = Number((await manager.query(...bind(sql, workspaceId, subject)))[1] ?? 0);
      };
      await this.countCascaded(manager, workspaceId, subject, counts);
      const conversions = `SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND (visitor_id = ANY($2::text[]) OR person_id = ANY($3::text[]))`;
      const clicks = `SELECT id FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])`;
      await count('dealAttributions', `DELETE FROM trackflow.deal_attribution WHERE workspace_id = $1 AND (conversion_id IN (${conversions}) OR click_event_id IN (${clicks}))`);
      await count('conversions', `DELETE FROM trackflow.conversion WHERE id IN (${conversions})`);
      await count('leadStatusChanges', `DELETE FROM trackflow.lead_status_change WHERE workspace_id = $1 AND person_id = ANY($3::text[])`);
      await count('crmPerson', `DELETE FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = ANY($3::text[])`);
      await count('pendingLeads', `DELETE FROM trackflow.pending_lead WHERE workspace_id = $1 AND person->>'visitorId' = ANY($2::text[])`);
      await count('twentyDeliveries', `DELETE FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND record_id = ANY($3::text[])`);
      // The deal is the company's, not the person's: it stays, without naming them.
      await count('crmDealsUnlinked', `UPDATE trackflow.crm_deal SET point_of_contact_id = NULL WHERE workspace_id = $1 AND point_of_contact_id = ANY($3::text[])`);
      // The visitors themselves last: merged visitors point at the one they joined, so delete those first.
      await manager.query(...bind(`UPDATE trackflow.visitor SET merged_into_visitor_id = NULL WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])`, workspaceId, subject));
      await count('visitors', `DELETE FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])`);
      return counts;
    });
  }

  async logErasure(workspaceId: string, apiKeyId: string | null, subjectKind: string, subjectHash: string, counts: ErasedCounts): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.privacy_erasure_log (workspace_id, api_key_id, subject_kind, subject_hash, deleted_counts) VALUES ($1, $2, $3, $4, $5)`,
      [workspaceId, apiKeyId, subjectKind, subjectHash, JSON.stringify(counts)],
    );
  }

  /** Sessions, events and clicks leave by cascade with their visitor; counted first so the log says how many. */
  private async countCascaded(manager: EntityManager, workspaceId: string, subject: DataSubject, counts: ErasedCounts): Promise<void> {
    for (const [table, { count, cascade }] of Object.entries(VISITOR_DATA_TABLES)) {
      if (!cascade) continue;
      const [row] = await manager.query(...bind(`SELECT count(*)::int AS count FROM trackflow.${table} WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])`, workspaceId, subject));
      counts[count] = row.count;
    }
  }
}
