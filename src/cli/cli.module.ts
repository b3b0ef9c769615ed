import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmModuleOptions } from 'src/common/database/database-bootstrap';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { SecurityModule } from 'src/security/security.module';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';

/** What CLI commands need: the database and the key service, without HTTP, Redis or workers. */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => typeOrmModuleOptions(config.databaseUrl) }),
    WorkspaceModule,
    SecurityModule,
  ],
  providers: [TwentyConnectionService, TwentyInstallService],
})
export class CliModule {}
