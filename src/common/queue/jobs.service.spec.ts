import { getQueueToken } from '@nestjs/bull';
import type { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { JobHandler, RepeatableJob } from 'src/common/queue/job-handler.decorator';
import { Jobs } from 'src/common/queue/jobs.service';
import { loadConfig } from 'src/config/app-config';

class SendMailJob {
  @JobHandler('mail', 'send-mail')
  async process(job: Job<{ to: string }>): Promise<string> {
    return job.data.to;
  }

  /** A public method that takes no Bull job plays no part in the payload's type. */
  async preview(to: string): Promise<string> {
    return to;
  }

  @RepeatableJob('mail', 'purge-mail', () => null)
  async purge(): Promise<void> {}
}

class Postbox {
  @JobHandler('post', 'letter', 'parcel')
  async deliver(job: Job<{ weight: number }>): Promise<number> {
    return job.data.weight;
  }
}

class NoJobs {
  async run(): Promise<void> {}
}

function jobsWithQueues(status = 'ready') {
  const queues = new Map(['mail', 'post'].map((name) => [getQueueToken(name), { add: jest.fn().mockResolvedValue({}), client: { status } }]));
  const moduleRef = { get: jest.fn((token: string) => queues.get(token)) };
  return { jobs: new Jobs(moduleRef as unknown as ModuleRef, loadConfig({})), queue: (name: string) => queues.get(getQueueToken(name)) as unknown as Queue & { add: jest.Mock } };
}

describe('Jobs', () => {
  it("enqueues by the handler's class: its queue, its job name, the options as given", async () => {
    const { jobs, queue } = jobsWithQueues();
    await jobs.enqueue(SendMailJob, { to: 'ada@example.com' }, { jobId: 'mail:1', delay: 1000, attempts: 3 });
    expect(queue('mail').add).toHaveBeenCalledWith('send-mail', { to: 'ada@example.com' }, { jobId: 'mail:1', delay: 1000, attempts: 3 });
  });

  it('takes a payload of the type its handler takes, and only that', async () => {
    const { jobs } = jobsWithQueues();
    // @ts-expect-error the handler takes { to: string }
    await jobs.enqueue(SendMailJob, { weight: 3 });
    // @ts-expect-error a class without a job handler takes no payload at all
    await expect(jobs.enqueue(NoJobs, {})).rejects.toThrow('NoJobs has 0 job handlers; jobs are enqueued by the class of their one @JobHandler');
  });

  it('asks which job of a handler taking several, and refuses one it does not take', async () => {
    const { jobs, queue } = jobsWithQueues();
    await expect(jobs.enqueue(Postbox, { weight: 2 })).rejects.toThrow('Postbox handles letter, parcel: name the job to enqueue');
    await expect(jobs.enqueue(Postbox, { weight: 2 }, { name: 'postcard' })).rejects.toThrow('Postbox does not handle job postcard');
    await jobs.enqueue(Postbox, { weight: 2 }, { name: 'parcel' });
    expect(queue('post').add).toHaveBeenCalledWith('parcel', { weight: 2 }, {});
  });

  it('fails at once, without waiting for Redis, when asked to be prompt and Redis is away', async () => {
    const { jobs, queue } = jobsWithQueues('reconnecting');
    expect(jobs.connected(SendMailJob)).toBe(false);
    await expect(jobs.enqueue(SendMailJob, { to: 'ada@example.com' }, { jobId: 'mail:2', withinMs: 500 })).rejects.toThrow('Redis connection is reconnecting');
    expect(queue('mail').add).not.toHaveBeenCalled();
  });

  it('passes a prompt job on to the queue without the promptness option', async () => {
    const { jobs, queue } = jobsWithQueues();
    expect(jobs.connected(SendMailJob)).toBe(true);
    await jobs.enqueue(SendMailJob, { to: 'ada@example.com' }, { jobId: 'mail:3', withinMs: 500 });
    expect(queue('mail').add).toHaveBeenCalledWith('send-mail', { to: 'ada@example.com' }, { jobId: 'mail:3' });
  });
});
