import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { AppConfig } from 'src/config/app-config';
import { TwentyApiError, TwentyClient } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';

export const TWENTY_OUTBOX_QUEUE = 'trackflow-twenty-outbox';
const UPDATE_RECORD_JOB = 'update-twenty-record';
const UPSERT_PERSON_JOB = 'upsert-twenty-person';

export type RecordUpdate = { workspaceId: string; plural: string; recordId: string; data: Record<string, unknown> };
/** A lead form's person: found by email in Twenty and updated, or created. */
export type PersonUpsert = { workspaceId: string; email: string; firstName: string; lastName: string; visitorId: string | null };
type OutboxJob = RecordUpdate | PersonUpsert;

/**
 * Writes to Twenty go through this queue: one at a time (so a record's updates arrive in order),
 * at most 90 a minute (under Twenty's 100), retried with back-off on 429, 5xx and timeouts. A
 * write Twenty refuses for good (400, 404) fails its job visibly instead of being retried forever.
 */
@Injectable()
export class TwentyOutboxService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TwentyOutboxService.name);

  constructor(
    @InjectQueue(TWENTY_OUTBOX_QUEUE) private readonly queue: Queue<OutboxJob>,
    private readonly connections: TwentyConnectionService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    // One process function for both job names keeps the queue's one-at-a-time order across them.
    void this.queue.process('*', 1, (job) => this.write(job));
    this.queue.on('failed', (job, error) => this.logger.error(`Twenty write ${job.name} failed (attempt ${job.attemptsMade}): ${error.message}`));
  }

  async updateRecord(update: RecordUpdate): Promise<void> {
    await this.queue.add(UPDATE_RECORD_JOB, update);
  }

  async upsertPerson(person: PersonUpsert): Promise<void> {
    await this.queue.add(UPSERT_PERSON_JOB, person);
  }

  private async write(job: Job<OutboxJob>): Promise<void> {
    const connection = await this.connections.findByWorkspace(job.data.workspaceId);
    if (!connection) {
      await job.discard();
      throw new Error(`workspace ${job.data.workspaceId} has no Twenty connection any more`);
    }
    const client = new TwentyClient(connection.twentyUrl, connection.apiKey, { maxAttempts: 2 });
    try {
      if (job.name === UPSERT_PERSON_JOB) await this.upsert(client, job.data as PersonUpsert);
      else {
        const { plural, recordId, data } = job.data as RecordUpdate;
        await client.updateRecord(plural, recordId, data);
      }
    } catch (error) {
      if (error instanceof TwentyApiError && error.status >= 400 && error.status < 500 && error.status !== 429) await job.discard();
      throw error;
    }
  }

  /** Twenty then sends person.created or person.updated, and the lead hook takes it from there. */
  private async upsert(client: TwentyClient, person: PersonUpsert): Promise<void> {
    const [existing] = await client.findPeopleByEmail(person.email);
    const visitor = person.visitorId ? { trackflowVisitorId: person.visitorId } : {};
    if (!existing) await client.createRecord('people', { name: { firstName: person.firstName, lastName: person.lastName }, emails: { primaryEmail: person.email }, ...visitor });
    // A known person's details are Twenty's to keep; the form only brings the device it came from.
    else if (person.visitorId) await client.updateRecord('people', existing.id, visitor);
  }
}
