import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { GroupCommitter } from 'src/common/queue/group-committer';
import { Jobs } from 'src/common/queue/jobs.service';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { RecordedClick } from 'src/tracking/clicks/recorded-click';
import { PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';

const ENQUEUE_TIMEOUT_MS = 750;
const REPLAY_INTERVAL_MS = 1000;

/**
 * Bull skips a job whose id it still holds, so the id names every click of the job: a journal
 * replay (whose batches need not match the jobs first tried) is skipped only when exactly that
 * job is already queued, never when it merely starts with the same click.
 */
export const clickJobId = (clicks: RecordedClick[]): string => `clicks:${createHash('sha256').update(clicks.map((click) => click.id).join(',')).digest('base64url')}`;

/**
 * Clicks on their way to Redis: redirects arriving together share one Bull job (group commit), and
 * each redirect is answered only once its click is in Redis and on a replica of the queue's
 * master (when it has one) or, if Redis refused or no replica took it in time, in the local
 * journal. A click both queued and journalled is stored once: the worker inserts by click id.
 */
@Injectable()
export class ClickQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClickQueueService.name);
  // Up to 200 clicks a job, 4 jobs in flight: under load the next batch fills while those are in Redis.
  private readonly committer = new GroupCommitter<RecordedClick>((clicks) => this.enqueueOrJournal(clicks), { maxBatch: 200, maxInFlight: 4 });
  private replayTimer?: NodeJS.Timeout;
  private replaying = false;

  constructor(
    private readonly jobs: Jobs,
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

  record(click: RecordedClick): Promise<void> {
    return this.committer.submit(click);
  }

  private async enqueueOrJournal(clicks: RecordedClick[]): Promise<void> {
    try {
      await this.enqueue(clicks);
    } catch (error) {
      this.logger.warn(`Redis did not take ${clicks.length} click(s), journalling them: ${(error as Error).message}`);
      try {
        await this.journal.append(clicks);
      } catch (journalError) {
        this.logger.error(`could not journal ${clicks.length} click(s): ${(journalError as Error).message}`);
      }
    }
  }

  private enqueue(clicks: RecordedClick[]): Promise<void> {
    return this.jobs.enqueue(PersistClicksJob, { clicks }, { jobId: clickJobId(clicks), withinMs: ENQUEUE_TIMEOUT_MS, replicated: true });
  }

  async replayJournal(): Promise<number> {
    if (this.replaying || !this.jobs.connected(PersistClicksJob)) return 0;
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
