import type { DataSource, EntityManager } from 'typeorm';

/**
 * The convention for work that must commit or roll back together: the caller opens the
 * transaction in its repository (a CRM hook with the record lock, `withRecordLock`), and every
 * service or repository method taking part runs its statements on it. A method that only makes
 * sense inside a caller's transaction receives it as its first argument; one that is also a unit
 * of work of its own (recording a conversion from the API, queuing a Twenty write) receives it as
 * its last, optional argument and, without one, opens its own (`inTransaction`). Services name it
 * by this type and never import TypeORM. What must not run inside it (Bull jobs, HTTP, webhooks,
 * cache broadcasts) is published as a domain event with the transaction (DomainEvents), and so
 * happens only once it has committed.
 */
export type Transaction = EntityManager;

/** Runs `work` in the caller's transaction, or in one of its own when the caller has none. */
export function inTransaction<T>(dataSource: DataSource, transaction: Transaction | undefined, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return transaction ? work(transaction) : dataSource.transaction(work);
}
