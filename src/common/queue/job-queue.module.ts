import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import type { QueueOptions } from 'bull';
import { Jobs } from 'src/common/queue/jobs.service';
import { queueKeyPrefix } from 'src/common/redis/redis-clients';
import { AppConfig } from 'src/config/app-config';

export type JobQueueDefinition = {
  name: string;
  /**
   * Jobs of the queue one process runs at once, whatever their names: Bull shares its fetch loops
   * among a queue's processors, so one number per queue is what it honours anyway.
   */
  concurrency: number;
  /** Every job name the queue carries; each must have exactly one handler, or the process refuses to start. */
  jobs: readonly string[];
  /** Retries, back-off, retention of finished jobs and lock settings, in one place per queue. */
  options?: (config: AppConfig) => QueueOptions;
};

/** A queue's definition as a provider, so the worker bootstrap finds every queue the application registered. */
export class DeclaredJobQueue {
  constructor(readonly definition: JobQueueDefinition) {}

  static provider(definition: JobQueueDefinition): Provider {
    return { provide: `${DeclaredJobQueue.name}:${definition.name}`, useValue: new DeclaredJobQueue(definition) };
  }
}

@Module({})
export class JobQueueModule {
  /** Registers the Bull queue, declares its jobs and concurrency to the worker bootstrap, and offers Jobs to enqueue them. */
  static register(definition: JobQueueDefinition): DynamicModule {
    const queue = BullModule.registerQueueAsync({
      name: definition.name,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options = definition.options?.(config);
        // A job a worker took from Redis just as it stopped or died waits in active, without a lock, for a stalled check to
        // put it back: every queue checks as often as QUEUE_LOCK_MS says a dead worker's job is taken over.
        return { ...options, settings: { stalledInterval: config.queueLockMs, ...options?.settings }, prefix: queueKeyPrefix(config, definition.name) };
      },
    });
    return {
      module: JobQueueModule,
      imports: [queue],
      providers: [DeclaredJobQueue.provider(definition), Jobs],
      exports: [queue, Jobs],
    };
  }
}
