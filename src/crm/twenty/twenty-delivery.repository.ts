import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

export type DeliveryStatus = { lastDeliveryAt: Date | null; backlog: number; recentFailures: { eventName: string; recordId: string | null; receivedAt: Date; error: string }[] };

/** Owns trackflow.twenty_webhook_delivery: every verified delivery from Twenty, kept until its hooks have run. */
@Injectable()
export class TwentyDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The new delivery's id, or null when this delivery (by its key) is stored already. */
  async store(workspaceId: string, deliveryKey: string, event: TwentyWebhookEvent): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.twenty_webhook_delivery (workspace_id, delivery_key, event_name, record_id, event_date, payload) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (workspace_id, delivery_key) DO NOTHING RETURNING id`,
      [workspaceId, deliveryKey, event.eventName, event.record.id, event.eventDate, JSON.stringify(event)],
    );
    return rows[0]?.id ?? null;
  }

  async markQueued(workspaceId: string, deliveryId: string): Promise<void> {
    await this.dataSource.query(`UPDATE trackflow.twenty_webhook_delivery SET queued_at = now() WHERE id = $1 AND workspace_id = $2`, [deliveryId, workspaceId]);
  }

  /** The delivery's event while its hooks have yet to run; null once processed, or gone with its workspace. */
  async pendingEvent(workspaceId: string, deliveryId: string): Promise<TwentyWebhookEvent | null> {
    const [delivery]: { payload: TwentyWebhookEvent | null; processed_at: Date | null }[] = await this.dataSource.query(
      `SELECT payload, processed_at FROM trackflow.twenty_webhook_delivery WHERE id = $1 AND workspace_id = $2`,
      [deliveryId, workspaceId],
    );
    return delivery?.payload && !delivery.processed_at ? delivery.payload : null;
  }

  async markFailed(workspaceId: string, deliveryId: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE trackflow.twenty_webhook_delivery SET error = $3 WHERE id = $1 AND workspace_id = $2`, [deliveryId, workspaceId, error.slice(0, 2000)]);
  }

  /** The record it carried (names, emails, visitor ids) is kept no longer than it is needed. */
  async markProcessed(workspaceId: string, deliveryId: string): Promise<void> {
    await this.dataSource.query(`UPDATE trackflow.twenty_webhook_delivery SET processed_at = now(), error = NULL, payload = NULL WHERE id = $1 AND workspace_id = $2`, [deliveryId, workspaceId]);
  }

  /** Across workspaces, for the sweeper: deliveries no job carries (never queued, or queued long ago and neither processed nor failed). */
  async stranded(graceSeconds: number, lostJobMinutes: number, limit: number): Promise<{ workspaceId: string; deliveryId: string }[]> {
    const rows: { id: string; workspace_id: string }[] = await this.dataSource.query(
      `SELECT id, workspace_id FROM trackflow.twenty_webhook_delivery
       WHERE processed_at IS NULL AND payload IS NOT NULL AND received_at < now() - make_interval(secs => $1)
         AND (queued_at IS NULL OR (error IS NULL AND queued_at < now() - make_interval(mins => $2)))
       ORDER BY received_at LIMIT $3`,
      [graceSeconds, lostJobMinutes, limit],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, deliveryId: row.id }));
  }

  /** Whether a verified delivery reached this workspace (about this record, when one is named). */
  async anyRecorded(workspaceId: string, recordId?: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND ($2::text IS NULL OR record_id = $2) LIMIT 1`,
      [workspaceId, recordId ?? null],
    );
    return rows.length > 0;
  }

  /** When the last verified delivery arrived, how many wait to be processed, and the latest whose hooks failed. */
  async status(workspaceId: string, failures: number): Promise<DeliveryStatus> {
    const [totals]: { last_delivery_at: Date | null; backlog: number }[] = await this.dataSource.query(
      `SELECT max(received_at) AS last_delivery_at, (count(*) FILTER (WHERE processed_at IS NULL))::int AS backlog FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1`,
      [workspaceId],
    );
    const failed: { event_name: string; record_id: string | null; received_at: Date; error: string }[] = await this.dataSource.query(
      `SELECT event_name, record_id, received_at, error FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND error IS NOT NULL AND processed_at IS NULL ORDER BY received_at DESC LIMIT $2`,
      [workspaceId, failures],
    );
    return {
      lastDeliveryAt: totals.last_delivery_at,
      backlog: totals.backlog,
      recentFailures: failed.map((row) => ({ eventName: row.event_name, recordId: row.record_id, receivedAt: row.received_at, error: row.error })),
    };
  }
}
