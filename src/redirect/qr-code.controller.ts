import { Controller, Get, Header, HttpException, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientIp, requestHost } from 'src/common/http/request-origin.util';
import { AppConfig } from 'src/config/app-config';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { parseQrOptions, QrOptions, renderQrPng, renderQrSvg } from 'src/links/qr-code.util';
import { qrTargetOf, shortUrlBase, shortUrlOf } from 'src/links/short-url.util';
import { LinkCacheService } from 'src/redirect/link-cache.service';
import { RedirectLinkRepository } from 'src/redirect/redirect-link.repository';
import { GONE_PAGE, NOT_FOUND_PAGE, PAGE_HEADERS, TOO_MANY_PAGE } from 'src/redirect/redirect-pages';
import { SettingsService } from 'src/settings/settings.service';
import { PublicRoute } from 'src/common/auth/api-key.guard';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';

/** QR codes of short links; they encode the short URL with the ?qr=1 marker so scans count as QR clicks. */
@Controller('r/:code')
@PublicRoute('a QR code only encodes a short URL that is public anyway')
export class QrCodeController {
  constructor(
    private readonly links: LinkCacheService,
    private readonly redirectLinks: RedirectLinkRepository,
    private readonly settings: SettingsService,
    private readonly rateLimiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  @Get('qr.svg')
  @Header('Cache-Control', 'public, max-age=300')
  async svg(@Param('code') code: string, @Query() query: Record<string, string>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const target = await this.targetOf(code, request, response);
    if (target === null) return;
    response.type('image/svg+xml').send(await renderQrSvg(target, this.options(query)));
  }

  @Get('qr.png')
  @Header('Cache-Control', 'public, max-age=300')
  async png(@Param('code') code: string, @Query() query: Record<string, string>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const target = await this.targetOf(code, request, response);
    if (target === null) return;
    response.type('image/png').send(await renderQrPng(target, this.options(query)));
  }

  private options(query: Record<string, string>): QrOptions {
    try {
      return parseQrOptions(query);
    } catch (error) {
      if (error instanceof ValidationFailure) throw new HttpException({ statusCode: 400, error: 'Bad Request', message: error.message, field: error.field, rule: error.rule }, 400);
      throw error;
    }
  }

  /**
   * Paused links still get their QR (it is often printed before launch); deleted and unknown ones do not.
   * Rendering costs far more than a redirect, so each address gets the workspace's hourly allowance
   * of QR codes, counted apart from its clicks.
   * The QR encodes the link's short URL as GraphQL gives it: a domain's scheme comes from its SSL
   * setting, not from how this request arrived (TLS usually ends at a proxy in front of us).
   */
  private async targetOf(code: string, request: Request, response: Response): Promise<string | null> {
    const host = requestHost(request);
    const domainId = await this.links.domainIdForHost(host);
    const link = /^[A-Za-z0-9_-]{1,64}$/.test(code) ? await this.links.find(domainId, code) : null;
    if (!link || link.deleted) {
      response.status(link ? 410 : 404).set(PAGE_HEADERS).send(link ? GONE_PAGE : NOT_FOUND_PAGE);
      return null;
    }
    const { settings } = await this.settings.get(link.workspaceId);
    const verdict = await this.rateLimiter.hit(`qr:${link.workspaceId}:${clientIp(request, this.config.trustProxy) ?? 'unknown'}`, settings.rateLimitPerHour, 3600);
    if (!verdict.allowed) {
      response.status(429).set({ ...PAGE_HEADERS, 'Retry-After': String(verdict.retryAfterSeconds) }).send(TOO_MANY_PAGE);
      return null;
    }
    const domain = link.domainId ? await this.redirectLinks.findDomainOrigin(link.domainId) : null;
    return qrTargetOf(shortUrlOf(shortUrlBase(domain, settings.defaultShortlinkDomain, this.config.publicBaseUrl), link.shortCode));
  }
}
