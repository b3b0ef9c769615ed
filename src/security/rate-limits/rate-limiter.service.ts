import { Injectable } from '@nestjs/common';
import { RedisService } from 'src/common/redis/redis.service';

export type RateLimitVerdict = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counters in Redis, shared by every server process. A window key carries its start,
 * so counts never need resetting; expired windows disappear on their own.
 */
@Injectable()
export class RateLimiterService {
  constructor(private readonly redis: RedisService) {}

  async hit(bucket: string, limit: number, windowSeconds: number, nowMs = Date.now()): Promise<RateLimitVerdict> {
    const windowStart = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
    const key = `trackflow:rate:${bucket}:${windowStart}`;
    const count = await this.redis.client.incr(key);
    // Only the window's first hit sets the expiry: one round trip per request instead of a MULTI of four commands.
    if (count === 1) await this.redis.client.expire(key, windowSeconds + 5);
    const retryAfterSeconds = Math.max(1, windowStart + windowSeconds - Math.floor(nowMs / 1000));
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
  }
}
