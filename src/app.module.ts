import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AdminModule } from 'src/admin/admin.module';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { AttributionModule } from 'src/attribution/attribution.module';
import { CrmModule } from 'src/crm/crm.module';
import { DashboardModule } from 'src/dashboard/dashboard.module';
import { formatGraphqlError } from 'src/common/errors/format-graphql-error';
import { GraphqlExceptionFilter } from 'src/common/errors/graphql-exception.filter';
import { ExportsModule } from 'src/exports/exports.module';
import { HealthModule } from 'src/common/health/health.module';
import { PlatformModule } from 'src/common/platform/platform.module';
import { JobWorkersModule } from 'src/common/queue/job-workers.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { LinksModule } from 'src/links/links.module';
import { PrivacyModule } from 'src/privacy/privacy.module';
import { RedirectModule } from 'src/redirect/redirect.module';
import { SecurityModule } from 'src/security/security.module';
import { WebhooksModule } from 'src/security/webhooks/webhooks.module';
import { SettingsModule } from 'src/settings/settings.module';
import { TrackingModule } from 'src/tracking/tracking.module';

/** The server: the platform, GraphQL, /healthz, the worker bootstrap, and every feature. */
@Module({
  imports: [
    PlatformModule.forRoot({ database: true, workers: true }),
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      sortSchema: true,
      path: '/graphql',
      context: ({ req }: { req: unknown }) => ({ req }),
      formatError: formatGraphqlError,
      // Keep the 401/403 that ApiKeyGuard sets; Nest would otherwise answer 200 to every execution error.
      preserveHttpStatusForExecutionErrors: false,
    }),
    HealthModule,
    JobWorkersModule,
    WorkspaceModule,
    SecurityModule,
    WebhooksModule,
    SettingsModule,
    TrackingModule,
    ExportsModule,
    RedirectModule,
    LinksModule,
    AttributionModule,
    AnalyticsModule,
    PrivacyModule,
    CrmModule,
    AdminModule,
    DashboardModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
})
export class AppModule {}
