import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { HttpFailure, RawHttpHandler, readRawBody, sendJson } from 'src/common/http/raw-http.util';
import { RawRoutes } from 'src/common/http/raw-route.decorator';
import { clientIp } from 'src/common/http/request-origin.util';
import { AppConfig } from 'src/config/app-config';
import { CrmWorkerService } from 'src/crm/crm-worker.service';
import { TwentyConnection, TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyDeliveryRepository } from 'src/crm/twenty/twenty-delivery.repository';
import { deliveryKey, parseTwentyWebhook, TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyTwentyWebhook } from 'src/crm/twenty/webhook-signature.util';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';

const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /webhooks/twenty, served from node:http so the signature is checked over the exact bytes
 * Twenty signed. Answers fast: the delivery is recorded once (a repeated one, say from a proxy, is
 * acknowledged as a duplicate) and queued; the hooks run in the worker.
 */
@Injectable()
@RawRoutes({
  public: "Twenty calls it; each delivery must carry the webhook secret's HMAC signature",
  routes: [{ path: '/webhooks/twenty', methods: ['POST'] }],
  refusal: 'Twenty delivers webhooks with POST',
  failureLog: 'webhook failed',
})
export class TwentyWebhookHandler implements RawHttpHandler {
  private readonly logger = new Logger(TwentyWebhookHandler.name);

  constructor(
    private readonly worker: CrmWorkerService,
    private readonly connections: TwentyConnectionService,
    private readonly deliveries: TwentyDeliveryRepository,
    private readonly rateLimiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readRawBody(request, MAX_WEBHOOK_BYTES);
    const { connection, event } = await this.verified(request, raw).catch((refusal: unknown) => this.limitRefusedSender(request, refusal));
    const accepted = await this.recordAndQueue(connection.workspaceId, event);
    sendJson(response, 200, { received: true, duplicate: !accepted });
  }

  /** The delivery, if it is well formed, names a connection of ours, carries that connection's signature and comes from its Twenty workspace. */
  private async verified(request: IncomingMessage, raw: Buffer): Promise<{ connection: TwentyConnection; event: TwentyWebhookEvent }> {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ValidationFailure('body', 'must be valid JSON');
    }
    const event = parseTwentyWebhook(body);
    const connection = await this.connections.findByWebhook(event.webhookId);
    if (!connection) throw new HttpFailure(404, { field: 'webhookId', message: `no TrackFlow workspace registered Twenty webhook ${event.webhookId}` });
    const verdict = verifyTwentyWebhook(connection.webhookSecret, header(request, TIMESTAMP_HEADER), header(request, SIGNATURE_HEADER), raw, Date.now());
    if (!verdict.ok) throw new HttpFailure(401, { message: `webhook refused: ${verdict.reason}` });
    if (!(await this.connections.rememberTwentyWorkspace(connection.workspaceId, event.workspaceId))) {
      throw new HttpFailure(404, { field: 'workspaceId', message: `webhook ${event.webhookId} belongs to another Twenty workspace than ${event.workspaceId}` });
    }
    return { connection, event };
  }

  /**
   * Twenty never retries a delivery (docs/twenty-contracts.md, D2), so a verified one is never
   * refused for rate; only refused requests count, which cuts floods of forged deliveries short.
   * Fails open like the redirect when Redis is down.
   */
  private async limitRefusedSender(request: IncomingMessage, refusal: unknown): Promise<never> {
    const limit = this.config.twentyWebhookRateLimitPerMinute;
    const verdict = await this.rateLimiter.hit(`twenty-webhook:${clientIp(request, this.config.trustProxy) ?? 'unknown'}`, limit, 60).catch(() => null);
    if (verdict && !verdict.allowed) throw new HttpFailure(429, { message: `at most ${limit} refused webhook deliveries a minute from one address` }, { 'Retry-After': String(verdict.retryAfterSeconds) });
    throw refusal;
  }

  /**
   * Stores the delivery (once: a repeat of the same change is acknowledged as a duplicate), then
   * queues it. Twenty has its 2xx as soon as the row is committed; when Redis is down or slow the
   * job is queued later by CrmWorkerService's sweep, so Redis trouble delays a change, never loses it.
   */
  private async recordAndQueue(workspaceId: string, event: TwentyWebhookEvent): Promise<boolean> {
    const deliveryId = await this.deliveries.store(workspaceId, deliveryKey(event), event);
    if (deliveryId === null) return false;
    await this.worker.queueDelivery({ workspaceId, deliveryId }).catch((error: Error) => this.logger.warn(`delivery ${deliveryId} stored; queueing it waits for Redis (${error.message})`));
    return true;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
