import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { STANDARD_OBJECTS } from 'custom-objects/manifest.types';
import { AppManifest, StandInMetadata } from './standin-metadata';
import { StandInRecords } from './standin-records';
import { Caller, PermissionFlag, send, StandInObject, StandInWebhook, TwentyVersion } from './standin-types';
import { DeliveryOutcome, StandInWebhooks } from './standin-webhooks';

export type { TwentyVersion } from './standin-types';

/** The stages a new Twenty workspace's opportunities come with. */
const OPPORTUNITY_STAGES = ['NEW', 'SCREENING', 'MEETING', 'PROPOSAL', 'CUSTOMER'].map((value, position) => ({ id: randomUUID(), value, label: value, position, color: 'gray' }));
const ALL_FLAGS: PermissionFlag[] = ['DATA_MODEL', 'API_KEYS_AND_WEBHOOKS'];

export interface StandInOptions {
  version?: TwentyVersion;
  /** D3: Twenty's OUTBOUND_HTTP_SAFE_MODE_ENABLED, on by default; a Twenty on the same private network as TrackFlow needs it off. */
  outboundSafeMode?: boolean;
  /** R7: Twenty's API_RATE_LIMITING_* variables (defaults 100 a second and 100 a minute). */
  throttle?: { shortLimit: number; shortTtlMs: number; longLimit: number; longTtlMs: number };
}

type Bucket = { tokens: number; refilledAt: number };

/**
 * A strict imitation of the parts of Twenty's API that TrackFlow uses, built from the register
 * docs/twenty-contracts.md: each behaviour names its entry (A1 authentication, M* metadata,
 * R* records, W* webhook management, D* deliveries). It is a development tool: the tests and
 * `npm run demo` run TrackFlow against it. Failures can be injected.
 */
export class TwentyStandIn {
  readonly workspaceId = randomUUID();
  readonly apiKey: string;
  /** A signed-in Twenty user's token: what the tests use to act as staff in Twenty's UI. */
  readonly userToken = `twenty-user-${randomUUID()}`;
  readonly workspaceMemberId = randomUUID();
  /** Requests refused for the rate limit, for telling what a slow test spent its time on. */
  rateLimited = 0;
  /** Every API-key request received, for asserting what TrackFlow sent. */
  readonly requests: { method: string; path: string; query: string }[] = [];
  readonly version: TwentyVersion;
  private readonly metadataApi: StandInMetadata;
  private readonly recordApi: StandInRecords;
  private readonly webhookApi: StandInWebhooks;
  private readonly keys = new Map<string, { permissions: Set<PermissionFlag>; revoked: boolean }>();
  private readonly throttle: NonNullable<StandInOptions['throttle']>;
  private buckets: { short: Bucket; long: Bucket } | null = null;
  private injected: { status: number; remaining: number } | null = null;
  private server!: Server;
  url = '';

  private constructor(options: StandInOptions) {
    this.version = options.version ?? 'current';
    this.throttle = options.throttle ?? { shortLimit: 100, shortTtlMs: 1000, longLimit: 100, longTtlMs: 60_000 };
    this.apiKey = this.createApiKey(ALL_FLAGS);
    this.recordApi = new StandInRecords(() => this.metadataApi.objects, (event) => this.webhookApi.deliver(event));
    this.metadataApi = new StandInMetadata(this.version, (plural, field) => {
      if (!field) return void this.recordApi.store.delete(plural);
      for (const record of this.recordApi.table(plural).values()) delete record[field];
    });
    this.webhookApi = new StandInWebhooks(this.version, this.workspaceId, options.outboundSafeMode ?? true);
    this.metadataApi.addStandardObject('person', 'people', STANDARD_OBJECTS.person, [['name', 'FULL_NAME'], ['emails', 'EMAILS'], ['jobTitle', 'TEXT'], ['city', 'TEXT'], ['companyId', 'UUID']]);
    this.metadataApi.addStandardObject('opportunity', 'opportunities', STANDARD_OBJECTS.opportunity, [['name', 'TEXT'], ['amount', 'CURRENCY'], ['closeDate', 'DATE_TIME'], ['stage', 'SELECT', OPPORTUNITY_STAGES], ['pointOfContactId', 'UUID'], ['companyId', 'UUID']]);
    this.metadataApi.addStandardObject('company', 'companies', STANDARD_OBJECTS.company, [['name', 'TEXT'], ['domainName', 'LINKS'], ['employees', 'NUMBER']]);
  }

  static async start(options: StandInOptions = {}): Promise<TwentyStandIn> {
    const standIn = new TwentyStandIn(options);
    standIn.server = createServer((request, response) => void standIn.route(request, response));
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get objects(): StandInObject[] {
    return this.metadataApi.objects;
  }

  get webhooks(): StandInWebhook[] {
    return this.webhookApi.webhooks;
  }

  get records(): Map<string, Map<string, Record<string, unknown>>> {
    return this.recordApi.store;
  }

  /** D2: every delivery attempt as Twenty's audit keeps it. */
  get deliveries(): DeliveryOutcome[] {
    return this.webhookApi.deliveries;
  }

  get sentDeliveries(): StandInWebhooks['sent'] {
    return this.webhookApi.sent;
  }

  set deliverTo(url: string | null) {
    this.webhookApi.deliverTo = url;
  }

  set outboundSafeMode(on: boolean) {
    this.webhookApi.outboundSafeMode = on;
  }

  object(nameSingular: string): StandInObject | undefined {
    return this.metadataApi.object(nameSingular);
  }

  /** An API key whose role holds these permission flags (W5, M6). */
  createApiKey(permissions: PermissionFlag[]): string {
    const token = `twenty-key-${randomUUID()}`;
    this.keys.set(token, { permissions: new Set(permissions), revoked: false });
    return token;
  }

  revokeApiKey(token: string): void {
    const key = this.keys.get(token);
    if (key) key.revoked = true;
  }

  /** M7: what installing (or upgrading) a Twenty app does to the data model; throws as Twenty's sync fails. */
  installApplication(manifest: AppManifest): void {
    this.metadataApi.syncApplication(manifest);
  }

  /** Starts the workspace's rate-limit buckets full: for a test that stands for a later day than the setup it ran. */
  forgetRateLimits(): void {
    this.buckets = null;
  }

  /** A request made as a person using Twenty (its UI, its imports): not TrackFlow's traffic, so not in `requests` and never throttled (R7). */
  asUser(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.userToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The next `count` API-key requests are answered with `status`, in Twenty's envelope (a 429 as the throttle's, without Retry-After). */
  failNext(status: number, count: number): void {
    this.injected = { status, remaining: count };
  }

  /** Resolves once every webhook delivery started so far has been answered (Twenty sends them after answering the API call). */
  deliveriesSent(): Promise<void> {
    return this.webhookApi.settled();
  }

  /** A1: the bearer token names an API key (with its role's flags) or a signed-in user; anything else is refused before any route. */
  private authenticate(request: IncomingMessage, response: ServerResponse): Caller | null {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      send(response, this.version === 'current' ? 401 : 403, { statusCode: this.version === 'current' ? 401 : 403, messages: ['Missing authentication token'], error: this.version === 'current' ? 'UNAUTHENTICATED' : 'FORBIDDEN_EXCEPTION' });
      return null;
    }
    if (token === this.userToken) return { kind: 'user', workspaceMemberId: this.workspaceMemberId };
    const key = this.keys.get(token);
    if (!key) {
      send(response, 401, { statusCode: 401, messages: ['Token invalid.'], error: 'UNAUTHENTICATED' });
      return null;
    }
    if (key.revoked) {
      send(response, 403, { statusCode: 403, messages: ['This API Key is revoked'], error: 'FORBIDDEN_EXCEPTION' });
      return null;
    }
    return { kind: 'apiKey', token, permissions: key.permissions };
  }

  /** R7: one pair of token buckets for the whole workspace, spent by API keys on record routes only. */
  private throttled(): string | null {
    const now = Date.now();
    this.buckets ??= { short: { tokens: this.throttle.shortLimit, refilledAt: now }, long: { tokens: this.throttle.longLimit, refilledAt: now } };
    for (const [bucket, limit, ttl] of [
      [this.buckets.short, this.throttle.shortLimit, this.throttle.shortTtlMs],
      [this.buckets.long, this.throttle.longLimit, this.throttle.longTtlMs],
    ] as const) {
      const refill = Math.floor((now - bucket.refilledAt) * (limit / ttl));
      if (refill > 0) Object.assign(bucket, { tokens: Math.min(limit, bucket.tokens + refill), refilledAt: now });
      if (bucket.tokens < 1) return `Limit reached (${limit} tokens per ${ttl} ms)`;
    }
    this.buckets.short.tokens -= 1;
    this.buckets.long.tokens -= 1;
    return null;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://standin');
    const path = url.pathname;
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    const caller = this.authenticate(request, response);
    if (!caller) return;
    const method = request.method ?? 'GET';
    if (caller.kind === 'apiKey') this.requests.push({ method, path, query: url.search });
    const isRecordRoute = path.startsWith('/rest/') && !/^\/rest\/(metadata\/)?webhooks(\/|$)/.test(path);
    if (caller.kind === 'apiKey' && isRecordRoute) {
      const limited = this.throttled();
      if (limited) {
        this.rateLimited += 1;
        return send(response, 429, { statusCode: 429, error: 'HttpException', messages: [limited] });
      }
    }
    if (caller.kind === 'apiKey' && this.injected && this.injected.remaining > 0) {
      this.injected.remaining -= 1;
      const status = this.injected.status;
      return send(response, status, { statusCode: status, error: status === 429 ? 'HttpException' : 'InternalServerErrorException', messages: [status === 429 ? 'Limit reached (100 tokens per 60000 ms)' : 'injected failure'] });
    }
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return send(response, 400, { statusCode: 400, error: 'BadRequestException', messages: ['Unexpected token in JSON'] });
    }
    if (method === 'POST' && path === '/metadata') {
      const answer = await this.metadataApi.handle((body ?? {}) as Record<string, unknown>, caller, /application\/json/.test(request.headers.accept ?? ''));
      return send(response, answer.status, answer.body);
    }
    if (/^\/rest\/(metadata\/)?webhooks(\/[^/]+)?$/.test(path)) return this.webhookApi.route(method, path, url.searchParams, (body ?? {}) as Record<string, unknown>, caller, response);
    if (path.startsWith('/rest/')) return this.recordApi.route(method, path, url.searchParams, body, caller, response);
    send(response, 404, { statusCode: 404, error: 'NotFoundException', messages: [`Cannot ${method} ${path}`] });
  }
}
