import type { EntityManager } from 'typeorm';

/**
 * The convention for work that must commit or roll back together: the caller opens the
 * transaction in its repository, and every service or repository method that takes part receives
 * it as its first argument. Services name it by this type and never import TypeORM.
 */
export type Transaction = EntityManager;
