import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';

/** Waits until the named queue has nothing waiting, running or delayed: for the demo and tests, which must see a flow end. */
export async function drainQueue(app: INestApplicationContext, name: string, timeoutMs: number): Promise<void> {
  const queue = app.get<Queue>(getQueueToken(name) as never);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) return;
    if (Date.now() > deadline) throw new Error(`${name} did not drain: ${JSON.stringify(counts)}${await describeActive(queue)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Which jobs held the queue up, and since when: what a drain that timed out needs to be explained. */
async function describeActive(queue: Queue): Promise<string> {
  const active = await queue.getActive();
  const since = (job: { processedOn?: number }) => (job.processedOn ? `${((Date.now() - job.processedOn) / 1000).toFixed(1)} s` : 'unknown');
  return active.map((job) => `; active: ${job.name} ${job.id} (attempt ${job.attemptsMade + 1}, for ${since(job)})`).join('');
}
