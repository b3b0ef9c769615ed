import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestLogPosition } from 'src/security/request-log/request-log-cursor.util';

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

/** A logged request as operators read it back. */
type LoggedRequest = Omit<ApiRequestLogRow, 'workspaceId'> & { id: string };

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

  /** A key's requests, newest first, from just after `after` (a page's last row); idx_api_request_log_key_time serves it. */
  async listForKey(workspaceId: string, apiKeyId: string, after: RequestLogPosition | null, limit: number): Promise<LoggedRequest[]> {
    return this.dataSource.query(
      `SELECT id, api_key_id AS "apiKeyId", endpoint, method, request_time AS "requestTime", response_code AS "responseCode", duration_ms AS "durationMs",
         host(ip_address) AS "ipAddress", request_data AS "requestData", response_data AS "responseData"
       FROM trackflow.api_request_log
       WHERE workspace_id = $1 AND api_key_id = $2 AND ($3::timestamptz IS NULL OR (request_time, id) < ($3, $4::uuid))
       ORDER BY request_time DESC, id DESC LIMIT $5`,
      [workspaceId, apiKeyId, after?.requestTime ?? null, after?.id ?? null, limit],
    );
  }
}
