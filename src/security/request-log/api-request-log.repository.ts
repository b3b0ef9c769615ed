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
}
