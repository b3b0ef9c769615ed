import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { AppConfig } from 'src/config/app-config';
import { TwentyApiError, TwentyClient } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';

export const TWENTY_OUTBOX_QUEUE = 'trackflow-twenty-outbox';
const UPDATE_RECORD_JOB = 'update-twenty-record';

export type RecordUpdate = { workspaceId: string; plural: string; recordId: string; data: Record<string, unknown> };

/**
 * Writes to Twenty go through this queue: one at a time (so a record's updates arrive in order),
 * at most 90 a minute (under Twenty's 100), retried with back-off on 429, 5xx and timeouts. A
 * write Twenty refuses for good (400, 404) fails its job visibly instead of being retried forever.
 */
@Injectable()
export class TwentyOutboxService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TwentyOutboxService.name);

  constructor(
    @InjectQueue(TWENTY_OUTBOX_QUEUE) private readonly queue: Queue<RecordUpdate>,
    private readonly connections: TwentyConnectionService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    void this.queue.process(UPDATE_RECORD_JOB, 1, (job) => this.write(job));
    this.queue.on('failed', (job, error) => this.logger.error(`Twenty write ${job.data.plural}/${job.data.recordId} failed (attempt ${job.attemptsMade}): ${error.message}`));
  }

  async updateRecord(update: RecordUpdate): Promise<void> {
    await this.queue.add(UPDATE_RECORD_JOB, update);
  }

  private async write(job: Job<RecordUpdate>): Promise<void> {
    const { workspaceId, plural, recordId, data } = job.data;
    const connection = await this.connections.findByWorkspace(workspaceId);
    if (!connection) {
      await job.discard();
      throw new Error(`workspace ${workspaceId} has no Twenty connection any more`);
    }
    try {
      await new TwentyClient(connection.twentyUrl, connection.apiKey, { maxAttempts: 2 }).updateRecord(plural, recordId, data);
    } catch (error) {
      if (error instanceof TwentyApiError && error.status >= 400 && error.status < 500 && error.status !== 429) await job.discard();
      throw error;
    }
  }
}
