import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from 'src/security/api-keys/api-key.entity';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';

/** What the CLI shares with the server: issuing keys needs the database only. */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([ApiKey])], providers: [ApiKeyRepository, ApiKeyService], exports: [ApiKeyRepository, ApiKeyService] })
export class SecurityModule {}
