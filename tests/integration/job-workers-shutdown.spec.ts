import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { PlatformModule } from 'src/common/platform/platform.module';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { JobWorkersModule } from 'src/common/queue/job-workers.module';
import { RedisService } from 'src/common/redis/redis.service';
import { waitFor, withEnv } from 'tests/support/waiting';

const QUEUE = 'trackflow-shutdown-probe';

/** A job that is running when the process is asked to stop, and writes to Redis once let go. */
@Injectable()
class RunningWhenStopped {
  private letGo!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.letGo = resolve));
  private markStarted!: () => void;
  readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  outcome = 'not run';

  constructor(private readonly redis: RedisService) {}

  @JobHandler(QUEUE, 'write-after-release')
  async run(job: Job<{ key: string }>): Promise<void> {
    this.markStarted();
    await this.released;
    this.outcome = await this.redis.client.set(job.data.key, '1', 'EX', 60).catch((error: Error) => error.message);
  }

  release(): void {
    this.letGo();
  }
}

/** A job that only notes that it ran. */
@Injectable()
class NotesRuns {
  readonly ran: string[] = [];

  @JobHandler(QUEUE, 'note-run')
  async run(job: Job<Record<string, never>>): Promise<void> {
    this.ran.push(String(job.id));
  }
}

@Module({
  imports: [PlatformModule.forRoot({ database: false, workers: true }), JobQueueModule.register({ name: QUEUE, concurrency: 1, jobs: ['write-after-release', 'note-run'] }), JobWorkersModule],
  providers: [RunningWhenStopped, NotesRuns],
})
class ProbeModule {}

/** `fresh` empties what earlier tests left waiting or delayed; a process taking over from a stopped one keeps it. */
async function startProbe(fresh = true): Promise<{ app: INestApplicationContext; queue: Queue }> {
  const app = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
  // As the server does at start: the command connection fails fast rather than queue while it opens.
  await app.get(RedisService).connect();
  const queue = app.get<Queue>(getQueueToken(QUEUE) as never);
  if (fresh) await queue.empty();
  return { app, queue };
}

/**
 * A process asked to stop (a redeploy's SIGTERM, a test's server.stop) while a job runs: the job
 * ends with Redis and the rest still open, and nothing taken meanwhile is left to fail.
 */
describe('stopping a worker process', () => {
  it('lets the running job finish with Redis still open, then closes', async () => {
    const { app, queue } = await startProbe();
    const probe = app.get(RunningWhenStopped);
    await queue.add('write-after-release', { key: `shutdown-probe:${randomUUID()}` });
    await probe.started;

    const closed = app.close();
    // Long enough for every destroy hook that does not wait on the job to have run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    probe.release();
    await closed;

    expect(probe.outcome).toBe('OK');
  });

  it("hands back a job it took but never started as it stopped, and another worker runs it at once, not after Bull's 30-s lock", async () => {
    const { app: stopping, queue } = await startProbe();
    const probe = stopping.get(RunningWhenStopped);
    await queue.add('write-after-release', { key: `shutdown-probe:${randomUUID()}` });
    await probe.started;
    // As a job finishing just before the pause takes the next one: locked for this process (the probe queue keeps Bull's 30-s lock), never started.
    const taken = await queue.add('note-run', {});
    expect(String((await (queue as Queue & { moveToActive(): Promise<Job | null> }).moveToActive())?.id)).toBe(String(taken.id));
    const closed = stopping.close();
    probe.release();
    await closed;

    const { app } = await startProbe(false);
    try {
      await waitFor(async () => (app.get(NotesRuns).ran.length > 0 ? true : undefined), 10_000, 'the job taken at shutdown to run');
      expect(app.get(NotesRuns).ran).toEqual([String(taken.id)]);
    } finally {
      await app.close();
    }
  });

  it('runs a job that a worker took from Redis just as it died, as soon as QUEUE_LOCK_MS says (1.5 s in tests), not after Bull\'s 30 s', async () => {
    // A process that only enqueues plays the dead worker's last fetch by hand: the job moves to active, and nobody runs it.
    const enqueuer = await withEnv({ TRACKFLOW_WORKERS: 'false' }, startProbe);
    const job = await enqueuer.queue.add('note-run', {});
    expect(await enqueuer.queue.client.rpoplpush(enqueuer.queue.toKey('wait'), enqueuer.queue.toKey('active'))).toBe(String(job.id));
    await enqueuer.app.close();

    const { app } = await startProbe();
    try {
      await waitFor(async () => (app.get(NotesRuns).ran.length > 0 ? true : undefined), 15_000, 'the orphaned job to run');
      expect(app.get(NotesRuns).ran).toEqual([String(job.id)]);
    } finally {
      await app.close();
    }
  });
});
