import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { RedisService } from 'src/common/redis/redis.service';

type RateLimitVerdict = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/** A window's count as this process knows it: what Redis last said, and hits counted here since. */
type WindowCount = { key: string; expiresAtMs: number; windowSeconds: number; known: number; pending: number };

const FLUSH_INTERVAL_MS = 50;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Whether a hit may be counted in this process and told to Redis a moment later, sparing the
 * request a round trip: only while the window is under half its limit and this process holds back
 * fewer than a hundredth of it. Near the limit every hit goes to Redis at once, so all processes
 * refuse at the same count; another process's held-back hits can let at most a hundredth of the
 * limit more through per process. Small limits (under 100) are always counted in Redis.
 */
export function mayCountLocally(window: { known: number; pending: number }, limit: number): boolean {
  return window.pending < Math.floor(limit / 100) && window.known + window.pending + 1 <= limit / 2;
}

/**
 * Fixed-window counters in Redis, shared by every server process. A window key carries its start,
 * so counts never need resetting; expired windows disappear on their own.
 */
@Injectable()
export class RateLimiterService implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly windows = new Map<string, WindowCount>();
  /** Windows holding hits Redis has not heard of yet. */
  private readonly held = new Set<WindowCount>();
  private flushTimer: NodeJS.Timeout | null = null;
  private lastSweepMs = 0;
  private lastWarningMs = 0;

  constructor(private readonly redis: RedisService) {}

  async hit(bucket: string, limit: number, windowSeconds: number, nowMs = Date.now()): Promise<RateLimitVerdict> {
    const windowStart = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
    const key = `rate:${bucket}:${windowStart}`;
    const retryAfterSeconds = Math.max(1, windowStart + windowSeconds - Math.floor(nowMs / 1000));
    const window = this.windows.get(key) ?? { key, expiresAtMs: (windowStart + windowSeconds) * 1000, windowSeconds, known: 0, pending: 0 };
    // Windows whose limit never lets a hit be held back need no memory here.
    if (limit >= 100) this.windows.set(key, window);
    if (nowMs - this.lastSweepMs > SWEEP_INTERVAL_MS) this.sweep(nowMs);
    if (mayCountLocally(window, limit)) {
      window.pending += 1;
      this.held.add(window);
      this.scheduleFlush();
      return { allowed: true, remaining: Math.max(0, limit - window.known - window.pending), retryAfterSeconds };
    }
    const count = await this.add(window, window.pending, 1);
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
  }

  /** Tells Redis what this process held back, so other processes see it. */
  async flush(): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    for (const window of held) {
      if (window.pending === 0) continue;
      await this.add(window, window.pending, 0).catch((error: Error) => {
        this.held.add(window);
        // Retried every few milliseconds while Redis is away: one warning a minute says enough.
        if (Date.now() - this.lastWarningMs < SWEEP_INTERVAL_MS) return;
        this.lastWarningMs = Date.now();
        this.logger.warn(`rate counts not sent to Redis yet: ${error.message}`);
      });
    }
  }

  /** Forgets windows that have ended and hold nothing back. */
  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs;
    for (const window of this.windows.values()) if (window.expiresAtMs <= nowMs && window.pending === 0) this.windows.delete(window.key);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
  }

  /** Adds the `held` hits counted here and `current` more; held hits go back to waiting if Redis cannot be reached. */
  private async add(window: WindowCount, held: number, current: 0 | 1): Promise<number> {
    window.pending -= held;
    let count: number;
    try {
      count = await this.redis.client.incrby(window.key, held + current);
    } catch (error) {
      window.pending += held;
      throw error;
    }
    // Only the window's first hits set the expiry: no MULTI on every request.
    if (count === held + current) await this.redis.client.expire(window.key, window.windowSeconds + 5);
    window.known = Math.max(window.known, count);
    return count;
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush().finally(() => this.held.size > 0 && this.scheduleFlush());
    }, FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
  }
}
