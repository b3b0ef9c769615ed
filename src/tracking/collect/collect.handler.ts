import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { addJobPromptly } from 'src/common/queue/add-job-promptly.util';
import { GroupCommitter } from 'src/common/queue/group-committer';
import { answerFailure, HttpFailure, readRawBody, sendJson, RawHttpHandler } from 'src/common/http/raw-http.util';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { AppConfig } from 'src/config/app-config';
import { clientIp } from 'src/redirect/request-origin.util';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SettingsService } from 'src/settings/settings.service';
import { MAX_REQUEST_BYTES, parseCollectBody } from 'src/tracking/collect/collect-payload.util';
import { isOriginAllowed } from 'src/tracking/collect/site-origin.util';
import { PersistEventsJob, PersistEventsPayload } from 'src/tracking/events/persist-events.job';
import { EVENTS_QUEUE, ReceivedEventBatch } from 'src/tracking/events/received-event-batch';

const ENQUEUE_TIMEOUT_MS = 1500;

/**
 * POST /api/collect (the tracker's batches) and GET /api/collect/config (what the tracker must
 * respect before sending), served from node:http ahead of Express like the redirect. A batch is
 * answered 202 only once it is a Bull job in Redis.
 */
@Injectable()
export class CollectHandler implements RawHttpHandler {
  readonly access = { public: "visitors' browsers send events with the workspace's public tracking key, from its site domains only" };
  private readonly logger = new Logger(CollectHandler.name);
  // Requests arriving together share one job, so the worker stores many visitors' events in one transaction.
  private readonly committer = new GroupCommitter<ReceivedEventBatch>((batches) => this.enqueue(batches), { maxBatch: 25, maxInFlight: 4 });

  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue<PersistEventsPayload>,
    private readonly workspaces: WorkspaceDirectoryService,
    private readonly settings: SettingsService,
    private readonly rateLimiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  matches(request: IncomingMessage): boolean {
    const path = (request.url ?? '').split('?')[0];
    return path === '/api/collect' || path === '/api/collect/config';
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : null;
    try {
      if (request.method === 'OPTIONS') return sendJson(response, 204, null, preflightHeaders(origin));
      if (path === '/api/collect/config' && request.method === 'GET') return await this.trackerConfig(request, response);
      if (path === '/api/collect' && request.method === 'POST') return await this.collect(request, response, origin);
      throw new HttpFailure(405, { message: 'use POST /api/collect or GET /api/collect/config' }, { Allow: 'POST, GET, OPTIONS' });
    } catch (error) {
      answerFailure(response, error, corsHeaders(origin), (message) => this.logger.error(`collect failed: ${message}`));
    }
  }

  private async trackerConfig(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const key = new URL(request.url ?? '', 'http://x').searchParams.get('key') ?? '';
    const workspace = key ? await this.workspaces.findByPublicKey(key) : null;
    if (!workspace) throw new HttpFailure(401, { field: 'key', message: 'unknown tracking key' });
    const { settings } = await this.settings.get(workspace.id);
    sendJson(
      response,
      200,
      { tracking: settings.enableTracking, consentRequired: settings.cookieConsentRequired, respectDoNotTrack: settings.respectDoNotTrack, cookieDays: settings.cookieExpiresDays },
      { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' },
    );
  }

  private async collect(request: IncomingMessage, response: ServerResponse, origin: string | null): Promise<void> {
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json' && contentType !== 'text/plain') {
      throw new HttpFailure(415, { field: 'content-type', message: 'send application/json (or text/plain from sendBeacon)' });
    }
    const body = (await readRawBody(request, MAX_REQUEST_BYTES)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ValidationFailure('body', 'must be valid JSON');
    }
    const batch = parseCollectBody(json, Date.now());
    const workspace = await this.workspaces.findByPublicKey(batch.key);
    if (!workspace) throw new HttpFailure(401, { field: 'key', message: 'unknown tracking key' });
    if (origin !== null && !isOriginAllowed(origin, workspace.siteDomains)) {
      throw new HttpFailure(403, {
        field: 'origin',
        message: workspace.siteDomains.length === 0 ? 'this workspace lists no site domains yet (updateWorkspace siteDomains)' : `origin ${origin} is not one of this workspace's site domains`,
      });
    }
    const { settings } = await this.settings.get(workspace.id);
    const ip = clientIp(request, this.config.trustProxy);
    const verdict = await this.rateLimiter.hit(`collect:${workspace.id}:${ip ?? 'unknown'}`, settings.rateLimitPerHour, 3600);
    if (!verdict.allowed) throw new HttpFailure(429, { message: `at most ${settings.rateLimitPerHour} requests an hour from one address` }, { 'Retry-After': String(verdict.retryAfterSeconds) });
    const visitorId = batch.visitorId ?? randomUUID();
    if (!settings.enableTracking) return sendJson(response, 202, { accepted: 0, visitorId, tracking: false }, corsHeaders(origin));
    const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 1024) : null;
    await this.committer.submit({ workspaceId: workspace.id, visitorId, ip, userAgent, events: batch.events });
    sendJson(response, 202, { accepted: batch.events.length, visitorId }, corsHeaders(origin));
  }

  private async enqueue(batches: ReceivedEventBatch[]): Promise<void> {
    await addJobPromptly(this.queue, PersistEventsJob.name, { batches }, { jobId: `events:${randomUUID()}` }, ENQUEUE_TIMEOUT_MS);
  }
}

/** The batch's key decides which origins may send, so the actual POST is checked; the preflight only says what may be asked. */
function preflightHeaders(origin: string | null): Record<string, string> {
  return { ...corsHeaders(origin), 'Access-Control-Allow-Methods': 'POST, GET, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' };
}

function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}
