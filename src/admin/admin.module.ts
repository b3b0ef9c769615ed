import { Module } from '@nestjs/common';
import { AdminResolver } from 'src/admin/admin.resolver';
import { QueueDashboardService } from 'src/admin/queue-dashboard.service';
import { RegisteredQueuesModule } from 'src/common/queue/registered-queues.module';

@Module({ imports: [RegisteredQueuesModule], providers: [QueueDashboardService, AdminResolver] })
export class AdminModule {}
