import type { Queue } from 'bull';

/**
 * Adds a Bull job (`add` writes it to the queue), failing fast when Redis is down or slow instead
 * of letting the caller (a visitor's redirect, a tracker beacon, a Twenty delivery) wait on
 * ioredis's reconnects.
 */
export async function addJobPromptly(queue: Queue, add: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  if (queue.client.status !== 'ready') throw new Error(`Redis connection is ${queue.client.status}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([add(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
