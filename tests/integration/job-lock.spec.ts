import Redis from 'ioredis';
import { runExclusive } from 'src/common/queue/job-lock';

describe('runExclusive', () => {
  const redis = new Redis(process.env.REDIS_URL as string);
  const name = `spec-${process.pid}`;
  afterAll(() => redis.quit());

  it('lets one run at a time, keeps the lease while the work outlasts it, and frees it after', async () => {
    let releaseFirst = () => undefined as void;
    const first = runExclusive(redis, name, 300, () => new Promise<string>((resolve) => (releaseFirst = () => resolve('first'))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runExclusive(redis, name, 300, async () => 'second')).toEqual({ ran: false });
    // Three leases later the first run still holds the lock: it was renewed.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await runExclusive(redis, name, 300, async () => 'third')).toEqual({ ran: false });
    releaseFirst();
    expect(await first).toEqual({ ran: true, result: 'first' });
    expect(await runExclusive(redis, name, 300, async () => 'fourth')).toEqual({ ran: true, result: 'fourth' });
    expect(await redis.exists(`lock:${name}`)).toBe(0);
  });

  it('frees the lock when the work fails, and never frees a lock it no longer holds', async () => {
    await expect(runExclusive(redis, name, 1000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await redis.exists(`lock:${name}`)).toBe(0);
    const outlived = runExclusive(redis, name, 1000, async () => {
      // Another holder took over after our lease was lost (simulated): our release must leave theirs alone.
      await redis.set(`lock:${name}`, 'someone-else');
      return 'done';
    });
    expect(await outlived).toEqual({ ran: true, result: 'done' });
    expect(await redis.get(`lock:${name}`)).toBe('someone-else');
    await redis.del(`lock:${name}`);
  });
});
