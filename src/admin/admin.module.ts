import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminResolver } from 'src/admin/admin.resolver';
import { QueueDashboardService } from 'src/admin/queue-dashboard.service';

@Module({ imports: [DiscoveryModule], providers: [QueueDashboardService, AdminResolver] })
export class AdminModule {}
