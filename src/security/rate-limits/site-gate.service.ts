import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { HttpFailure } from 'src/common/http/raw-http.util';
import { clientIp } from 'src/common/http/request-origin.util';
import { isOriginAllowed } from 'src/common/http/site-origin.util';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { AppConfig } from 'src/config/app-config';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SettingsService } from 'src/settings/settings.service';
import type { EffectiveSettings } from 'src/settings/settings.types';

export type SiteRequest = { workspace: { id: string; siteDomains: string[] }; settings: EffectiveSettings['settings']; ip: string | null };

/**
 * The one door for what a workspace's website sends with its public tracking key (tracker
 * events, consent, lead forms): the key names the workspace, a browser's origin must be one of
 * its site domains, and each address gets the workspace's hourly allowance per kind of request.
 */
@Injectable()
export class SiteGateService {
  constructor(
    private readonly workspaces: WorkspaceDirectoryService,
    private readonly settings: SettingsService,
    private readonly rateLimiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  async admit(request: IncomingMessage, { key, origin, kind }: { key: string; origin: string | null; kind: 'collect' | 'leads' }): Promise<SiteRequest> {
    const workspace = key ? await this.workspaces.findByPublicKey(key) : null;
    if (!workspace) throw new HttpFailure(401, { field: 'key', message: 'unknown tracking key' });
    if (origin !== null && !isOriginAllowed(origin, workspace.siteDomains)) {
      throw new HttpFailure(403, {
        field: 'origin',
        message: workspace.siteDomains.length === 0 ? 'this workspace lists no site domains yet (updateWorkspace siteDomains)' : `origin ${origin} is not one of this workspace's site domains`,
      });
    }
    const { settings } = await this.settings.get(workspace.id);
    const ip = clientIp(request, this.config.trustProxy);
    const verdict = await this.rateLimiter.hit(`${kind}:${workspace.id}:${ip ?? 'unknown'}`, settings.rateLimitPerHour, 3600);
    if (!verdict.allowed) throw new HttpFailure(429, { message: `at most ${settings.rateLimitPerHour} requests an hour from one address` }, { 'Retry-After': String(verdict.retryAfterSeconds) });
    return { workspace, settings, ip };
  }
}
