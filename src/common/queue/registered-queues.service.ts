import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bull';

const isQueue = (candidate: unknown): candidate is Queue =>
  typeof candidate === 'object' && candidate !== null && typeof (candidate as Queue).getJobCounts === 'function' && typeof (candidate as Queue).getRepeatableJobs === 'function';

/**
 * Every Bull queue the application registered, found among Nest's providers rather than listed
 * here, so a feature's new queue is shown and cleaned without changing this file.
 */
@Injectable()
export class RegisteredQueues {
  constructor(private readonly discovery: DiscoveryService) {}

  /** One per name, by name. */
  all(): Queue[] {
    const queues = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      if (isQueue(wrapper.instance) && !queues.has(wrapper.instance.name)) queues.set(wrapper.instance.name, wrapper.instance);
    }
    return [...queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
