import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from 'src/admin/admin.module';
import { AnalyticsJobsModule } from 'src/analytics/analytics-jobs.module';
import { AttributionModule } from 'src/attribution/attribution.module';
import { CrmModule } from 'src/crm/crm.module';
import { DashboardModule } from 'src/dashboard/dashboard.module';
import { formatGraphqlError } from 'src/common/errors/format-graphql-error';
import { GraphqlExceptionFilter } from 'src/common/errors/graphql-exception.filter';
import { HealthModule } from 'src/common/health/health.module';
import { DomainEventsModule } from 'src/common/events/domain-events';
import { JobWorkersModule } from 'src/common/queue/job-workers.module';
import { RedisModule } from 'src/common/redis/redis.module';
import { WorkspaceApiModule } from 'src/common/workspace/workspace-api.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { LinksModule } from 'src/links/links.module';
import { PrivacyModule } from 'src/privacy/privacy.module';
import { RedirectModule } from 'src/redirect/redirect.module';
import { RateLimitsModule } from 'src/security/rate-limits/rate-limits.module';
import { SecurityApiModule } from 'src/security/security-api.module';
import { SecurityModule } from 'src/security/security.module';
import { WebhooksModule } from 'src/security/webhooks/webhooks.module';
import { SettingsModule } from 'src/settings/settings.module';
import { typeOrmModuleOptions } from 'src/common/database/database-bootstrap';
import { TrackingModule } from 'src/tracking/tracking.module';

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => typeOrmModuleOptions(config.databaseUrl),
    }),
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ url: config.redisUrl, prefix: config.redisPrefix }),
    }),
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
    RedisModule,
    HealthModule,
    JobWorkersModule,
    DomainEventsModule,
    WorkspaceModule,
    WorkspaceApiModule,
    SecurityModule,
    RateLimitsModule,
    SecurityApiModule,
    WebhooksModule,
    SettingsModule,
    TrackingModule,
    RedirectModule,
    LinksModule,
    AttributionModule,
    AnalyticsJobsModule,
    PrivacyModule,
    CrmModule,
    AdminModule,
    DashboardModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
})
export class AppModule {}
