import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';

/** The tables with a retention period and the column their age is read from; fixed names, never input. */
export const RETAINED_TABLES = {
  click_event: 'click_timestamp',
  visitor_event: '"timestamp"',
  visitor_session: 'session_start',
  api_request_log: 'request_time',
} as const;

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
  async deleteOlderThan(table: RetainedTable, workspaceId: string, before: Date): Promise<number> {
    const column = RETAINED_TABLES[table];
    let deleted = 0;
    for (;;) {
      const rows = returnedRows<{ id: string }>(
        await this.dataSource.query(
          `DELETE FROM trackflow.${table} WHERE id IN (SELECT id FROM trackflow.${table} WHERE workspace_id = $1 AND ${column} < $2 LIMIT ${BATCH}) RETURNING id`,
          [workspaceId, before],
        ),
      );
      deleted += rows.length;
      if (rows.length < BATCH) return deleted;
    }
  }
}
