import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from 'src/common/auth/api-key.guard';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';

@Global()
@Module({ providers: [ApiKeyRepository, ApiKeyService, ApiKeyGuard], exports: [ApiKeyService, ApiKeyGuard] })
export class SecurityModule {}
