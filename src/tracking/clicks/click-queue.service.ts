import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bull';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { CLICKS_QUEUE, RecordedClick } from 'src/tracking/clicks/recorded-click';
import { PersistClicksJob, PersistClicksPayload } from 'src/tracking/clicks/persist-clicks.job';

const MAX_BATCH = 200;
// Writes in flight at once: under load the next batch fills while these are in Redis.
const MAX_IN_FLIGHT = 4;
const ENQUEUE_TIMEOUT_MS = 750;
const REPLAY_INTERVAL_MS = 1000;

type Waiter = { click: RecordedClick; done: () => void };

/**
 * Group commit for clicks: redirects arriving while earlier writes are in flight share the next
 * Bull job, and each redirect is answered only once its click is in Redis or, if Redis is
 * unreachable, in the local journal. There is no fixed wait: a lone click is written at once,
 * and batches grow only as fast as Redis round trips make clicks queue up behind them.
 */
@Injectable()
export class ClickQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClickQueueService.name);
  private waiting: Waiter[] = [];
  private flushScheduled = false;
  private inFlight = 0;
  private replayTimer?: NodeJS.Timeout;
  private replaying = false;

  constructor(
    @InjectQueue(CLICKS_QUEUE) private readonly queue: Queue<PersistClicksPayload>,
    private readonly journal: ClickJournalService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.journal.scanBacklog();
    this.replayTimer = setInterval(() => void this.replayJournal(), REPLAY_INTERVAL_MS);
    this.replayTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.replayTimer);
  }

  get journalBacklog(): number {
    return this.journal.backlog;
  }

  record(click: RecordedClick): Promise<void> {
    return new Promise((done) => {
      this.waiting.push({ click, done });
      this.scheduleFlush();
    });
  }

  /** setImmediate lets every request parsed in the same I/O turn join one batch. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.waiting.length === 0) return;
    if (this.inFlight >= MAX_IN_FLIGHT && this.waiting.length < MAX_BATCH) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.inFlight += 1;
    this.scheduleFlush();
    const clicks = batch.map((waiter) => waiter.click);
    try {
      await this.enqueue(clicks);
    } catch (error) {
      this.logger.warn(`Redis did not take ${clicks.length} click(s), journalling them: ${(error as Error).message}`);
      try {
        await this.journal.append(clicks);
      } catch (journalError) {
        this.logger.error(`could not journal ${clicks.length} click(s): ${(journalError as Error).message}`);
      }
    } finally {
      this.inFlight -= 1;
    }
    batch.forEach((waiter) => waiter.done());
    this.scheduleFlush();
  }

  /** Fails fast when Redis is down, instead of letting the visitor wait on ioredis's reconnects. */
  private async enqueue(clicks: RecordedClick[]): Promise<void> {
    if (this.queue.client.status !== 'ready') throw new Error(`Redis connection is ${this.queue.client.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue.add(PersistClicksJob.name, { clicks }, { jobId: `clicks:${clicks[0].id}` }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async replayJournal(): Promise<number> {
    if (this.replaying || this.queue.client.status !== 'ready') return 0;
    this.replaying = true;
    try {
      const replayed = await this.journal.replay((clicks) => this.enqueue(clicks));
      if (replayed > 0) this.logger.log(`replayed ${replayed} journalled click(s) into the queue`);
      return replayed;
    } finally {
      this.replaying = false;
    }
  }
}
