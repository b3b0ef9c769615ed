import { Query, Resolver } from '@nestjs/graphql';
import { QueueStatusDto } from 'src/admin/queue-dashboard.dto';
import { QueueDashboardService } from 'src/admin/queue-dashboard.service';
import { RequireScope } from 'src/common/auth/api-key.guard';

/** Operator views; they show every workspace's jobs, hence the admin scope. */
@Resolver()
export class AdminResolver {
  constructor(private readonly dashboard: QueueDashboardService) {}

  @Query(() => [QueueStatusDto], { description: 'Bull queues: job counts, repeatable jobs and their next run, recent failures (admin scope)' })
  @RequireScope('admin')
  queues(): Promise<QueueStatusDto[]> {
    return this.dashboard.status();
  }
}
