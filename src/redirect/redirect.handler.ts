import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { clientIp, isHttps, requestHost } from 'src/common/http/request-origin.util';
import { AppConfig } from 'src/config/app-config';
import { chooseVariant } from 'src/redirect/choose-variant.util';
import { LinkCacheService } from 'src/redirect/link-cache.service';
import { buildRedirectUrl } from 'src/redirect/merge-utm.util';
import { GONE_PAGE, NOT_FOUND_PAGE, PAGE_HEADERS, TOO_MANY_PAGE, UNAVAILABLE_PAGE } from 'src/redirect/redirect-pages';
import { isLinkActive, ResolvedLink } from 'src/redirect/resolved-link';
import { visitorIdFromCookie } from 'src/redirect/visitor-cookie.util';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SettingsService } from 'src/settings/settings.service';
import type { EffectiveSettings } from 'src/settings/settings.types';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { trafficFlags } from 'src/tracking/rules/traffic-flags.util';
import { consentFromCookies, referrerOrigin, sendsDoNotTrack, trackingLevel } from 'src/privacy/consent/tracking-level.util';
import { RawHttpHandler } from 'src/common/http/raw-http.util';
import { RawRoutes } from 'src/common/http/raw-route.decorator';

const REDIRECT_PATH = /^\/r\/([A-Za-z0-9_-]{1,64})\/?(?:\?(.*))?$/;
const QR_MARKER = /(?:^|&)qr=1(?:&|$)/;

/**
 * GET and HEAD /r/:code, served straight from node:http ahead of Express because it is the hot
 * path. A GET of an active link records exactly one click before answering; HEAD answers the same
 * status and target but records nothing (link previews and uptime checks are not visits). Privacy
 * settings never break a link: a visitor who may not be tracked is still sent on, with no cookie
 * and no ids, and counted anonymously (or not at all with tracking off). Other methods on /r/...
 * are not a redirect's: Express answers them.
 */
@Injectable()
@RawRoutes({ public: 'short links are followed by anyone', routes: [{ path: REDIRECT_PATH, methods: ['GET', 'HEAD'] }] })
export class RedirectHandler implements RawHttpHandler {
  private readonly logger = new Logger(RedirectHandler.name);

  constructor(
    private readonly links: LinkCacheService,
    private readonly settings: SettingsService,
    private readonly clicks: ClickQueueService,
    private readonly rateLimiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, shortCode, query = ''] = REDIRECT_PATH.exec(request.url ?? '') ?? [];
    let link: ResolvedLink | null;
    let effective: EffectiveSettings | null = null;
    try {
      link = await this.links.find(await this.links.domainIdForHost(requestHost(request)), shortCode);
      if (link) effective = await this.settings.get(link.workspaceId);
    } catch (error) {
      this.logger.error(`lookup of /r/${shortCode} failed: ${(error as Error).message}`);
      return this.sendPage(request, response, 503, UNAVAILABLE_PAGE, { 'Retry-After': '5' });
    }
    if (!link || !effective) return this.sendPage(request, response, 404, NOT_FOUND_PAGE);
    const { settings, internalRanges } = effective;
    const ip = clientIp(request, this.config.trustProxy);
    // Fails open: while Redis is down visitors are still sent on and their clicks journaled.
    const verdict = await this.rateLimiter.hit(`redirect:${link.workspaceId}:${ip ?? 'unknown'}`, settings.rateLimitPerHour, 3600).catch(() => null);
    if (verdict && !verdict.allowed) return this.sendPage(request, response, 429, TOO_MANY_PAGE, { 'Retry-After': String(verdict.retryAfterSeconds) });
    const domainHeaders = Object.fromEntries(link.headers);
    if (!isLinkActive(link, Date.now())) {
      if (link.fallbackUrl) return this.send(request, response, 302, { ...domainHeaders, Location: link.fallbackUrl, 'Cache-Control': 'no-store' });
      return this.sendPage(request, response, 410, GONE_PAGE, domainHeaders);
    }

    const level = trackingLevel(settings, { doNotTrack: sendsDoNotTrack(request.headers), consent: consentFromCookies(request.headers.cookie, link.workspaceId) });
    const visitorId = level === 'identified' ? (visitorIdFromCookie(request) ?? randomUUID()) : null;
    const clickId = randomUUID();
    // Without a visitor id a variant cannot stay with the visitor, so it is drawn afresh for each click.
    const variant = chooseVariant(link.variants, `${visitorId ?? clickId}:${link.id}`);
    const destination = variant?.destinationUrl ?? link.destinationUrl;
    const headers: Record<string, string | string[]> = {
      ...domainHeaders,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer-when-downgrade',
      Location: buildRedirectUrl(destination, link.utm, link.additionalParameters, visitorId ? { visitorId, clickId } : null),
    };
    if (visitorId) {
      const https = isHttps(request, this.config.trustProxy);
      headers['Set-Cookie'] = `tf_vid=${visitorId}; Path=/; Max-Age=${settings.cookieExpiresDays * 86400}; SameSite=Lax; HttpOnly${https ? '; Secure' : ''}`;
    }
    if (request.method === 'HEAD' || level === 'none') return this.send(request, response, 302, headers);

    const ofLink = {
      id: clickId,
      workspaceId: link.workspaceId,
      trackedLinkId: link.id,
      campaignId: link.campaignId,
      variantId: variant?.id ?? null,
      shortCode: link.shortCode,
      utm: link.utm,
      isQr: QR_MARKER.test(query),
      at: new Date().toISOString(),
      destination,
    };
    const userAgent = truncate(request.headers['user-agent'], 1024);
    if (visitorId) {
      await this.clicks.record({ ...ofLink, visitorId, ip, userAgent, referrer: truncate(request.headers.referer, 2048) });
    } else {
      const { isBot, isInternal } = trafficFlags(ip, userAgent, { ...settings, internalRanges });
      await this.clicks.record({ ...ofLink, visitorId: null, referrer: referrerOrigin(request.headers.referer), isBot, isInternal });
    }
    this.send(request, response, 302, headers);
  }

  private sendPage(request: IncomingMessage, response: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
    this.send(request, response, status, { ...extra, ...PAGE_HEADERS, 'Content-Length': String(Buffer.byteLength(body)) }, body);
  }

  private send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string | string[]>, body?: string): void {
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

function truncate(value: string | undefined, max: number): string | null {
  if (!value) return null;
  return value.length > max ? value.slice(0, max) : value;
}
