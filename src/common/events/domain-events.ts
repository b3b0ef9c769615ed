import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { Transaction } from 'src/common/database/transaction';
import { DecoratedMethod, decoratedMethods } from 'src/common/discovery/decorated-methods';
import { DOMAIN_EVENT_SUBSCRIBER, DomainEvent } from 'src/common/events/domain-event';

type Published = { event: DomainEvent<unknown>; payload: unknown };

/**
 * The one way a feature's change reaches the others (the Twenty mirror, outgoing webhooks, the
 * redirect's link cache): publish() hands the event to every @OnDomainEvent method of the
 * application, one after another. Published inside a transaction, the event waits for it: it is
 * dispatched once the transaction commits and forgotten if it rolls back, so no subscriber acts
 * on rows that never were. A subscriber's failure is logged, never thrown into the publisher,
 * whose write already happened.
 */
@Injectable()
export class DomainEvents implements EntitySubscriberInterface {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly waiting = new WeakMap<QueryRunner, Published[]>();
  private subscribers: Map<string, DecoratedMethod<string>[]> | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    dataSource: DataSource,
  ) {
    // TypeORM tells its subscribers when a transaction ends, whichever repository opened it.
    dataSource.subscribers.push(this);
  }

  /** Resolves once the subscribers have run, or, given a transaction still open, once the event waits for its commit. */
  async publish<P>(event: DomainEvent<P>, payload: P, transaction?: Transaction): Promise<void> {
    const runner = transaction?.queryRunner;
    if (!runner?.isTransactionActive) return this.dispatch({ event, payload });
    const waiting = this.waiting.get(runner) ?? [];
    waiting.push({ event, payload });
    this.waiting.set(runner, waiting);
  }

  async afterTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    // A savepoint released: the transaction around it may still roll back.
    if (queryRunner.isTransactionActive) return;
    const waiting = this.waiting.get(queryRunner) ?? [];
    this.waiting.delete(queryRunner);
    for (const published of waiting) await this.dispatch(published);
  }

  /** Only a whole transaction's rollback drops its events: nothing here nests transactions, so none is published inside a savepoint. */
  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.waiting.delete(queryRunner);
  }

  private async dispatch({ event, payload }: Published): Promise<void> {
    for (const subscriber of this.subscribersOf(event.name)) {
      await subscriber.call(payload).catch((error: Error) => this.logger.error(`${subscriber.owner} failed on ${event.name}: ${error.message}`));
    }
  }

  /** Found on first use, when every provider exists, whichever module publishes first. */
  private subscribersOf(name: string): DecoratedMethod<string>[] {
    if (!this.subscribers) {
      this.subscribers = new Map();
      for (const subscriber of decoratedMethods<string>(this.discovery, this.scanner, this.reflector, DOMAIN_EVENT_SUBSCRIBER)) {
        this.subscribers.set(subscriber.metadata, [...(this.subscribers.get(subscriber.metadata) ?? []), subscriber]);
      }
    }
    return this.subscribers.get(name) ?? [];
  }
}

@Global()
@Module({ imports: [DiscoveryModule], providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
