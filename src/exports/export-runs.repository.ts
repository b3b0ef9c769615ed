import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';

export const EXPORT_TYPES = ['OFFLINE_CONVERSIONS', 'DAILY_ANALYTICS', 'EVENT_DATA'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];
export type ExportStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ExportRunRecord {
  id: string;
  exportType: ExportType;
  status: ExportStatus;
  exportDate: string;
  startTime: Date;
  endTime: Date | null;
  recordsProcessed: number;
  destination: string;
  error: string | null;
}

const COLUMNS = `id, export_type AS "exportType", status, to_char(export_date, 'YYYY-MM-DD') AS "exportDate", start_time AS "startTime", end_time AS "endTime",
  records_processed AS "recordsProcessed", destination, error`;

/** Owns trackflow.export_run: each scheduled export's kind of file, per workspace and day, from running to its end. */
@Injectable()
export class ExportRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async start(workspaceId: string, exportType: ExportType, exportDate: string, destination: string): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.export_run (workspace_id, export_type, status, export_date, destination) VALUES ($1, $2, 'RUNNING', $3, $4) RETURNING id`,
      [workspaceId, exportType, exportDate, destination],
    );
    return row.id;
  }

  async finish(workspaceId: string, id: string, outcome: { recordsProcessed: number } | { error: string }): Promise<ExportRunRecord> {
    const failed = 'error' in outcome;
    const [row] = returnedRows<ExportRunRecord>(
      await this.dataSource.query(
        `UPDATE trackflow.export_run SET status = $3, end_time = now(), records_processed = $4, error = $5 WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [workspaceId, id, failed ? 'FAILED' : 'COMPLETED', failed ? 0 : outcome.recordsProcessed, failed ? outcome.error : null],
      ),
    );
    return row;
  }

  /** The latest runs first. */
  list(workspaceId: string, limit: number): Promise<ExportRunRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM trackflow.export_run WHERE workspace_id = $1 ORDER BY start_time DESC, id LIMIT $2`, [workspaceId, limit]);
  }

  /** Every workspace the scheduled export writes for. */
  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM trackflow.workspace ORDER BY id`);
    return rows.map((row) => row.id);
  }
}
