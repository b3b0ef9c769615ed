import { getQueueToken } from '@nestjs/bull';
import { Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobOptions, Queue } from 'bull';
import { addJobPromptly } from 'src/common/queue/add-job-promptly.util';
import { JOB_HANDLER, JobHandlerMetadata } from 'src/common/queue/job-handler.decorator';
import { ReplicaAcks } from 'src/common/redis/replica-acks';
import { AppConfig } from 'src/config/app-config';

/** The payload a class's job handler takes: what its public method taking a Bull job expects (never, for a class with none). */
export type JobPayloadOf<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<unknown> ? (A extends [Job<infer P>] ? P : never) : never }[keyof T];

export type EnqueueOptions = JobOptions & {
  /** Which of the handler's job names, for a handler taking several. */
  name?: string;
  /** Fail after this long, or at once when Redis is not connected, instead of waiting on reconnects (addJobPromptly). */
  withinMs?: number;
  /**
   * Resolve only once a replica of the queue's master has the job too (or the master has none), so
   * that a failover right after cannot lose what the caller is about to acknowledge (ReplicaAcks).
   */
  replicated?: boolean;
};

/**
 * The one way to enqueue: by the class whose @JobHandler takes the job, so the payload's type is
 * the handler's and a job without a handler cannot be named. The queue and job name come from the
 * handler's declaration.
 */
@Injectable()
export class Jobs {
  private readonly declared = new WeakMap<Type<unknown>, JobHandlerMetadata>();
  private readonly replicaAcks: ReplicaAcks;

  constructor(
    private readonly moduleRef: ModuleRef,
    config: AppConfig,
  ) {
    this.replicaAcks = new ReplicaAcks(config.redisReplicaWaitMs);
  }

  async enqueue<T>(handler: Type<T>, payload: JobPayloadOf<T>, options: EnqueueOptions = {}): Promise<void> {
    const { name: chosen, withinMs, replicated, ...jobOptions } = options;
    const { queue, names } = this.handlerOf(handler);
    if (chosen === undefined && names.length > 1) throw new Error(`${handler.name} handles ${names.join(', ')}: name the job to enqueue`);
    const name = chosen ?? names[0];
    if (!names.includes(name)) throw new Error(`${handler.name} does not handle job ${name}`);
    const bull = this.queue(queue);
    const add = () => bull.add(name, payload, jobOptions);
    const write = replicated ? () => this.replicaAcks.replicated(bull.client, bull.toKey('id'), add) : add;
    if (withinMs === undefined) await write();
    else await addJobPromptly(bull, write, withinMs);
  }

  /** Whether the queue of the class's jobs has its Redis connection now. */
  connected(handler: Type<unknown>): boolean {
    return this.queue(this.handlerOf(handler).queue).client.status === 'ready';
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name) as never, { strict: false });
  }

  private handlerOf(handler: Type<unknown>): JobHandlerMetadata {
    let found = this.declared.get(handler);
    if (!found) {
      const prototype = handler.prototype as object;
      const handlers = Object.getOwnPropertyNames(prototype)
        .map((key) => Object.getOwnPropertyDescriptor(prototype, key)?.value as unknown)
        .flatMap((method) => (typeof method === 'function' ? [Reflect.getMetadata(JOB_HANDLER, method) as JobHandlerMetadata | undefined] : []))
        .filter((metadata): metadata is JobHandlerMetadata => metadata !== undefined && !metadata.schedule);
      if (handlers.length !== 1) throw new Error(`${handler.name} has ${handlers.length} job handlers; jobs are enqueued by the class of their one @JobHandler`);
      found = handlers[0];
      this.declared.set(handler, found);
    }
    return found;
  }
}
