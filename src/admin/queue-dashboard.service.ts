import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bull';
import { QueueStatusDto } from 'src/admin/queue-dashboard.dto';

const RECENT_FAILURES = 10;

const isQueue = (candidate: unknown): candidate is Queue =>
  typeof candidate === 'object' && candidate !== null && typeof (candidate as Queue).getJobCounts === 'function' && typeof (candidate as Queue).getRepeatableJobs === 'function';

/**
 * A read-only view of every Bull queue the application registered, found among Nest's providers
 * rather than listed here, so a feature's new queue shows up without changing this file.
 */
@Injectable()
export class QueueDashboardService {
  constructor(private readonly discovery: DiscoveryService) {}

  async status(): Promise<QueueStatusDto[]> {
    const queues = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      if (isQueue(wrapper.instance) && !queues.has(wrapper.instance.name)) queues.set(wrapper.instance.name, wrapper.instance);
    }
    const statuses: QueueStatusDto[] = [];
    for (const queue of [...queues.values()].sort((a, b) => a.name.localeCompare(b.name))) {
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
