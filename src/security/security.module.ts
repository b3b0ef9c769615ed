import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyAuthorizer } from 'src/common/auth/api-key-authorizer';
import { ApiKeyGuard } from 'src/common/auth/api-key.guard';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { ApiKeyAccessService } from 'src/security/api-keys/api-key-access.service';
import { ApiKeyAdminService } from 'src/security/api-keys/api-key-admin.service';
import { ApiKeyCommands } from 'src/security/api-keys/api-key.commands';
import { ApiKey } from 'src/security/api-keys/api-key.entity';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { ApiKeysResolver } from 'src/security/api-keys/api-keys.resolver';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { SiteGateService } from 'src/security/rate-limits/site-gate.service';
import { ApiRequestLogRepository } from 'src/security/request-log/api-request-log.repository';
import { ApiRequestLogResolver } from 'src/security/request-log/api-request-log.resolver';
import { ApiRequestLogService } from 'src/security/request-log/api-request-log.service';
import { SettingsModule } from 'src/settings/settings.module';

/** API keys (issued, checked by the global guard, managed), rate limits and the site gate, the request log, and the api-key:create command. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), WorkspaceModule, SettingsModule],
  providers: [
    ApiKeyRepository,
    ApiKeyService,
    ApiKeyAccessService,
    { provide: ApiKeyAuthorizer, useExisting: ApiKeyAccessService },
    ApiKeyGuard,
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    ApiKeyAdminService,
    ApiKeysResolver,
    ApiKeyCommands,
    RateLimiterService,
    SiteGateService,
    ApiRequestLogRepository,
    ApiRequestLogResolver,
    ApiRequestLogService,
  ],
  exports: [ApiKeyService, RateLimiterService, SiteGateService, ApiRequestLogService],
})
export class SecurityModule {}
