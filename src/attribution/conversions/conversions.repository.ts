import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LAST_CLICK_OF_CONVERSION } from 'src/analytics/credits/last-click.sql';
import { ConversionType } from 'src/attribution/conversions/conversion.dto';
import { Reads } from 'src/common/database/read-replica.service';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { inTransaction, Transaction } from 'src/common/database/transaction';
import { isUuid } from 'src/common/validation/input-rules';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';

export interface ConversionRecord {
  id: string;
  workspaceId: string;
  conversionType: ConversionType;
  visitorId: string | null;
  personId: string | null;
  opportunityId: string | null;
  valueMicros: bigint;
  currencyCode: string;
  convertedAt: Date;
  /** The link of the click the conversion is credited to (last click), as known when it was recorded. */
  trackedLinkId: string | null;
  /** The first touch's UTMs: the earliest of its visitors (or its person's) that came with a source. */
  firstTouch: { source: string | null; medium: string | null; campaign: string | null };
}

type ConversionRow = {
  id: string;
  workspace_id: string;
  conversion_type: ConversionType;
  visitor_id: string | null;
  person_id: string | null;
  opportunity_id: string | null;
  value_micros: string;
  currency_code: string;
  conversion_date: Date;
  tracked_link_id: string | null;
  source_source: string | null;
  source_medium: string | null;
  source_campaign: string | null;
};

type NewConversion = Omit<ConversionRecord, 'id' | 'workspaceId' | 'trackedLinkId' | 'firstTouch'> & { idempotencyKey: string | null };

const toRecord = (row: ConversionRow): ConversionRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  conversionType: row.conversion_type,
  visitorId: row.visitor_id,
  personId: row.person_id,
  opportunityId: row.opportunity_id,
  valueMicros: BigInt(row.value_micros),
  currencyCode: row.currency_code,
  convertedAt: row.conversion_date,
  trackedLinkId: row.tracked_link_id,
  firstTouch: { source: row.source_source, medium: row.source_medium, campaign: row.source_campaign },
});

/**
 * Sets a conversion's link and first-touch source from the clicks and visitors known now. The link
 * is the one its credit names (LAST_CLICK_OF_CONVERSION, also used by the rollups), so the two agree.
 */
const WITH_TOUCHES = `
  UPDATE trackflow.conversion target SET tracked_link_id = k.tracked_link_id, source_source = f.source, source_medium = f.medium, source_campaign = f.campaign
  FROM trackflow.conversion c
  LEFT JOIN trackflow.trackflow_settings st ON st.workspace_id = c.workspace_id
  LEFT JOIN LATERAL (${LAST_CLICK_OF_CONVERSION}) k ON true
  LEFT JOIN LATERAL (
    SELECT v.source, v.medium, v.campaign FROM trackflow.visitor v
    WHERE v.workspace_id = c.workspace_id AND (v.visitor_id = c.visitor_id OR v.person_id = c.person_id)
      AND v.source IS NOT NULL AND v.first_seen <= c.conversion_date AND NOT v.is_bot AND NOT v.is_internal
    ORDER BY v.first_seen, v.visitor_id LIMIT 1) f ON true
  WHERE c.workspace_id = $1 AND c.id = $2 AND target.id = c.id
  RETURNING target.*`;

/**
 * Leads are unique per person, deals per opportunity and other conversions per idempotency key:
 * recording one again updates it (a deal's amount changes as it progresses) instead of counting twice.
 */
function conflictTarget(conversion: NewConversion): string | null {
  if (conversion.conversionType === 'lead') return `(workspace_id, person_id) WHERE conversion_type = 'lead'`;
  if (conversion.conversionType === 'deal') return `(workspace_id, opportunity_id) WHERE conversion_type = 'deal'`;
  return conversion.idempotencyKey ? `(workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL` : null;
}

@Injectable()
export class ConversionsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly visitors: VisitorIdentityService,
  ) {}

  async findOne(workspaceId: string, id: string): Promise<ConversionRecord | null> {
    if (!isUuid(id)) return null;
    const rows: ConversionRow[] = await this.dataSource.query(`SELECT * FROM trackflow.conversion WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A person's conversions, also those recorded only under a visitor who became them; oldest first. */
  async listForPerson(workspaceId: string, personId: string, transaction?: Transaction): Promise<ConversionRecord[]> {
    const rows: ConversionRow[] = await (transaction ?? this.dataSource.manager).query(
      `SELECT c.* FROM trackflow.conversion c
       WHERE c.workspace_id = $1 AND (c.person_id = $2 OR c.visitor_id IN (SELECT visitor_id FROM trackflow.visitor WHERE workspace_id = $1 AND person_id = $2))
       ORDER BY c.conversion_date, c.id`,
      [workspaceId, personId],
    );
    return rows.map(toRecord);
  }

  /** The deal conversion of an opportunity, recorded once it was won. */
  async findDeal(workspaceId: string, opportunityId: string, transaction?: Transaction): Promise<ConversionRecord | null> {
    const rows: ConversionRow[] = await (transaction ?? this.dataSource.manager).query(
      `SELECT * FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_type = 'deal' AND opportunity_id = $2`,
      [workspaceId, opportunityId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Deletes a conversion with what hangs on it (its credits and deal attribution rows go with it);
   * returns the ids of those deal attribution rows, whose copies elsewhere must go too.
   */
  async delete(workspaceId: string, id: string, transaction?: Transaction): Promise<string[]> {
    return inTransaction(this.dataSource, transaction, async (manager) => {
      const attributions: { id: string }[] = await manager.query(`SELECT id FROM trackflow.deal_attribution WHERE workspace_id = $1 AND conversion_id = $2`, [workspaceId, id]);
      await manager.query(`DELETE FROM trackflow.conversion WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      return attributions.map((row) => row.id);
    });
  }

  /** At most `limit` of them when given (a report's bound), oldest first. */
  async listBetween(workspaceId: string, from: Date, to: Date, limit?: number, reads: Reads = this.dataSource): Promise<ConversionRecord[]> {
    const rows: ConversionRow[] = await reads.query(
      `SELECT * FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_date >= $2 AND conversion_date < $3 ORDER BY conversion_date, id LIMIT $4`,
      [workspaceId, from, to, limit ?? null],
    );
    return rows.map(toRecord);
  }

  /** The visitor row is created if the tracker has not reported it yet: its id came from our own cookie. */
  async upsert(workspaceId: string, conversion: NewConversion, transaction?: Transaction): Promise<ConversionRecord> {
    return inTransaction(this.dataSource, transaction, async (manager) => {
      if (conversion.visitorId) await this.visitors.ensureConverting(manager, workspaceId, conversion.visitorId, conversion.convertedAt, conversion.personId);
      const target = conflictTarget(conversion);
      const rows: (ConversionRow & { inserted: boolean })[] = await manager.query(
        `INSERT INTO trackflow.conversion (workspace_id, conversion_type, visitor_id, person_id, opportunity_id, value_micros, currency_code, conversion_date, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ${target ? `ON CONFLICT ${target} DO UPDATE SET value_micros = EXCLUDED.value_micros, currency_code = EXCLUDED.currency_code,
           visitor_id = COALESCE(EXCLUDED.visitor_id, trackflow.conversion.visitor_id), person_id = COALESCE(EXCLUDED.person_id, trackflow.conversion.person_id),
           conversion_date = LEAST(trackflow.conversion.conversion_date, EXCLUDED.conversion_date), updated_at = now()` : ''}
         RETURNING *, (xmax = 0) AS inserted`,
        [workspaceId, conversion.conversionType, conversion.visitorId, conversion.personId, conversion.opportunityId, conversion.valueMicros.toString(), conversion.currencyCode, conversion.convertedAt, conversion.idempotencyKey],
      );
      const [row] = rows;
      // Recorded again (a deal's amount changed), it is read again: clicks may have arrived since.
      const [touched] = returnedRows<ConversionRow>(await manager.query(WITH_TOUCHES, [workspaceId, row.id]));
      if (row.visitor_id) await this.visitors.countConversion(manager, workspaceId, row.visitor_id, row.inserted, row.conversion_date);
      return toRecord(touched);
    });
  }
}
