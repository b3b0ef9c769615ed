import { Module } from '@nestjs/common';
import { AttributionModule } from 'src/attribution/attribution.module';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { CrmHistoryResolver } from 'src/crm/crm-history.resolver';
import { CrmSearchResolver } from 'src/crm/search/crm-search.resolver';
import { CrmSearchService } from 'src/crm/search/crm-search.service';
import { CRM_QUEUE, CrmWorkerService, PROCESS_WEBHOOK_JOB } from 'src/crm/crm-worker.service';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { CompanyHook } from 'src/crm/hooks/company.hook';
import { CrmDeleteHook } from 'src/crm/hooks/crm-delete.hook';
import { DealHook } from 'src/crm/hooks/deal.hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';
import { MirrorEditHook } from 'src/crm/hooks/mirror-edit.hook';
import { TwentyLinkHook } from 'src/crm/hooks/twenty-link.hook';
import { LinksModule } from 'src/links/links.module';
import { SecurityModule } from 'src/security/security.module';
import { SettingsModule } from 'src/settings/settings.module';
import { LeadFormHandler } from 'src/crm/leads/lead-form.handler';
import { LeadIntakeService } from 'src/crm/leads/lead-intake.service';
import { PendingLeadsRepository } from 'src/crm/leads/pending-leads.repository';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TwentyChangesService } from 'src/crm/twenty/twenty-changes.service';
import { TwentyConnectionRepository } from 'src/crm/twenty/twenty-connection.repository';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyDeliveryRepository } from 'src/crm/twenty/twenty-delivery.repository';
import { TwentySyncCursorRepository } from 'src/crm/twenty/twenty-sync-cursor.repository';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { TwentyPendingRepository } from 'src/crm/twenty/twenty-pending.repository';
import { TwentyRequestBudget } from 'src/crm/twenty/twenty-request-budget.service';
import { TWENTY_OUTBOX_JOBS, TWENTY_OUTBOX_QUEUE, TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { TwentySyncResolver } from 'src/crm/twenty/twenty-sync.resolver';
import { RECONCILE_JOB, TWENTY_SYNC_QUEUE, TwentySyncService } from 'src/crm/twenty/twenty-sync.service';
import { TwentyPersonEmails } from 'src/crm/twenty/twenty-person-emails.service';
import { TwentyWebhookHandler } from 'src/crm/twenty/twenty-webhook.handler';
import { TwentyCommands } from 'src/crm/twenty/twenty.commands';
import { VisitorIdentityModule } from 'src/tracking/visitors/visitor-identity.module';

@Module({
  imports: [
    AttributionModule,
    VisitorIdentityModule,
    LinksModule,
    WorkspaceModule,
    SecurityModule,
    SettingsModule,
    JobQueueModule.register({
      name: CRM_QUEUE,
      concurrency: 2,
      jobs: [PROCESS_WEBHOOK_JOB],
      options: () => ({ defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: false } }),
    }),
    JobQueueModule.register({
      name: TWENTY_OUTBOX_QUEUE,
      // One write at a time, in order, whatever the job's name: the request budget and batching assume it.
      concurrency: 1,
      jobs: TWENTY_OUTBOX_JOBS,
      options: () => ({ defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false } }),
    }),
    JobQueueModule.register({ name: TWENTY_SYNC_QUEUE, concurrency: 1, jobs: [RECONCILE_JOB] }),
  ],
  providers: [TwentyChangesService, TwentyMirrorRepository, TwentyPendingRepository, TwentyRequestBudget, TwentyConnectionService, TwentyConnectionRepository, TwentyDeliveryRepository, TwentySyncCursorRepository, TwentyInstallService, TwentySyncService, TwentySyncResolver, TwentyOutboxService, CrmWriter, TwentyWebhookHandler, LeadFormHandler, LeadIntakeService, PendingLeadsRepository, CrmWorkerService, CrmRecordsRepository, CrmHistoryResolver, CrmSearchService, CrmSearchResolver, CompanyRollupService, TwentyPersonEmails, LeadHook, DealHook, CompanyHook, TwentyLinkHook, MirrorEditHook, CrmDeleteHook, TwentyCommands],
  exports: [TwentyConnectionService, TwentyOutboxService, CrmWriter, TwentySyncService, TwentyWebhookHandler, LeadFormHandler],
})
export class CrmModule {}
