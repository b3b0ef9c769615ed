import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyAuthorizer } from 'src/common/auth/api-key-authorizer';
import { ApiKeyGuard } from 'src/common/auth/api-key.guard';
import { ApiKeyAccessService } from 'src/security/api-keys/api-key-access.service';
import { ApiKeyAdminService } from 'src/security/api-keys/api-key-admin.service';
import { ApiKeysResolver } from 'src/security/api-keys/api-keys.resolver';
import { ApiRequestLogRepository } from 'src/security/request-log/api-request-log.repository';
import { ApiRequestLogResolver } from 'src/security/request-log/api-request-log.resolver';
import { ApiRequestLogService } from 'src/security/request-log/api-request-log.service';

/** The server's side of security (needs Redis): the global guard, key access checks and key management, the request log. */
@Global()
@Module({
  providers: [ApiKeyAccessService, { provide: ApiKeyAuthorizer, useExisting: ApiKeyAccessService }, ApiKeyGuard, { provide: APP_GUARD, useExisting: ApiKeyGuard }, ApiKeyAdminService, ApiKeysResolver, ApiRequestLogRepository, ApiRequestLogResolver, ApiRequestLogService],
  exports: [ApiKeyAccessService, ApiKeyGuard, ApiRequestLogService],
})
export class SecurityApiModule {}
