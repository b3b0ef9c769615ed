import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { decoratedMethods } from 'src/common/discovery/decorated-methods';
import { JOB_HANDLER, JobHandlerMetadata } from 'src/common/queue/job-handler.decorator';
import { DeclaredJobQueue, JobQueueDefinition } from 'src/common/queue/job-queue.module';
import { runExclusive } from 'src/common/queue/job-lock';
import { scheduleRepeatable } from 'src/common/queue/repeatable-job.util';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';

// A repeatable run renews its lock every third of this; a crashed one frees it after this long.
const LOCK_LEASE_MS = 60_000;

/** Job.prototype.moveToDelayed(timestamp) of Bull 4: 0 once moved, a negative code when the job is not this process's to move. */
type UntypedJob = Job<unknown> & { moveToDelayed(timestamp: number): Promise<number> };

type FoundHandler = JobHandlerMetadata & { owner: string; run: (job: Job<unknown>) => Promise<unknown> };

/**
 * The one place jobs are wired: finds every declared queue (JobQueueModule.register) and every
 * @JobHandler / @RepeatableJob method, refuses to start when a declared job has no handler or two
 * (or a handler names a job no queue declares), schedules the repeatable jobs, and, unless
 * TRACKFLOW_WORKERS=false, starts one processor per queue with its declared concurrency.
 *
 * On shutdown the processors stop first: Bull closes its queues only after every module's destroy
 * hook, Redis's included (a global module's hooks run last), so a job still running, or one taken
 * in between, would find Redis closed under it and fail an attempt for nothing. A job Bull took for
 * this process but never started is handed back (see handBackUnstarted).
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly processing: Queue[] = [];
  /** Per queue, the ids of the jobs whose handler this process is running. */
  private readonly running = new Map<Queue, Set<string>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const definitions = this.declaredQueues();
    const handlers = this.handlers();
    const problems = wiringProblems(definitions, handlers);
    if (problems.length > 0) throw new Error(`jobs are wired wrongly:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    for (const handler of handlers) {
      if (handler.schedule) await scheduleRepeatable(this.queue(handler.queue), handler.names[0], handler.schedule(this.config));
    }
    if (!this.config.runWorkers) return;
    for (const definition of definitions) this.start(definition, handlers.filter((handler) => handler.queue === definition.name));
  }

  /**
   * Takes no more jobs and waits for the running ones, while Redis and the database are still open.
   * A queue that cannot pause (Redis away) is left to Bull's own close, so the rest of the shutdown still runs.
   */
  async onModuleDestroy(): Promise<void> {
    const stopping = this.processing.splice(0).map(async (queue) => {
      try {
        await queue.pause(true);
        await this.handBackUnstarted(queue);
      } catch (error) {
        this.logger.warn(`${queue.name}: could not stop taking jobs: ${(error as Error).message}`);
      }
    });
    await Promise.all(stopping);
  }

  /**
   * A job that finishes as the pause begins takes the next one with it (Bull's completion fetches the
   * next job in the same script), locks it for this process and then never starts it, paused. Left
   * alone, nobody could run it until its lock ran out and a stalled check noticed (30 s and more by
   * default); put back in the queue, another worker runs it at once. Attempts are not counted.
   */
  private async handBackUnstarted(queue: Queue): Promise<void> {
    const running = this.running.get(queue) ?? new Set<string>();
    for (const job of await queue.getActive()) {
      if (running.has(String(job.id))) continue;
      // Bull 4's own move (untyped in its declarations): in one script, only if this process holds the lock, else it answers below 0.
      const moved = await (job as UntypedJob).moveToDelayed(Date.now()).catch(() => -1);
      if (moved === 0) this.logger.log(`${queue.name}: job ${job.name} ${job.id}, taken as this process stopped, is back in the queue`);
    }
  }

  /**
   * One process function per queue, dispatching by job name, so the declared concurrency bounds all
   * its jobs together and a queue with concurrency 1 keeps one order across its job names.
   */
  private start(definition: JobQueueDefinition, handlers: FoundHandler[]): void {
    const queue = this.queue(definition.name);
    this.processing.push(queue);
    const running = new Set<string>();
    this.running.set(queue, running);
    const byName = new Map(handlers.flatMap((handler) => handler.names.map((name) => [name, handler] as const)));
    // process() settles only when the queue closes; a failing job is reported through 'failed'.
    void queue.process('*', definition.concurrency, async (job: Job<unknown>) => {
      const handler = byName.get(job.name);
      if (!handler) throw new Error(`no handler for job ${job.name} of queue ${definition.name}`);
      running.add(String(job.id));
      try {
        return await handler.run(job);
      } finally {
        running.delete(String(job.id));
      }
    });
    queue.on('failed', (job: Job<unknown>, error: Error) => this.logger.error(`${definition.name}: job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`));
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name) as never, { strict: false });
  }

  private declaredQueues(): JobQueueDefinition[] {
    const queues = new Map<string, JobQueueDefinition>();
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.instance instanceof DeclaredJobQueue) queues.set(wrapper.instance.definition.name, wrapper.instance.definition);
    }
    return [...queues.values()];
  }

  private handlers(): FoundHandler[] {
    return decoratedMethods<JobHandlerMetadata>(this.discovery, this.scanner, this.reflector, JOB_HANDLER).map(({ metadata, owner, call }) => ({
      ...metadata,
      owner,
      run: metadata.schedule ? (job) => this.runAlone(job.name, () => call()) : (job) => call(job),
    }));
  }

  /** Bull runs each occurrence once, but a run outlasting its interval, a stalled retry or a manual run would overlap another. */
  private async runAlone(name: string, run: () => Promise<unknown>): Promise<unknown> {
    const outcome = await runExclusive(this.redis.client, `job:${name}`, LOCK_LEASE_MS, run);
    if (outcome.ran) return outcome.result;
    this.logger.log(`${name} skipped: another worker is running it`);
    return { skipped: true };
  }
}

/** What keeps the declared queues and the handlers found from matching one to one, as sentences for the operator. */
function wiringProblems(queues: readonly JobQueueDefinition[], handlers: readonly FoundHandler[]): string[] {
  const problems: string[] = [];
  for (const queue of queues) {
    for (const name of queue.jobs) {
      const owners = handlers.filter((handler) => handler.queue === queue.name && handler.names.includes(name)).map((handler) => handler.owner);
      if (owners.length === 0) problems.push(`job ${name} of queue ${queue.name} has no handler`);
      if (owners.length > 1) problems.push(`job ${name} of queue ${queue.name} has ${owners.length} handlers: ${owners.join(', ')}`);
    }
  }
  for (const handler of handlers) {
    const queue = queues.find((candidate) => candidate.name === handler.queue);
    for (const name of handler.names.filter((candidate) => !queue?.jobs.includes(candidate))) {
      problems.push(`${handler.owner} handles job ${name} of queue ${handler.queue}, which ${queue ? 'does not declare it' : 'is not registered'}`);
    }
  }
  return problems;
}
