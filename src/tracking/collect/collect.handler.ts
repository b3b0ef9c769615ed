import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isHttps } from 'src/common/http/request-origin.util';
import { GroupCommitter } from 'src/common/queue/group-committer';
import { Jobs } from 'src/common/queue/jobs.service';
import { HttpFailure, RawHttpHandler, RawRequest, readRawBody, sendJson } from 'src/common/http/raw-http.util';
import { RawRoutes } from 'src/common/http/raw-route.decorator';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { AppConfig } from 'src/config/app-config';
import { consentCookieName, optedOut, sendsDoNotTrack } from 'src/privacy/consent/tracking-level.util';
import { SiteGateService } from 'src/security/rate-limits/site-gate.service';
import { SettingsService } from 'src/settings/settings.service';
import { MAX_REQUEST_BYTES, parseCollectBody, parseConsentBody } from 'src/tracking/collect/collect-payload.util';
import { PersistEventsJob } from 'src/tracking/events/persist-events.job';
import { ReceivedEventBatch } from 'src/tracking/events/received-event-batch';

const ENQUEUE_TIMEOUT_MS = 1500;
const COLLECT_PATH = '/api/collect';
const CONFIG_PATH = '/api/collect/config';
const CONSENT_PATH = '/api/collect/consent';

/**
 * POST /api/collect (the tracker's batches), GET /api/collect/config (what the tracker must
 * respect before sending) and POST /api/collect/consent (the visitor's choice, carried to the
 * short-link host), served from node:http ahead of Express like the redirect. A batch is answered
 * 202 only once it is a Bull job in Redis and on a replica of the queue's master (when it has one);
 * otherwise 503, and a batch sent again is stored once (events carry the tracker's ids).
 */
@Injectable()
@RawRoutes({
  public: "visitors' browsers send events with the workspace's public tracking key, from its site domains only",
  routes: [
    { path: COLLECT_PATH, methods: ['POST'] },
    { path: CONFIG_PATH, methods: ['GET'] },
    { path: CONSENT_PATH, methods: ['POST'], cookies: true },
  ],
  refusal: `use POST ${COLLECT_PATH}, GET ${CONFIG_PATH} or POST ${CONSENT_PATH}`,
  cors: 'site',
  failureLog: 'collect failed',
})
export class CollectHandler implements RawHttpHandler {
  // Requests arriving together share one job, so the worker stores many visitors' events in one transaction.
  private readonly committer = new GroupCommitter<ReceivedEventBatch>((batches) => this.enqueue(batches), { maxBatch: 25, maxInFlight: 4 });

  constructor(
    private readonly jobs: Jobs,
    private readonly workspaces: WorkspaceDirectoryService,
    private readonly settings: SettingsService,
    private readonly gate: SiteGateService,
    private readonly config: AppConfig,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, { path, origin }: RawRequest): Promise<void> {
    if (path === CONFIG_PATH) return this.trackerConfig(request, response);
    if (path === COLLECT_PATH) return this.collect(request, response, origin);
    return this.recordConsent(request, response, origin);
  }

  private async trackerConfig(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const key = new URL(request.url ?? '', 'http://x').searchParams.get('key') ?? '';
    const workspace = key ? await this.workspaces.findByPublicKey(key) : null;
    if (!workspace) throw new HttpFailure(401, { field: 'key', message: 'unknown tracking key' });
    const { settings } = await this.settings.get(workspace.id);
    sendJson(
      response,
      200,
      {
        // Do Not Track and GPC are decided here from the request's headers, as the redirect decides them, so the tracker need not read them.
        tracking: settings.enableTracking && !optedOut(settings, sendsDoNotTrack(request.headers)),
        consentRequired: settings.cookieConsentRequired,
        cookieDays: settings.cookieExpiresDays,
        consentText: settings.cookieConsentText,
        privacyPolicyLink: settings.privacyPolicyLink,
        cookiePolicyLink: settings.cookiePolicyLink,
      },
      { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300', Vary: 'DNT, Sec-GPC' },
    );
  }

  private async collect(request: IncomingMessage, response: ServerResponse, origin: string | null): Promise<void> {
    const batch = parseCollectBody(await readJsonBody(request), Date.now());
    const { workspace, settings, ip } = await this.gate.admit(request, { key: batch.key, origin, kind: 'collect' });
    const visitorId = batch.visitorId ?? randomUUID();
    if (!settings.enableTracking || optedOut(settings, sendsDoNotTrack(request.headers))) {
      return sendJson(response, 202, { accepted: 0, visitorId, tracking: false });
    }
    const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 1024) : null;
    await this.committer.submit({ workspaceId: workspace.id, visitorId, ip, userAgent, events: batch.events });
    sendJson(response, 202, { accepted: batch.events.length, visitorId });
  }

  /**
   * The visitor's choice on the site, kept as a first-party cookie of this host, which is where
   * short links are followed (load trackflow.js from the short-link domain). The cookie crosses
   * from the site only when the browser allows it: same-site always, cross-site over https where
   * third-party cookies are not blocked; otherwise clicks simply stay anonymous.
   */
  private async recordConsent(request: IncomingMessage, response: ServerResponse, origin: string | null): Promise<void> {
    const choice = parseConsentBody(await readJsonBody(request));
    const { workspace, settings } = await this.gate.admit(request, { key: choice.key, origin, kind: 'collect' });
    const attributes = `Path=/; Max-Age=${settings.cookieExpiresDays * 86400}; HttpOnly; ${isHttps(request, this.config.trustProxy) ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;
    const cookies = [`${consentCookieName(workspace.id)}=${choice.consent ? 1 : 0}; ${attributes}`];
    if (choice.consent && choice.visitorId) cookies.push(`tf_vid=${choice.visitorId}; ${attributes}`);
    response.setHeader('Set-Cookie', cookies);
    sendJson(response, 204, null);
  }

  private async enqueue(batches: ReceivedEventBatch[]): Promise<void> {
    await this.jobs.enqueue(PersistEventsJob, { batches }, { jobId: `events:${randomUUID()}`, withinMs: ENQUEUE_TIMEOUT_MS, replicated: true });
  }
}

/** Tracker bodies are JSON, sent as text/plain by beacons and by fetch without a preflight. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json' && contentType !== 'text/plain') {
    throw new HttpFailure(415, { field: 'content-type', message: 'send application/json (or text/plain from sendBeacon)' });
  }
  const body = (await readRawBody(request, MAX_REQUEST_BYTES)).toString('utf8');
  try {
    return JSON.parse(body);
  } catch {
    throw new ValidationFailure('body', 'must be valid JSON');
  }
}
