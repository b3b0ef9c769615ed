import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { Caller, restError, send, StandInWebhook, TwentyVersion } from './standin-types';
import type { RecordEvent } from './standin-records';

/** D2: Twenty's webhook job gives a target this long, then records a failure. */
const DELIVERY_TIMEOUT_MS = 5_000;
const PAGE_LIMIT = 1000;

/** One delivery as Twenty's audit log keeps it: the answer's status (0 for none) and, when it never left, why. */
export type DeliveryOutcome = { eventName: string; recordId: string; webhookId: string; status: number; error?: string };

/** D3: the addresses Twenty's outbound safe mode refuses to call (loopback, private, link-local, unique-local). */
function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number);
    return a === 127 || a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '::' || /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower);
}

/**
 * Webhook management (W1 to W5) and delivery (D1 to D3) as docs/twenty-contracts.md records
 * them: both paths, each version's answers, the API_KEYS_AND_WEBHOOKS permission, one signed POST
 * per record and webhook, never retried, and outbound safe mode.
 */
export class StandInWebhooks {
  readonly webhooks: StandInWebhook[] = [];
  /** D2: Twenty's audit of every delivery attempt; nothing is ever sent twice. */
  readonly deliveries: DeliveryOutcome[] = [];
  /** Exactly what was posted, for tests that replay a captured delivery as an attacker or a proxy would, with how it was answered and how fast (for benchmarks). */
  readonly sent: { webhookId: string; eventName: string; recordId: string; body: string; headers: Record<string, string>; outcome: DeliveryOutcome; answeredInMs?: number }[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** Where deliveries really go: registered target URLs name PUBLIC_BASE_URL, which tests serve on another port. */
  deliverTo: string | null = null;

  constructor(
    private readonly version: TwentyVersion,
    private readonly workspaceId: string,
    /** D3: OUTBOUND_HTTP_SAFE_MODE_ENABLED, on unless the Twenty admin turned it off. */
    public outboundSafeMode: boolean,
  ) {}

  route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>, caller: Caller, response: ServerResponse): void {
    // W5: every webhook route needs the API_KEYS_AND_WEBHOOKS flag on the caller's role.
    if (caller.kind === 'apiKey' && !caller.permissions.has('API_KEYS_AND_WEBHOOKS')) {
      return this.version === 'current'
        ? restError(response, 403, 'ForbiddenException', 'Entity performing the request does not have permission', 'PERMISSION_DENIED')
        : restError(response, 400, 'Error', 'Entity performing the request does not have permission', 'PERMISSION_DENIED');
    }
    const onCurrentPath = path.startsWith('/rest/metadata/');
    const id = /\/webhooks\/([^/]+)$/.exec(path)?.[1];
    if (method === 'GET' && !id) return this.list(query, onCurrentPath, response);
    if (method === 'GET' && id) return send(response, 200, this.webhooks.find((webhook) => webhook.id === id) ?? undefined);
    if (method === 'POST' && !id) return this.create(body, response);
    if (method === 'PATCH' && id) return this.update(id, body, response);
    if (method === 'DELETE' && id) return this.remove(id, response);
    restError(response, 404, 'NotFoundException', `Cannot ${method} ${path}`);
  }

  /** W1: newer Twenty pages the current path's list; the alias, and older versions, answer a bare array. */
  private list(query: URLSearchParams, onCurrentPath: boolean, response: ServerResponse): void {
    const all = [...this.webhooks].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (this.version === 'previous' || !onCurrentPath) return send(response, 200, all);
    const limit = Math.min(Number(query.get('limit') ?? PAGE_LIMIT), PAGE_LIMIT);
    const after = query.get('starting_after');
    const start = after ? all.findIndex((webhook) => webhook.id.toLowerCase() === after.toLowerCase()) + 1 : 0;
    const rest = after && start === 0 ? [] : all.slice(start);
    const page = rest.slice(0, limit);
    send(response, 200, { data: page, pageInfo: { hasNextPage: rest.length > page.length, hasPreviousPage: start > 0, startCursor: page[0]?.id ?? null, endCursor: page[page.length - 1]?.id ?? null }, totalCount: all.length });
  }

  /** W2: any http(s) URL is accepted, private ones too (safe mode acts only at delivery); the caller may set the secret. */
  private create(body: Record<string, unknown>, response: ServerResponse): void {
    const targetUrl = this.normalisedUrl(body.targetUrl);
    if (!targetUrl || !Array.isArray(body.operations)) return restError(response, 400, 'WorkspaceMigrationBuilderException', 'Multiple validation errors occurred while creating webhook');
    const webhook: StandInWebhook = {
      id: randomUUID(),
      targetUrl,
      operations: body.operations.map(String),
      secret: typeof body.secret === 'string' ? body.secret : randomBytes(32).toString('hex'),
      description: typeof body.description === 'string' ? body.description : null,
      createdAt: new Date().toISOString(),
    };
    this.webhooks.push(webhook);
    send(response, 201, this.present(webhook));
  }

  private update(id: string, body: Record<string, unknown>, response: ServerResponse): void {
    const webhook = this.webhooks.find((candidate) => candidate.id === id);
    if (!webhook) return this.notFound(response);
    if (body.targetUrl !== undefined) {
      const targetUrl = this.normalisedUrl(body.targetUrl);
      if (!targetUrl) return restError(response, 400, 'WorkspaceMigrationBuilderException', 'Multiple validation errors occurred while updating webhook');
      webhook.targetUrl = targetUrl;
    }
    if (Array.isArray(body.operations)) webhook.operations = body.operations.map(String);
    if (typeof body.description === 'string') webhook.description = body.description;
    if (typeof body.secret === 'string') webhook.secret = body.secret;
    send(response, 200, this.present(webhook));
  }

  /** W4: `true`; an unknown id is 404 WEBHOOK_NOT_FOUND now, 200 `false` in the previous version. */
  private remove(id: string, response: ServerResponse): void {
    const index = this.webhooks.findIndex((candidate) => candidate.id === id);
    if (index === -1) return this.version === 'previous' ? send(response, 200, false) : this.notFound(response);
    this.webhooks.splice(index, 1);
    send(response, 200, true);
  }

  private notFound(response: ServerResponse): void {
    return this.version === 'current' ? restError(response, 404, 'NotFoundException', 'Webhook not found', 'WEBHOOK_NOT_FOUND') : restError(response, 400, 'Error', 'Webhook not found', 'WEBHOOK_NOT_FOUND');
  }

  private normalisedUrl(value: unknown): string | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    try {
      const url = new URL(value.trim());
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
    } catch {
      return null;
    }
  }

  private present(webhook: StandInWebhook) {
    return { ...webhook, workspaceId: this.workspaceId, updatedAt: webhook.createdAt, deletedAt: null };
  }

  /** D1: one POST per record for each webhook whose operations name the event, its object or action with `*`, or `*.*`. */
  deliver({ eventName, object, record, updatedFields, caller }: RecordEvent): Promise<void> {
    const [objectName, action] = eventName.split('.');
    const accepted = new Set([eventName, `*.${action}`, `${objectName}.*`, '*.*']);
    const eventDate = new Date().toISOString();
    const sends = this.webhooks
      .filter((webhook) => webhook.operations.some((operation) => accepted.has(operation)))
      .map((webhook) => {
        const payload = {
          targetUrl: webhook.targetUrl,
          eventName,
          objectMetadata: { id: object.id, nameSingular: object.nameSingular },
          workspaceId: this.workspaceId,
          webhookId: webhook.id,
          eventDate,
          ...(caller.kind === 'user' ? { userId: caller.workspaceMemberId, workspaceMemberId: caller.workspaceMemberId } : {}),
          record,
          ...(updatedFields ? { updatedFields } : {}),
        };
        const delivery = this.post(webhook, eventName, String(record.id), JSON.stringify(payload)).finally(() => this.pending.delete(delivery));
        this.pending.add(delivery);
        return delivery;
      });
    return Promise.all(sends).then(() => undefined);
  }

  /** Resolves once every delivery started so far has been answered or has failed. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** D1 to D3: signed when the webhook has a secret; never retried; refused by safe mode for private targets, silently except in the audit. */
  private async post(webhook: StandInWebhook, eventName: string, recordId: string, body: string): Promise<void> {
    const target = this.deliverTo ?? webhook.targetUrl;
    const outcome: DeliveryOutcome = { eventName, recordId, webhookId: webhook.id, status: 0 };
    this.deliveries.push(outcome);
    if (this.outboundSafeMode && (await this.resolvesPrivate(target))) {
      outcome.error = 'Webhook URL resolves to a private/internal IP address';
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secret) {
      const timestamp = Date.now().toString();
      headers['x-twenty-webhook-timestamp'] = timestamp;
      headers['x-twenty-webhook-signature'] = createHmac('sha256', webhook.secret).update(`${timestamp}:${body}`).digest('hex');
      headers['x-twenty-webhook-nonce'] = randomBytes(16).toString('hex');
    }
    const sent: StandInWebhooks['sent'][number] = { webhookId: webhook.id, eventName, recordId, body, headers, outcome };
    this.sent.push(sent);
    const sentAt = performance.now();
    try {
      const answer = await fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      outcome.status = answer.status;
      await answer.arrayBuffer();
    } catch (error) {
      outcome.error = (error as Error).message;
    }
    sent.answeredInMs = performance.now() - sentAt;
  }

  private async resolvesPrivate(target: string): Promise<boolean> {
    const host = new URL(target).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return isPrivateAddress(host);
    try {
      return (await lookup(host, { all: true })).some(({ address }) => isPrivateAddress(address));
    } catch {
      return false;
    }
  }
}
