import { randomUUID } from 'node:crypto';
import type { RedisClient } from 'src/common/redis/redis-clients';

// Only the holder (its token) may extend or free the lock: a run that outlived its lease must not free the next holder's.
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `work` only where nobody else holds the lock `name`, across every process sharing Redis.
 * Bull runs each occurrence of a repeatable job once, but a run that lasts longer than the interval,
 * a stalled job retried elsewhere or an operator's manual run would otherwise overlap it. The lease
 * is renewed while the work runs, so a long run keeps it and a crashed one frees it within `leaseMs`.
 */
export async function runExclusive<T>(redis: RedisClient, name: string, leaseMs: number, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
  const key = `lock:${name}`;
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') return { ran: false };
  const renewal = setInterval(() => {
    void redis.eval(EXTEND, 1, key, token, leaseMs).catch(() => undefined);
  }, Math.max(100, Math.floor(leaseMs / 3)));
  try {
    return { ran: true, result: await work() };
  } finally {
    clearInterval(renewal);
    await redis.eval(RELEASE, 1, key, token);
  }
}
