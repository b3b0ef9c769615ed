import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type ApiRequestLogRow = {
  workspaceId: string;
  apiKeyId: string | null;
  endpoint: string;
  method: string;
  requestTime: Date;
  responseCode: number;
  durationMs: number;
  ipAddress: string | null;
  requestData: string | null;
  responseData: string | null;
};

const COLUMNS = 10;

@Injectable()
export class ApiRequestLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement for a whole batch: the log must not cost a round trip per API request. */
  async insertMany(rows: ApiRequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((_row, index) => `(${Array.from({ length: COLUMNS }, (_unused, column) => `$${index * COLUMNS + column + 1}`).join(', ')})`);
    await this.dataSource.query(
      `INSERT INTO trackflow.api_request_log (workspace_id, api_key_id, endpoint, method, request_time, response_code, duration_ms, ip_address, request_data, response_data) VALUES ${values.join(', ')}`,
      rows.flatMap((row) => [row.workspaceId, row.apiKeyId, row.endpoint, row.method, row.requestTime, row.responseCode, row.durationMs, row.ipAddress, row.requestData, row.responseData]),
    );
  }

  /** Deletes in slices so a large backlog never holds one long transaction over the table. */
  async deleteOlderThan(cutoff: Date, sliceSize = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const result: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM trackflow.api_request_log WHERE id IN (SELECT id FROM trackflow.api_request_log WHERE request_time < $1 LIMIT $2)`,
        [cutoff, sliceSize],
      );
      total += result[1];
      if (result[1] < sliceSize) return total;
    }
  }
}
