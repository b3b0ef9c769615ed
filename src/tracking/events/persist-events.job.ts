import { Injectable } from '@nestjs/common';
import { SettingsService } from 'src/settings/settings.service';
import { EventBatchToStore, EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { ReceivedEventBatch } from 'src/tracking/events/received-event-batch';
import { trafficFlags } from 'src/tracking/rules/traffic-flags.util';

export type PersistEventsPayload = { batches: ReceivedEventBatch[] };

/** Flags each collected request under its workspace's settings (bots, internal IPs, IP anonymisation) and stores them together. */
@Injectable()
export class PersistEventsJob {
  constructor(
    private readonly settings: SettingsService,
    private readonly persistence: EventPersistenceRepository,
  ) {}

  async handle(payload: PersistEventsPayload): Promise<number> {
    const batches: EventBatchToStore[] = [];
    for (const batch of payload.batches) {
      const { settings, internalRanges } = await this.settings.get(batch.workspaceId);
      const flags = trafficFlags(batch.ip, batch.userAgent, { ...settings, internalRanges });
      batches.push({ workspaceId: batch.workspaceId, visitorId: batch.visitorId, userAgent: batch.userAgent, flags, events: batch.events });
    }
    return this.persistence.persist(batches);
  }
}
