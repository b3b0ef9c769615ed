import { Global, Injectable, INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Transaction } from 'src/common/database/transaction';
import { DomainEvent, OnDomainEvent } from 'src/common/events/domain-event';
import { DomainEvents, DomainEventsModule } from 'src/common/events/domain-events';

const Noticed = new DomainEvent<{ id: string }>('test.noticed');
const Ignored = new DomainEvent<{ id: string }>('test.ignored');

@Injectable()
class Listener {
  readonly heard: string[] = [];

  @OnDomainEvent(Noticed)
  async noticed({ id }: { id: string }): Promise<void> {
    this.heard.push(id);
  }
}

@Injectable()
class FailingListener {
  @OnDomainEvent(Noticed)
  async noticed({ id }: { id: string }): Promise<void> {
    throw new Error(`subscriber broke on ${id}`);
  }
}

/**
 * What TypeORM does around a transaction, without a database: the query runner's state and the
 * commit and rollback events it broadcasts to the data source's subscribers (checked against
 * PostgreSQL in tests/integration/domain-events.spec.ts).
 */
class FakeTransaction {
  readonly queryRunner = { isTransactionActive: true };
  readonly manager = { queryRunner: this.queryRunner } as unknown as Transaction;

  constructor(private readonly dataSource: { subscribers: DomainEvents[] }) {}

  async commit(): Promise<void> {
    this.queryRunner.isTransactionActive = false;
    for (const subscriber of this.dataSource.subscribers) await subscriber.afterTransactionCommit({ queryRunner: this.queryRunner } as never);
  }

  rollback(): void {
    this.queryRunner.isTransactionActive = false;
    for (const subscriber of this.dataSource.subscribers) subscriber.afterTransactionRollback({ queryRunner: this.queryRunner } as never);
  }
}

describe('DomainEvents', () => {
  let context: INestApplicationContext;
  let events: DomainEvents;
  let listener: Listener;
  let dataSource: { subscribers: DomainEvents[] };

  beforeEach(async () => {
    dataSource = { subscribers: [] };
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] })
    class FakeDatabaseModule {}
    @Module({ imports: [FakeDatabaseModule, DomainEventsModule], providers: [Listener, FailingListener] })
    class EventsTestModule {}
    context = await NestFactory.createApplicationContext(EventsTestModule, { logger: false });
    events = context.get(DomainEvents);
    listener = context.get(Listener);
  });

  afterEach(() => context.close());

  it('finds subscribers by their decorator and hands each the events it names, straight away outside a transaction', async () => {
    await events.publish(Noticed, { id: 'a' });
    await events.publish(Ignored, { id: 'b' });
    expect(listener.heard).toEqual(['a']);
  });

  it('holds an event published in a transaction until it commits', async () => {
    const transaction = new FakeTransaction(dataSource);
    await events.publish(Noticed, { id: 'first' }, transaction.manager);
    await events.publish(Noticed, { id: 'second' }, transaction.manager);
    expect(listener.heard).toEqual([]);
    await transaction.commit();
    expect(listener.heard).toEqual(['first', 'second']);
  });

  it('drops the events of a transaction that rolls back, and keeps other transactions apart', async () => {
    const rolledBack = new FakeTransaction(dataSource);
    const committed = new FakeTransaction(dataSource);
    await events.publish(Noticed, { id: 'never' }, rolledBack.manager);
    await events.publish(Noticed, { id: 'kept' }, committed.manager);
    rolledBack.rollback();
    await committed.commit();
    await rolledBack.commit();
    expect(listener.heard).toEqual(['kept']);
  });

  it('logs a subscriber that fails and goes on with the others, never failing the publisher', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(events.publish(Noticed, { id: 'c' })).resolves.toBeUndefined();
    expect(listener.heard).toEqual(['c']);
    expect(logged).toHaveBeenCalledWith('FailingListener.noticed failed on test.noticed: subscriber broke on c');
    logged.mockRestore();
  });
});
