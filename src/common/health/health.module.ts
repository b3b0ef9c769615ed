import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ReadReplicaModule } from 'src/common/database/read-replica.module';
import { HealthController } from 'src/common/health/health.controller';

@Module({ imports: [DiscoveryModule, ReadReplicaModule], controllers: [HealthController] })
export class HealthModule {}
