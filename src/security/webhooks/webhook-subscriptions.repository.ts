import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { isUuid } from 'src/common/validation/input-rules';

export type WebhookSubscriptionRow = { id: string; workspaceId: string; apiKeyId: string; eventType: string; url: string; sealedSecret: string; active: boolean; createdAt: Date };
export type WebhookDeliveryRow = {
  id: string;
  subscriptionId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const SUBSCRIPTION_COLUMNS = `id, workspace_id AS "workspaceId", api_key_id AS "apiKeyId", event_type AS "eventType", webhook_url AS url, secret AS "sealedSecret", is_active AS active, created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", event_type AS "eventType", status, attempts, last_status_code AS "lastStatusCode", last_error AS "lastError", created_at AS "createdAt", finished_at AS "finishedAt"`;

/** Keys that still work: a revoked or expired key's webhooks stop with it. */
const ACTIVE_KEY_IDS = `SELECT id FROM trackflow.api_key WHERE workspace_id = $1 AND is_active AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;

/** API Key Webhook Event rows (subscriptions) and the delivery log. */
@Injectable()
export class WebhookSubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(row: Pick<WebhookSubscriptionRow, 'workspaceId' | 'apiKeyId' | 'eventType' | 'url' | 'sealedSecret'>): Promise<WebhookSubscriptionRow> {
    const [created]: WebhookSubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO trackflow.api_key_webhook_event (workspace_id, api_key_id, event_type, webhook_url, secret) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (api_key_id, event_type, webhook_url) DO UPDATE SET secret = EXCLUDED.secret, is_active = true, updated_at = now()
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [row.workspaceId, row.apiKeyId, row.eventType, row.url, row.sealedSecret],
    );
    return created;
  }

  list(workspaceId: string): Promise<WebhookSubscriptionRow[]> {
    return this.dataSource.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM trackflow.api_key_webhook_event WHERE workspace_id = $1 ORDER BY created_at, id`, [workspaceId]);
  }

  /** Subscriptions whose key still works: a revoked or expired key's webhooks stop with it. */
  findActive(workspaceId: string, eventType: string): Promise<WebhookSubscriptionRow[]> {
    return this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM trackflow.api_key_webhook_event
        WHERE workspace_id = $1 AND event_type = $2 AND is_active
          AND api_key_id IN (${ACTIVE_KEY_IDS})`,
      [workspaceId, eventType],
    );
  }

  /** Pauses or resumes a subscription; null when the workspace has no such subscription. */
  async setActive(workspaceId: string, id: string, active: boolean): Promise<WebhookSubscriptionRow | null> {
    if (!isUuid(id)) return null;
    const updated: unknown = await this.dataSource.query(
      `UPDATE trackflow.api_key_webhook_event SET is_active = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [workspaceId, id, active],
    );
    return returnedRows<WebhookSubscriptionRow>(updated)[0] ?? null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return returnedRows(await this.dataSource.query(`DELETE FROM trackflow.api_key_webhook_event WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id])).length > 0;
  }

  async insertDeliveries(workspaceId: string, subscriptionIds: string[], eventType: string, payload: unknown): Promise<string[]> {
    if (subscriptionIds.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.webhook_delivery (workspace_id, subscription_id, event_type, payload) SELECT $1, unnest($2::uuid[]), $3, $4 RETURNING id`,
      [workspaceId, subscriptionIds, eventType, JSON.stringify(payload)],
    );
    return rows.map((row) => row.id);
  }

  async findDelivery(id: string): Promise<(WebhookDeliveryRow & { workspaceId: string; payload: unknown; subscription: WebhookSubscriptionRow | null }) | null> {
    const [delivery] = await this.dataSource.query(`SELECT ${DELIVERY_COLUMNS}, workspace_id AS "workspaceId", payload FROM trackflow.webhook_delivery WHERE id = $1`, [id]);
    if (!delivery) return null;
    const [subscription] = await this.dataSource.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM trackflow.api_key_webhook_event WHERE id = $1 AND workspace_id = $2`, [delivery.subscriptionId, delivery.workspaceId]);
    return { ...delivery, subscription: subscription ?? null };
  }

  async recordAttempt(id: string, outcome: { status: WebhookDeliveryRow['status']; statusCode: number | null; error: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE trackflow.webhook_delivery SET attempts = attempts + 1, status = $2, last_status_code = $3, last_error = $4,
              finished_at = CASE WHEN $2 = 'pending' THEN NULL ELSE now() END WHERE id = $1`,
      [id, outcome.status, outcome.statusCode, outcome.error?.slice(0, 1000) ?? null],
    );
  }

  /**
   * A failed delivery made pending again, when its subscription is still active under a working key
   * (the rules a new event meets); null when it is not failed or its subscription cannot send.
   */
  async markFailedForResend(workspaceId: string, id: string): Promise<WebhookDeliveryRow | null> {
    if (!isUuid(id)) return null;
    const [row]: WebhookDeliveryRow[] = returnedRows(
      await this.dataSource.query(
        `UPDATE trackflow.webhook_delivery SET status = 'pending', finished_at = NULL
          WHERE workspace_id = $1 AND id = $2 AND status = 'failed'
            AND subscription_id IN (SELECT id FROM trackflow.api_key_webhook_event WHERE workspace_id = $1 AND is_active AND api_key_id IN (${ACTIVE_KEY_IDS}))
          RETURNING ${DELIVERY_COLUMNS}`,
        [workspaceId, id],
      ),
    );
    return row ?? null;
  }

  async findDeliveryStatus(workspaceId: string, id: string): Promise<WebhookDeliveryRow['status'] | null> {
    if (!isUuid(id)) return null;
    const [row]: { status: WebhookDeliveryRow['status'] }[] = await this.dataSource.query(`SELECT status FROM trackflow.webhook_delivery WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return row?.status ?? null;
  }

  listDeliveries(workspaceId: string, status: string | null, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM trackflow.webhook_delivery WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id LIMIT $3`,
      [workspaceId, status, limit],
    );
  }
}
