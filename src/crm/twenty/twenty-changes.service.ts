import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { runCrmHooks } from 'src/crm/hooks';
import { crmChangeOf } from 'src/crm/twenty/twenty-change.adapter';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { SettingsService } from 'src/settings/settings.service';

/** Where Twenty's events, delivered or reconciled, enter TrackFlow: read as CRM changes, then handed to the hooks. */
@Injectable()
export class TwentyChangesService {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly settings: SettingsService,
  ) {}

  /** What each hook did; nothing for an event TrackFlow has no use for. */
  async apply(workspaceId: string, event: TwentyWebhookEvent): Promise<string[]> {
    const { settings } = await this.settings.get(workspaceId);
    const change = crmChangeOf(event, { leadStatusField: settings.leadStatusField });
    return change ? runCrmHooks(this.moduleRef, workspaceId, change) : [];
  }
}
