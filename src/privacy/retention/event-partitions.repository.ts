import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The tables partitioned by calendar month (UTC) of their time (migration 1765100000000), with that time. Fixed names, never input. */
export const PARTITIONED_TABLES = {
  click_event: 'click_timestamp',
  visitor_event: '"timestamp"',
  visitor_session: 'session_start',
} as const;

export type PartitionedTable = keyof typeof PARTITIONED_TABLES;

/** How many months ahead of the current one always have their partition. */
export const MONTHS_AHEAD = 3;

/** Rows written since a partition was last analysed past which its statistics are stale: a fifth of its rows, and at least this many. */
const STALE_AFTER_ROWS = 5000;

/** The names partitions of these tables take (a month's, or the DEFAULT one): the only names ANALYZE is given. */
const PARTITION_NAME = new RegExp(`^(${Object.keys(PARTITIONED_TABLES).join('|')})_(p\\d{4}_\\d{2}|default)$`);

/** A month's partition is named after its month: click_event_p2026_03 holds March 2026 (UTC). */
const MONTH_NAME = /_p(\d{4})_(\d{2})$/;

const monthStart = (year: number, month: number): Date => new Date(Date.UTC(year, month, 1));
const partitionName = (table: PartitionedTable, start: Date): string =>
  `${table}_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * The monthly partitions of the event tables: created ahead, filled from the DEFAULT partition when
 * rows of a month without its partition landed there, and dropped whole by retention. Partition
 * DDL for these tables lives here only.
 */
@Injectable()
export class EventPartitionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The first instant of each month that has its own partition, oldest first. */
  async months(table: PartitionedTable): Promise<Date[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = format('trackflow.%I', $1::text)::regclass`,
      [table],
    );
    return rows
      .map((row) => MONTH_NAME.exec(row.name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => monthStart(Number(match[1]), Number(match[2]) - 1))
      .sort((a, b) => a.getTime() - b.getTime());
  }

  /**
   * Analyses the partitions whose statistics lag what was written to them; answers their names.
   * A new month's partition starts without statistics, and without them the planner turns the
   * click worker's per-visitor probes into scans of the whole month (a bench's drain fell from
   * thousands of clicks a second to under two hundred). Autovacuum analyses them too, when it is
   * on and keeping up; this does not depend on it.
   */
  async analyzeStale(): Promise<string[]> {
    const stale: { name: string }[] = await this.dataSource.query(
      `SELECT s.relname AS name FROM pg_stat_user_tables s JOIN pg_inherits i ON i.inhrelid = s.relid
       WHERE s.schemaname = 'trackflow' AND i.inhparent = ANY ($2::regclass[])
         AND s.n_mod_since_analyze >= greatest($1, s.n_live_tup / 5)`,
      [STALE_AFTER_ROWS, Object.keys(PARTITIONED_TABLES).map((table) => `trackflow.${table}`)],
    );
    const names = stale.map((row) => row.name).filter((name) => PARTITION_NAME.test(name));
    for (const name of names) await this.dataSource.query(`ANALYZE trackflow.${name}`);
    return names;
  }

  /**
   * Creates the partitions of the months from `now`'s to MONTHS_AHEAD later and of every month
   * the DEFAULT partition holds rows of, moving those rows in; answers the partitions created.
   */
  async createAhead(table: PartitionedTable, now: Date): Promise<string[]> {
    const existing = new Set((await this.months(table)).map((month) => month.getTime()));
    const caught: { month: Date }[] = await this.dataSource.query(
      `SELECT DISTINCT date_trunc('month', ${PARTITIONED_TABLES[table]}, 'UTC') AS month FROM trackflow.${table}_default`,
    );
    const wanted = [
      ...Array.from({ length: MONTHS_AHEAD + 1 }, (_, ahead) => monthStart(now.getUTCFullYear(), now.getUTCMonth() + ahead)),
      ...caught.map((row) => row.month),
    ];
    const created: string[] = [];
    for (const start of wanted.sort((a, b) => a.getTime() - b.getTime())) {
      if (existing.has(start.getTime())) continue;
      existing.add(start.getTime());
      created.push(await this.createMonth(table, start));
    }
    return created;
  }

  /**
   * One month's partition, built beside the table and attached: a partition created directly
   * would be refused while the DEFAULT partition holds rows of its month, so those rows move into
   * it first, in the same transaction.
   */
  private async createMonth(table: PartitionedTable, start: Date): Promise<string> {
    const name = partitionName(table, start);
    const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
    const key = PARTITIONED_TABLES[table];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TABLE trackflow.${name} (LIKE trackflow.${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      // Lets ATTACH skip its scan of the new partition; the bound itself replaces it.
      await manager.query(`ALTER TABLE trackflow.${name} ADD CONSTRAINT ${name}_month CHECK (${key} >= '${start.toISOString()}' AND ${key} < '${end.toISOString()}')`);
      await manager.query(
        `WITH moved AS (DELETE FROM trackflow.${table}_default WHERE ${key} >= $1 AND ${key} < $2 RETURNING *) INSERT INTO trackflow.${name} SELECT * FROM moved`,
        [start, end],
      );
      await manager.query(`ALTER TABLE trackflow.${table} ATTACH PARTITION trackflow.${name} FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`);
      await manager.query(`ALTER TABLE trackflow.${name} DROP CONSTRAINT ${name}_month`);
    });
    return name;
  }

  /**
   * Drops the partitions of months that end at or before `before`, answering their names. The
   * caller decides that no workspace keeps any of their rows.
   */
  async dropMonthsBefore(table: PartitionedTable, before: Date): Promise<string[]> {
    const doomed = (await this.months(table)).filter((start) => monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1) <= before);
    for (const start of doomed) await this.dataSource.query(`DROP TABLE trackflow.${partitionName(table, start)}`);
    return doomed.map((start) => partitionName(table, start));
  }
}
