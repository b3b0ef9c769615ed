import { Injectable } from '@nestjs/common';
import { SettingsService } from 'src/settings/settings.service';
import { EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { ReceivedEventBatch } from 'src/tracking/events/received-event-batch';
import { trafficFlags } from 'src/tracking/rules/traffic-flags.util';

/** Flags a collected batch under its workspace's settings (bots, internal IPs, IP anonymisation) and stores it. */
@Injectable()
export class PersistEventsJob {
  constructor(
    private readonly settings: SettingsService,
    private readonly persistence: EventPersistenceRepository,
  ) {}

  async handle(batch: ReceivedEventBatch): Promise<number> {
    const { settings, internalRanges } = await this.settings.get(batch.workspaceId);
    const flags = trafficFlags(batch.ip, batch.userAgent, { ...settings, internalRanges });
    return this.persistence.persist({ workspaceId: batch.workspaceId, visitorId: batch.visitorId, userAgent: batch.userAgent, flags, events: batch.events });
  }
}
