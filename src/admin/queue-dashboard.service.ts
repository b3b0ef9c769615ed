import { Injectable } from '@nestjs/common';
import { QueueStatusDto } from 'src/admin/queue-dashboard.dto';
import { RegisteredQueues } from 'src/common/queue/registered-queues.service';

const RECENT_FAILURES = 10;

/** A read-only view of every Bull queue the application registered. */
@Injectable()
export class QueueDashboardService {
  constructor(private readonly queues: RegisteredQueues) {}

  async status(): Promise<QueueStatusDto[]> {
    const statuses: QueueStatusDto[] = [];
    for (const queue of this.queues.all()) {
      const [counts, repeatable, failures, isPaused] = await Promise.all([queue.getJobCounts(), queue.getRepeatableJobs(), queue.getFailed(0, RECENT_FAILURES - 1), queue.isPaused()]);
      statuses.push({
        name: queue.name,
        isPaused,
        counts: { waiting: counts.waiting, active: counts.active, delayed: counts.delayed, completed: counts.completed, failed: counts.failed, paused: (counts as { paused?: number }).paused ?? 0 },
        repeatable: repeatable.map((job) => ({ name: job.name, cron: job.cron ?? null, everySeconds: job.every ? Math.round(Number(job.every) / 1000) : null, nextRunAt: job.next ? new Date(job.next) : null })),
        recentFailures: failures
          .filter((job) => job !== null && job !== undefined)
          .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
          .map((job) => ({ id: String(job.id), name: job.name, failedReason: job.failedReason ?? null, attemptsMade: job.attemptsMade, finishedAt: job.finishedOn ? new Date(job.finishedOn) : null })),
      });
    }
    return statuses;
  }
}
