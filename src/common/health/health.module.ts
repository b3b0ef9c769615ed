import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthController } from 'src/common/health/health.controller';

@Module({ imports: [DiscoveryModule], controllers: [HealthController] })
export class HealthModule {}
