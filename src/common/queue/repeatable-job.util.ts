import type { Queue } from 'bull';

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
