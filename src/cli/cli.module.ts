import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { typeOrmModuleOptions } from 'src/common/database/database-bootstrap';
import { DomainEventsModule } from 'src/common/events/domain-events';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { SecurityModule } from 'src/security/security.module';

/** What CLI commands need: the database, the key service and analytics, without HTTP, Redis or workers. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => typeOrmModuleOptions(config.databaseUrl) }),
    WorkspaceModule,
    SecurityModule,
    // Nothing subscribes in a CLI process: the mirror, webhooks and the link cache live in the server.
    DomainEventsModule,
    AnalyticsModule,
  ],
})
export class CliModule {}
