import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  { table: 'daily_rollup', period: 'day', tail: '' },
  { table: 'daily_rollup_visitors', period: 'day', tail: ', previous_day' },
  { table: 'monthly_rollup', period: 'month', tail: '' },
  { table: 'monthly_rollup_visitors', period: 'month', tail: ', previous_day' },
] as const;

/**
 * Daily and monthly rollup keys put the period before the breakdown value. With the value first,
 * reading a whole breakdown (every value of a dimension) over some days walked every row of the
 * dimension, all days included; with the period first it is one index range per dimension, as it
 * already was for a series of totals. The tables are derived: the key is rebuilt in place.
 */
export class RollupKeysPeriodFirst1764201600000 implements MigrationInterface {
  name = 'RollupKeysPeriodFirst1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, period, tail } of TABLES) {
      await queryRunner.query(`ALTER TABLE trackflow.${table} DROP CONSTRAINT ${table}_pkey`);
      await queryRunner.query(`ALTER TABLE trackflow.${table} ADD PRIMARY KEY (workspace_id, time_zone, scope, scope_id, dimension, ${period}, value${tail})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, period, tail } of TABLES) {
      await queryRunner.query(`ALTER TABLE trackflow.${table} DROP CONSTRAINT ${table}_pkey`);
      await queryRunner.query(`ALTER TABLE trackflow.${table} ADD PRIMARY KEY (workspace_id, time_zone, scope, scope_id, dimension, value, ${period}${tail})`);
    }
  }
}
