import type { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type Redis from 'ioredis';
import { runExclusive } from 'src/common/queue/job-lock';

// A run renews its lock every third of this; a crashed one frees it after this long.
const LOCK_LEASE_MS = 60_000;

/** A cron expression, or a fixed interval in milliseconds; null: not scheduled. */
export type Schedule = string | { everyMs: number } | null;

/**
 * Schedules a named repeatable job (or unschedules it when the schedule is null), replacing the
 * schedule of an earlier configuration so a changed one takes effect at the next start. Bull
 * keeps one schedule however many processes register it.
 */
export async function scheduleRepeatable(queue: Queue, name: string, schedule: Schedule): Promise<void> {
  const cron = typeof schedule === 'string' ? schedule : null;
  const every = schedule !== null && typeof schedule === 'object' ? schedule.everyMs : null;
  for (const repeatable of await queue.getRepeatableJobs()) {
    if (repeatable.name === name && ((repeatable.cron ?? null) !== cron || (Number(repeatable.every) || null) !== every)) await queue.removeRepeatableByKey(repeatable.key);
  }
  if (cron) await queue.add(name, {}, { repeat: { cron }, removeOnComplete: 30, removeOnFail: 30 });
  if (every) await queue.add(name, {}, { repeat: { every }, removeOnComplete: 30, removeOnFail: 30 });
}

export type RepeatableJob = { queue: Queue; name: string; schedule: Schedule; runWorkers: boolean; redis: Redis; logger: Logger; run: () => Promise<unknown> };

/**
 * Schedules the job and, in worker processes, runs each occurrence under a lock named after it, so
 * that two workers never run the same job at once (an occurrence that finds it held is skipped).
 */
export async function registerRepeatableJob(job: RepeatableJob): Promise<void> {
  await scheduleRepeatable(job.queue, job.name, job.schedule);
  if (!job.runWorkers) return;
  void job.queue.process(job.name, 1, async () => {
    const outcome = await runExclusive(job.redis, `job:${job.name}`, LOCK_LEASE_MS, job.run);
    if (outcome.ran) return outcome.result;
    job.logger.log(`${job.name} skipped: another worker is running it`);
    return { skipped: true };
  });
}
