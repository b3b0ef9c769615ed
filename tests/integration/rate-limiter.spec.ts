import { randomUUID } from 'node:crypto';
import { RedisService } from 'src/common/redis/redis.service';
import { mayCountLocally, RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { keysMatching } from 'tests/support/redis-keys';
import { TestServer } from 'tests/support/test-server';

describe('mayCountLocally', () => {
  it('never holds a hit back under a limit of 100, and only under half of a larger one', () => {
    expect(mayCountLocally({ known: 0, pending: 0 }, 99)).toBe(false);
    expect(mayCountLocally({ known: 0, pending: 0 }, 1000)).toBe(true);
    expect(mayCountLocally({ known: 0, pending: 10 }, 1000)).toBe(false);
    expect(mayCountLocally({ known: 490, pending: 9 }, 1000)).toBe(true);
    expect(mayCountLocally({ known: 491, pending: 9 }, 1000)).toBe(false);
  });
});

/** Two server instances stand for two processes: each has its own limiter, and they share Redis. */
describe('RateLimiterService', () => {
  let first: TestServer;
  let second: TestServer;
  const redisCount = async (bucket: string) => {
    const keys = await keysMatching(first.get(RedisService), `rate:${bucket}:*`);
    return keys.length === 0 ? 0 : Number(await first.get(RedisService).client.get(keys[0]));
  };
  const allowedOf = async (limiter: (index: number) => RateLimiterService, bucket: string, hits: number, limit: number) => {
    let allowed = 0;
    const windowStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    for (let index = 0; index < hits; index += 1) if ((await limiter(index).hit(bucket, limit, 3600, windowStart + 1000)).allowed) allowed += 1;
    return allowed;
  };

  beforeAll(async () => {
    first = await TestServer.start();
    second = await TestServer.start();
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
  });

  it('holds hits back far from the limit, tells Redis of them on flush, and refuses exactly past the limit in one process', async () => {
    const bucket = `one-${randomUUID()}`;
    const limiter = first.get(RateLimiterService);
    expect(await allowedOf(() => limiter, bucket, 300, 1000)).toBe(300);
    // At most a hundredth of the limit waits in the process between two trips to Redis.
    expect(await redisCount(bucket)).toBeGreaterThanOrEqual(290);
    await limiter.flush();
    expect(await redisCount(bucket)).toBe(300);
    expect(await allowedOf(() => limiter, bucket, 900, 1000)).toBe(700);
    await limiter.flush();
    expect(await redisCount(bucket)).toBe(1200);
  });

  it('shares the limit between processes, letting through at most a hundredth of it more per other process', async () => {
    const bucket = `two-${randomUUID()}`;
    const limiters = [first.get(RateLimiterService), second.get(RateLimiterService)];
    const allowed = await allowedOf((index) => limiters[index % 2], bucket, 1200, 1000);
    expect(allowed).toBeGreaterThanOrEqual(1000);
    expect(allowed).toBeLessThanOrEqual(1010);
    await Promise.all(limiters.map((limiter) => limiter.flush()));
    expect(await redisCount(bucket)).toBe(1200);
  });

  it('counts every hit in Redis at once under a limit of 100', async () => {
    const bucket = `small-${randomUUID()}`;
    const limiter = first.get(RateLimiterService);
    expect(await allowedOf(() => limiter, bucket, 5, 3)).toBe(3);
    expect(await redisCount(bucket)).toBe(5);
  });
});
