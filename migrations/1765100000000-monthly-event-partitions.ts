import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * click_event, visitor_event and visitor_session become range-partitioned by calendar month (UTC)
 * of their time, in place and keeping every row: retention drops whole months instead of deleting
 * rows one by one, and reads bounded in time touch only their months.
 *
 * PostgreSQL wants every unique index of a partitioned table to hold the partition key, so:
 * - the primary keys become (id, time). Ids stay globally unique by construction (UUIDs made by the
 *   redirect and the workers), and a click's id and time are fixed together at the redirect, so a
 *   replayed click job still meets its row: ON CONFLICT (id, click_timestamp).
 * - the tracker's event ids are unique per workspace and event time; the tracker stamps each event
 *   once (`ts`) and sends it again unchanged, so a replay still collides.
 * - nothing can reference these tables by id alone: deal_attribution.click_event_id and
 *   click_event.session_id keep their values without a foreign key, as visitor_event.session_id
 *   already does (migration 1764201600001). Nothing joins through them but erasure, which finds
 *   both ends by visitor.
 *
 * Each table gets a DEFAULT partition so a row of a month without its partition (a demo's history,
 * an import of old data) is stored rather than refused; the maintenance job moves such rows into
 * their month's partition. The months from the oldest row to three months ahead are created here,
 * the maintenance job keeps creating months ahead.
 *
 * The data is copied in one transaction: the tables are locked for the duration, which suits the
 * moment of an upgrade (migrations run before the server serves).
 */

type PartitionedTable = {
  table: 'visitor_session' | 'visitor_event' | 'click_event';
  key: string;
  /** The indexes the table had, by name, as `(columns) [WHERE ...]`, kept on the partitioned table. */
  indexes: Record<string, string>;
  /** Its foreign keys to tables that are not partitioned, kept as they were. */
  foreignKeys: Record<string, string>;
  /** Unique indexes whose keys gain the partition key: name, before, after. */
  uniques: Record<string, [string, string]>;
};

const VISITOR_KEY = 'FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id) ON UPDATE CASCADE ON DELETE CASCADE';

const TABLES: PartitionedTable[] = [
  {
    table: 'visitor_session',
    key: 'session_start',
    indexes: {
      idx_visitor_session_visitor_start: '(workspace_id, visitor_id, session_start)',
      idx_visitor_session_start: '(workspace_id, session_start)',
      idx_visitor_session_ads: '(workspace_id, utm_campaign_id, utm_adset_id, utm_ad_id) WHERE utm_campaign_id IS NOT NULL',
    },
    foreignKeys: { visitor_session_workspace_id_visitor_id_fkey: VISITOR_KEY },
    uniques: {},
  },
  {
    table: 'visitor_event',
    key: '"timestamp"',
    indexes: {
      idx_visitor_event_visitor_timestamp: '(workspace_id, visitor_id, "timestamp")',
      idx_visitor_event_session_type: '(workspace_id, session_id, event_type)',
      idx_visitor_event_timestamp: '(workspace_id, "timestamp")',
      idx_visitor_event_session: '(session_id) WHERE session_id IS NOT NULL',
      idx_visitor_event_created_brin: 'USING brin (created_at)',
    },
    foreignKeys: {
      visitor_event_tracked_link_id_fkey: 'FOREIGN KEY (tracked_link_id) REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL',
      visitor_event_workspace_id_visitor_id_fkey: VISITOR_KEY,
    },
    uniques: {
      uq_visitor_event_client_id: ['(workspace_id, client_event_id) WHERE client_event_id IS NOT NULL', '(workspace_id, client_event_id, "timestamp") WHERE client_event_id IS NOT NULL'],
    },
  },
  {
    table: 'click_event',
    key: 'click_timestamp',
    indexes: {
      idx_click_event_visitor_timestamp: '(workspace_id, visitor_id, click_timestamp)',
      idx_click_event_tracked_link: '(tracked_link_id, click_timestamp)',
      idx_click_event_link_visitor: '(tracked_link_id, visitor_id)',
      idx_click_event_campaign: '(campaign_id, click_timestamp)',
      idx_click_event_campaign_visitor: '(campaign_id, visitor_id)',
      idx_click_event_workspace_time: '(workspace_id, click_timestamp)',
      idx_click_event_session: '(session_id) WHERE session_id IS NOT NULL',
      idx_click_event_created_brin: 'USING brin (created_at)',
      idx_click_event_filtered: '(workspace_id, click_timestamp) WHERE is_bot OR is_internal',
    },
    foreignKeys: {
      click_event_campaign_id_fkey: 'FOREIGN KEY (campaign_id) REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL',
      click_event_tracked_link_id_fkey: 'FOREIGN KEY (tracked_link_id) REFERENCES trackflow.tracked_link(id) ON DELETE CASCADE',
      click_event_variant_id_fkey: 'FOREIGN KEY (variant_id) REFERENCES trackflow.campaign_link_variant(id) ON DELETE SET NULL',
      // The click worker writes the visitor in the same transaction, after its clicks.
      click_event_workspace_id_visitor_id_fkey: `${VISITOR_KEY} DEFERRABLE INITIALLY DEFERRED`,
    },
    uniques: {},
  },
];

/** The references by id alone that a partitioned table cannot be the target of. */
const ID_REFERENCES = [
  { from: 'click_event', name: 'click_event_session_id_fkey', column: 'session_id', to: 'visitor_session' },
  { from: 'deal_attribution', name: 'deal_attribution_click_event_id_fkey', column: 'click_event_id', to: 'click_event' },
] as const;

const MONTHS_AHEAD = 3;

export class MonthlyEventPartitions1765100000000 implements MigrationInterface {
  name = 'MonthlyEventPartitions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const reference of ID_REFERENCES) await queryRunner.query(`ALTER TABLE trackflow.${reference.from} DROP CONSTRAINT ${reference.name}`);
    for (const spec of TABLES) {
      await rebuild(queryRunner, spec, `PARTITION BY RANGE (${spec.key})`, async (table) => {
        const months: { name: string; start: string; end: string }[] = await queryRunner.query(
          `SELECT $1 || '_p' || to_char(m, 'YYYY_MM') AS name, (m AT TIME ZONE 'UTC')::text AS start, ((m + interval '1 month') AT TIME ZONE 'UTC')::text AS end
           FROM generate_series(
             (SELECT date_trunc('month', LEAST(min(${spec.key}), now()) AT TIME ZONE 'UTC') FROM trackflow.${table}_unpartitioned),
             date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => $2), interval '1 month') AS m`,
          [table, MONTHS_AHEAD],
        );
        for (const month of months) {
          await queryRunner.query(`CREATE TABLE trackflow.${month.name} PARTITION OF trackflow.${table} FOR VALUES FROM ('${month.start}') TO ('${month.end}')`);
        }
        await queryRunner.query(`CREATE TABLE trackflow.${table}_default PARTITION OF trackflow.${table} DEFAULT`);
      });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const spec of [...TABLES].reverse()) await rebuild(queryRunner, { ...spec, uniques: reversed(spec.uniques) }, '', async () => undefined);
    for (const reference of ID_REFERENCES) {
      // Rows the partitioned tables let go of while their reference dangled: the foreign key would have nulled it.
      await queryRunner.query(
        `UPDATE trackflow.${reference.from} f SET ${reference.column} = NULL
         WHERE ${reference.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM trackflow.${reference.to} t WHERE t.id = f.${reference.column})`,
      );
      await queryRunner.query(
        `ALTER TABLE trackflow.${reference.from} ADD CONSTRAINT ${reference.name} FOREIGN KEY (${reference.column}) REFERENCES trackflow.${reference.to}(id) ON DELETE SET NULL`,
      );
    }
  }
}

const reversed = (uniques: PartitionedTable['uniques']): PartitionedTable['uniques'] =>
  Object.fromEntries(Object.entries(uniques).map(([name, [before, after]]) => [name, [after, before]]));

/**
 * Renames the table aside, creates it again (partitioned or not, as `partitioning` says) with the
 * same columns and defaults, lets `addPartitions` give it its partitions, copies the rows, drops
 * the old table, then puts back its keys, indexes and foreign keys. Indexes come after the copy:
 * building them once is cheaper than maintaining them row by row.
 */
async function rebuild(queryRunner: QueryRunner, spec: PartitionedTable, partitioning: string, addPartitions: (table: string) => Promise<void>): Promise<void> {
  const { table } = spec;
  await queryRunner.query(`ALTER TABLE trackflow.${table} RENAME TO ${table}_unpartitioned`);
  await queryRunner.query(`CREATE TABLE trackflow.${table} (LIKE trackflow.${table}_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ${partitioning}`);
  await addPartitions(table);
  await queryRunner.query(`INSERT INTO trackflow.${table} SELECT * FROM trackflow.${table}_unpartitioned`);
  await queryRunner.query(`DROP TABLE trackflow.${table}_unpartitioned`);
  const primaryKey = partitioning ? `id, ${spec.key}` : 'id';
  await queryRunner.query(`ALTER TABLE trackflow.${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${primaryKey})`);
  for (const [name, [, definition]] of Object.entries(spec.uniques)) await queryRunner.query(`CREATE UNIQUE INDEX ${name} ON trackflow.${table} ${definition}`);
  for (const [name, definition] of Object.entries(spec.indexes)) await queryRunner.query(`CREATE INDEX ${name} ON trackflow.${table} ${definition}`);
  for (const [name, definition] of Object.entries(spec.foreignKeys)) await queryRunner.query(`ALTER TABLE trackflow.${table} ADD CONSTRAINT ${name} ${definition}`);
}
