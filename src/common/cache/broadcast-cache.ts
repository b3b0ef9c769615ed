import { RedisService } from 'src/common/redis/redis.service';

type Entry<V> = { value: V; expiresAt: number };

/**
 * An in-process cache whose entries every server process drops when any process publishes the key
 * on the cache's Redis channel; the TTL is only a safety net for messages lost while disconnected
 * (reconnecting also empties the cache). Nothing is cached until the process hears the channel:
 * a process that has not opened Redis (a CLI command needing only the database) reads through.
 */
export class BroadcastCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every invalidation, so a load that raced with one is not cached. */
  private generationCounter = 0;

  constructor(
    private readonly redis: RedisService,
    private readonly channel: string,
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  async start(): Promise<void> {
    await this.redis.subscribe(
      this.channel,
      (key) => this.drop(key),
      () => this.clear(),
    );
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Caches a value loaded since `generation` was read, unless an invalidation arrived meanwhile or none could. */
  set(key: string, value: V, ttlMs = this.ttlMs, loadedAtGeneration = this.generationCounter): void {
    if (loadedAtGeneration !== this.generationCounter || !this.redis.hears(this.channel)) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  /** Drops the key here at once and, through Redis, in every other process. */
  async invalidate(key: string): Promise<void> {
    this.drop(key);
    await this.redis.publish(this.channel, key);
  }

  private drop(key: string): void {
    this.generationCounter += 1;
    this.entries.delete(key);
  }

  clear(): void {
    this.generationCounter += 1;
    this.entries.clear();
  }
}
