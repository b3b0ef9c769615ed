import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { OnDomainEvent } from 'src/common/events/domain-event';
import { RedisService } from 'src/common/redis/redis.service';
import { CampaignsChanged, DomainChanged, LinkChanged, VariantChanged } from 'src/links/links.events';
import { RedirectLinkRepository } from 'src/redirect/redirect-link.repository';
import { linkCacheKey, ResolvedLink } from 'src/redirect/resolved-link';

const LOCAL_TTL_MS = 60_000;
const MISSING_TTL_MS = 5_000;
const REDIS_TTL_S = 3600;

/**
 * The redirect's lookups: process memory, then Redis, then PostgreSQL. A change to a link (or its
 * variants, campaign or domain), heard as a domain event, is broadcast so every process forgets it
 * at once; unknown codes are remembered briefly so a scan of random codes cannot hammer the database.
 */
@Injectable()
export class LinkCacheService implements OnModuleInit {
  private readonly logger = new Logger(LinkCacheService.name);
  private readonly links: BroadcastCache<ResolvedLink | null>;
  private readonly hosts: BroadcastCache<string | null>;

  constructor(
    private readonly redis: RedisService,
    private readonly repository: RedirectLinkRepository,
  ) {
    this.links = new BroadcastCache(redis, 'invalidate:link', LOCAL_TTL_MS);
    this.hosts = new BroadcastCache(redis, 'invalidate:host', LOCAL_TTL_MS, 10_000);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.links.start(), this.hosts.start()]);
  }

  /** Hosts that are not configured domains serve the shared namespace (domain id null). */
  async domainIdForHost(host: string): Promise<string | null> {
    const cached = this.hosts.get(host);
    if (cached !== undefined) return cached;
    const generation = this.hosts.generation;
    const domainId = await this.repository.findDomainIdByHost(host);
    this.hosts.set(host, domainId, undefined, generation);
    return domainId;
  }

  async find(domainId: string | null, shortCode: string): Promise<ResolvedLink | null> {
    const key = linkCacheKey(domainId, shortCode);
    const local = this.links.get(key);
    if (local !== undefined) return local;

    const generation = this.links.generation;
    const shared = await this.readRedis(key);
    if (shared) {
      this.links.set(key, shared, LOCAL_TTL_MS, generation);
      return shared;
    }
    const link = await this.repository.findByCode(domainId, shortCode);
    this.links.set(key, link, link ? LOCAL_TTL_MS : MISSING_TTL_MS, generation);
    if (link) await this.writeRedis(key, link);
    return link;
  }

  @OnDomainEvent(LinkChanged)
  async linkChanged({ domainId, shortCode }: typeof LinkChanged.payload): Promise<void> {
    await this.invalidateLink(domainId, shortCode);
  }

  @OnDomainEvent(VariantChanged)
  async variantChanged({ workspaceId, trackedLinkId }: typeof VariantChanged.payload): Promise<void> {
    await this.invalidateLinks(await this.repository.findLinkKeys(workspaceId, 'id', trackedLinkId));
  }

  @OnDomainEvent(CampaignsChanged)
  async campaignsChanged({ workspaceId, campaignIds, linksChanged }: typeof CampaignsChanged.payload): Promise<void> {
    if (!linksChanged) return;
    for (const campaignId of campaignIds) await this.invalidateLinks(await this.repository.findLinkKeys(workspaceId, 'campaign_id', campaignId));
  }

  @OnDomainEvent(DomainChanged)
  async domainChanged({ workspaceId, domainId, host }: typeof DomainChanged.payload): Promise<void> {
    await this.invalidateLinks(await this.repository.findLinkKeys(workspaceId, 'domain_id', domainId));
    await this.hosts.invalidate(host).catch((error: Error) => this.logger.warn(`could not broadcast host invalidation: ${error.message}`));
  }

  private async invalidateLinks(links: readonly { domain_id: string | null; short_code: string }[]): Promise<void> {
    for (const link of links) await this.invalidateLink(link.domain_id, link.short_code);
  }

  /**
   * Deletes the shared copy and broadcasts, twice: a process that read the old row just before the
   * change may write it back to Redis, and the second pass a second later removes that.
   */
  private async invalidateLink(domainId: string | null, shortCode: string): Promise<void> {
    const key = linkCacheKey(domainId, shortCode);
    await this.dropEverywhere(key);
    setTimeout(() => void this.dropEverywhere(key), 1000).unref();
  }

  private async dropEverywhere(key: string): Promise<void> {
    try {
      await this.redis.client.del(`link:${key}`);
      await this.links.invalidate(key);
    } catch (error) {
      // Other processes still drop it when their local TTL runs out; this one already has.
      this.logger.warn(`could not broadcast link invalidation for ${key}: ${(error as Error).message}`);
    }
  }

  private async readRedis(key: string): Promise<ResolvedLink | null> {
    try {
      const text = await this.redis.client.get(`link:${key}`);
      return text ? (JSON.parse(text) as ResolvedLink) : null;
    } catch {
      return null;
    }
  }

  private async writeRedis(key: string, link: ResolvedLink): Promise<void> {
    try {
      await this.redis.client.set(`link:${key}`, JSON.stringify(link), 'EX', REDIS_TTL_S);
    } catch {
      // Redis is only a second-level cache here; the database answered.
    }
  }
}
