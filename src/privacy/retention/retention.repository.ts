import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';
import type { RetentionPeriod } from 'src/privacy/retention/retention-periods.util';

type RetainedTableSpec = { period: RetentionPeriod; age: string; only?: string };

/** The tables whose rows age out one by one: their period, the column their age is read from, and which rows may go. Fixed names, never input. */
export const RETAINED_TABLES = {
  click_event: { period: 'clickEventDays', age: 'click_timestamp' },
  visitor_event: { period: 'visitorEventDays', age: '"timestamp"' },
  visitor_session: { period: 'visitorSessionDays', age: 'session_start' },
  api_request_log: { period: 'apiRequestLogDays', age: 'request_time' },
  // A pending delivery is still being tried.
  webhook_delivery: { period: 'webhookDeliveryDays', age: 'created_at', only: `status <> 'pending'` },
  // An unprocessed delivery is work still to do (its payload is gone once processed).
  twenty_webhook_delivery: { period: 'webhookDeliveryDays', age: 'received_at', only: 'processed_at IS NOT NULL' },
} as const satisfies Record<string, RetainedTableSpec>;

export type RetainedTable = keyof typeof RETAINED_TABLES;

// Small batches keep each delete's locks and WAL short while traffic goes on.
const BATCH = 5000;

@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM trackflow.workspace ORDER BY id`);
    return rows.map((row) => row.id);
  }

  /** Deletes the workspace's rows of `table` older than `before`, a batch per statement; returns how many. */
  deleteOlderThan(table: RetainedTable, workspaceId: string, before: Date): Promise<number> {
    const { age, only }: RetainedTableSpec = RETAINED_TABLES[table];
    return this.inBatches(
      // The age column too, so that on a partitioned table each row is found in its month's partition.
      `DELETE FROM trackflow.${table} WHERE (id, ${age}) IN (
         SELECT id, ${age} FROM trackflow.${table} WHERE workspace_id = $1 AND ${age} < $2 ${only ? `AND ${only}` : ''} LIMIT ${BATCH}) RETURNING id`,
      [workspaceId, before],
    );
  }

  /**
   * Deletes the visitors nothing has kept since `before`, with their sessions, events and clicks (by
   * cascade). A visitor and those merged into it (one step: identify moves earlier merges along)
   * are one person: they go together, and only when none of them was seen since, became a Twenty
   * person or converted.
   */
  deleteInactiveVisitors(workspaceId: string, before: Date): Promise<number> {
    return this.inBatches(
      `WITH doomed AS (
         SELECT c.visitor_id FROM trackflow.visitor c
         WHERE c.workspace_id = $1 AND c.last_seen < $2 AND c.merged_into_visitor_id IS NULL AND c.person_id IS NULL AND NOT c.has_converted
           AND (c.last_activity IS NULL OR c.last_activity < $2) AND c.conversion_count = 0
           AND NOT EXISTS (SELECT 1 FROM trackflow.conversion k WHERE k.workspace_id = $1 AND k.visitor_id = c.visitor_id)
           AND NOT EXISTS (
             SELECT 1 FROM trackflow.visitor m
             WHERE m.workspace_id = $1 AND m.merged_into_visitor_id = c.visitor_id
               AND (GREATEST(m.last_seen, m.last_activity) >= $2 OR m.person_id IS NOT NULL OR m.has_converted OR m.conversion_count > 0))
         LIMIT ${BATCH}),
       merged AS (DELETE FROM trackflow.visitor v USING doomed d WHERE v.workspace_id = $1 AND v.merged_into_visitor_id = d.visitor_id RETURNING v.visitor_id),
       survivors AS (DELETE FROM trackflow.visitor v USING doomed d WHERE v.workspace_id = $1 AND v.visitor_id = d.visitor_id RETURNING v.visitor_id)
       SELECT visitor_id FROM merged UNION ALL SELECT visitor_id FROM survivors`,
      [workspaceId, before],
    );
  }

  private async inBatches(sql: string, params: unknown[]): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = returnedRows<unknown>(await this.dataSource.query(sql, params));
      deleted += rows.length;
      if (rows.length < BATCH) return deleted;
    }
  }
}
