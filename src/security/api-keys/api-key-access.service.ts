import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AccessRefusal, ApiKeyAuthorizer, ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { clientIp } from 'src/common/http/request-origin.util';
import { isIpInRanges, ParsedCidr, parseCidr } from 'src/common/net/ip-address.util';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { hashApiKey, scopesAllow } from 'src/security/api-keys/api-key-secret.util';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SettingsService } from 'src/settings/settings.service';

type CachedKey = { principal: ApiKeyPrincipal; expiresAt: number | null; allowList: ParsedCidr[] } | null;

const AUTH_CACHE_MS = 60_000;
const USAGE_FLUSH_MS = 60_000;
// One hash tag: the flush takes both out in one MULTI, which a Redis Cluster runs only within one slot.
const USES_KEY = '{api-key-usage}:count';
const LAST_USED_KEY = '{api-key-usage}:last';

/**
 * Decides whether a bearer key may make a request: known, not revoked or expired, called from an
 * allowed address, under its hourly limit. Keys are cached per process and dropped everywhere on
 * revocation (broadcast); usage is counted in Redis and written to PostgreSQL once a minute, so a
 * busy key costs no database write per request.
 */
@Injectable()
export class ApiKeyAccessService implements ApiKeyAuthorizer, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyAccessService.name);
  private readonly cache: BroadcastCache<CachedKey>;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly redis: RedisService,
    private readonly rateLimiter: RateLimiterService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {
    this.cache = new BroadcastCache(redis, 'invalidate:api-key', AUTH_CACHE_MS, 50_000);
  }

  async onModuleInit(): Promise<void> {
    await this.cache.start();
    this.flushTimer = setInterval(() => void this.flushUsage().catch((error: Error) => this.logger.warn(`usage flush failed: ${error.message}`)), USAGE_FLUSH_MS);
    this.flushTimer.unref();
  }

  async authorize(plaintext: string, request: IncomingMessage): Promise<{ principal: ApiKeyPrincipal } | { refusal: AccessRefusal }> {
    const hash = hashApiKey(plaintext);
    const now = Date.now();
    const key = await this.load(hash, now);
    if (!key || (key.expiresAt !== null && key.expiresAt <= now)) return { refusal: { kind: 'unknown' } };
    const ip = clientIp(request, this.config.trustProxy);
    if (key.allowList.length > 0 && (ip === null || !isIpInRanges(ip, key.allowList))) return { refusal: { kind: 'ip', ip } };
    const { settings } = await this.settings.get(key.principal.workspaceId);
    const [verdict] = await Promise.all([this.rateLimiter.hit(`api-key:${key.principal.apiKeyId}`, settings.rateLimitPerHour, 3600, now), this.noteUsage(key.principal.apiKeyId, now)]);
    if (!verdict.allowed) return { refusal: { kind: 'rate', limit: settings.rateLimitPerHour, retryAfterSeconds: verdict.retryAfterSeconds } };
    return { principal: key.principal };
  }

  allows(principal: ApiKeyPrincipal, scope: string): boolean {
    return scopesAllow(principal.scopes, scope);
  }

  /** Every process stops accepting the key at once (a revoked key must not live on in a cache). */
  forget(keyHash: string): Promise<void> {
    return this.cache.invalidate(keyHash);
  }

  /** Requests counted in Redis and not yet written to PostgreSQL, by key id. */
  async pendingUsage(apiKeyIds: string[]): Promise<Map<string, { uses: number; lastUsedAt: Date | null }>> {
    if (apiKeyIds.length === 0) return new Map();
    const [uses, last] = await Promise.all([this.redis.client.hmget(USES_KEY, ...apiKeyIds), this.redis.client.hmget(LAST_USED_KEY, ...apiKeyIds)]);
    return new Map(apiKeyIds.map((id, index) => [id, { uses: Number(uses[index] ?? 0), lastUsedAt: last[index] ? new Date(Number(last[index])) : null }]));
  }

  /** Takes the counters out of Redis atomically, so two processes flushing at once never count a use twice. */
  async flushUsage(): Promise<void> {
    const result = await this.redis.client.multi().hgetall(USES_KEY).hgetall(LAST_USED_KEY).del(USES_KEY, LAST_USED_KEY).exec();
    if (!result) return;
    const uses = (result[0][1] ?? {}) as Record<string, string>;
    const last = (result[1][1] ?? {}) as Record<string, string>;
    for (const [apiKeyId, count] of Object.entries(uses)) {
      await this.apiKeys.recordUsage(apiKeyId, Number(count), new Date(Number(last[apiKeyId] ?? Date.now())));
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    // A process that never opened Redis (a CLI command) counted no use.
    if (this.redis.isOpen) await this.flushUsage().catch(() => undefined);
  }

  private async noteUsage(apiKeyId: string, now: number): Promise<void> {
    await this.redis.client.multi().hincrby(USES_KEY, apiKeyId, 1).hset(LAST_USED_KEY, apiKeyId, String(now)).exec();
  }

  private async load(hash: string, now: number): Promise<CachedKey> {
    const cached = this.cache.get(hash, now);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const key = await this.apiKeys.findUsableByHash(hash, new Date(now));
    const loaded: CachedKey = key
      ? {
          principal: { apiKeyId: key.id, workspaceId: key.workspaceId, scopes: key.scopes },
          expiresAt: key.expiresAt?.getTime() ?? null,
          allowList: (await this.apiKeys.findIpAllowList(key.id)).map((range) => parseCidr(range.cidr)),
        }
      : null;
    // An unknown key is remembered briefly only: a key created elsewhere a moment ago must work soon.
    this.cache.set(hash, loaded, loaded ? AUTH_CACHE_MS : 5_000, generation);
    return loaded;
  }
}
