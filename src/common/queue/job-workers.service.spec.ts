import { Injectable, Module, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import type { Job } from 'bull';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { DeclaredJobQueue, JobQueueDefinition } from 'src/common/queue/job-queue.module';
import { JobWorkers } from 'src/common/queue/job-workers.service';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';

@Injectable()
class SendsMail {
  @JobHandler('mail', 'send-mail')
  async send(job: Job<{ to: string }>): Promise<string> {
    return job.data.to;
  }
}

@Injectable()
class AlsoSendsMail {
  @JobHandler('mail', 'send-mail')
  async send(job: Job<{ to: string }>): Promise<string> {
    return job.data.to;
  }
}

/** Boots JobWorkers alone with these queues and handlers; web-only, so a sound wiring starts without Redis. */
async function boot(queues: JobQueueDefinition[], handlers: Type[]): Promise<void> {
  @Module({
    imports: [DiscoveryModule],
    providers: [JobWorkers, ...queues.map(DeclaredJobQueue.provider), ...handlers, { provide: AppConfig, useValue: { runWorkers: false } }, { provide: RedisService, useValue: {} }],
  })
  class WiringModule {}
  const context = await NestFactory.createApplicationContext(WiringModule, { logger: false, abortOnError: false });
  await context.close();
}

describe('JobWorkers', () => {
  const mail = { name: 'mail', concurrency: 1, jobs: ['send-mail'] };

  it('starts when every declared job has exactly one handler', async () => {
    await expect(boot([mail], [SendsMail])).resolves.toBeUndefined();
  });

  it('refuses to start when a declared job has no handler', async () => {
    await expect(boot([{ ...mail, jobs: ['send-mail', 'bounce-mail'] }], [SendsMail])).rejects.toThrow('job bounce-mail of queue mail has no handler');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(boot([mail], [SendsMail, AlsoSendsMail])).rejects.toThrow('job send-mail of queue mail has 2 handlers: SendsMail.send, AlsoSendsMail.send');
  });

  it('refuses to start when a handler names a job its queue does not declare', async () => {
    await expect(boot([{ ...mail, jobs: [] }], [SendsMail])).rejects.toThrow('SendsMail.send handles job send-mail of queue mail, which does not declare it');
    await expect(boot([], [SendsMail])).rejects.toThrow('SendsMail.send handles job send-mail of queue mail, which is not registered');
  });
});
