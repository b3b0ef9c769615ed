import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { GroupCommitOptions, GroupCommitter, jobsToKeepWritesFull } from 'src/common/queue/group-committer';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { SettingsService } from 'src/settings/settings.service';
import { EventBatchToStore, EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { EVENTS_QUEUE, ReceivedEventBatch } from 'src/tracking/events/received-event-batch';
import { IpCountryService } from 'src/tracking/geo/ip-country.service';
import { trafficFlags } from 'src/tracking/rules/traffic-flags.util';

export type PersistEventsPayload = { batches: ReceivedEventBatch[] };

/**
 * Jobs stored in one transaction at most, and transactions at once. A transaction costs about
 * as much for a few visitors as for many (round trips, planning, the commit), so jobs waiting
 * while others are stored share the next transaction; two keep both cores of a small server busy.
 */
const TRANSACTIONS: GroupCommitOptions = { maxBatch: 16, maxInFlight: 2, retryAlone: true };
export const EVENT_JOBS_AT_ONCE = jobsToKeepWritesFull(TRANSACTIONS);

/**
 * Flags each collected request under its workspace's settings (bots, internal IPs, IP anonymisation),
 * looks its country up from the address as received, and stores it with the jobs waiting alongside.
 * A transaction that fails is tried again job by job, so a bad job never makes the jobs that shared
 * its transaction fail.
 */
@Injectable()
export class PersistEventsJob {
  private readonly committer = new GroupCommitter<EventBatchToStore[], number>((jobs) => this.store(jobs), TRANSACTIONS);

  constructor(
    private readonly settings: SettingsService,
    private readonly persistence: EventPersistenceRepository,
    private readonly countries: IpCountryService,
  ) {}

  @JobHandler(EVENTS_QUEUE, PersistEventsJob.name)
  async process(job: Job<PersistEventsPayload>): Promise<{ stored: number; received: number }> {
    return { stored: await this.handle(job.data), received: job.data.batches.reduce((sum, batch) => sum + batch.events.length, 0) };
  }

  /** Resolves with how many of the job's events were stored (replays store none) once they are committed. */
  async handle(payload: PersistEventsPayload): Promise<number> {
    const batches: EventBatchToStore[] = [];
    for (const batch of payload.batches) {
      const { settings, internalRanges } = await this.settings.get(batch.workspaceId);
      const flags = trafficFlags(batch.ip, batch.userAgent, { ...settings, internalRanges });
      batches.push({ workspaceId: batch.workspaceId, visitorId: batch.visitorId, userAgent: batch.userAgent, flags, country: this.countries.countryOf(batch.ip), events: batch.events });
    }
    return this.committer.submit(batches);
  }

  private async store(jobs: EventBatchToStore[][]): Promise<number[]> {
    const storedOfBatch = await this.persistence.persist(jobs.flat());
    let offset = 0;
    return jobs.map((batches) => {
      const stored = storedOfBatch.slice(offset, offset + batches.length).reduce((sum, count) => sum + count, 0);
      offset += batches.length;
      return stored;
    });
  }
}
