import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bull';
import type { Schedule } from 'src/common/queue/repeatable-job.util';
import type { AppConfig } from 'src/config/app-config';

export const JOB_HANDLER = 'trackflow:job-handler';

/** What a handler method declares; the worker bootstrap (JobWorkers) finds it on every provider. */
export type JobHandlerMetadata = {
  queue: string;
  names: readonly string[];
  /** Repeatable jobs only: when to run, from configuration (null: not scheduled, though a job added by hand still runs). */
  schedule?: (config: AppConfig) => Schedule;
};

/**
 * Makes the method the handler of these job names of the queue. Several names on one method share
 * its code, and every job of a queue runs under the queue's one concurrency, whatever its name.
 */
export function JobHandler(queue: string, ...names: string[]) {
  return <T, R>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<(job: Job<T>) => Promise<R>>): void => {
    SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER, { queue, names })(target, key, descriptor);
  };
}

/**
 * Makes the method a repeatable job of the queue, scheduled as configuration says and run by one
 * worker at a time across processes (an occurrence that finds another running is skipped).
 */
export function RepeatableJob(queue: string, name: string, schedule: (config: AppConfig) => Schedule) {
  return <R>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<() => Promise<R>>): void => {
    SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER, { queue, names: [name], schedule })(target, key, descriptor);
  };
}
