import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/common/database/database-bootstrap';
import { MS_PER_DAY } from 'src/common/time/zoned-time.util';
import { dailyCountersInsert } from 'src/analytics/rollups/rollup-sql';
import { ROLLUP_SOURCES } from 'src/analytics/rollups/rollup-sources';
import { RetentionService } from 'src/privacy/retention/retention.service';
import { ALL_MIGRATIONS } from 'migrations/index';
import { MonthlyEventPartitions1765100000000 } from 'migrations/1765100000000-monthly-event-partitions';
import { TestServer } from 'tests/support/test-server';

/**
 * The event tables' monthly partitions, on a database of their own: the partitions this spec
 * creates and drops would otherwise change the schema every other spec of the run sees.
 */
const databaseName = `${new URL(process.env.DATABASE_URL as string).pathname.slice(1)}_partitions_${process.pid}`;
const urlOf = (name: string): string => {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The first instant (UTC) of the month `back` months before the current one. */
const monthStart = (back: number): Date => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
};
const partitionOf = (table: string, back: number): string => {
  const start = monthStart(back);
  return `${table}_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** Rows are written on the 10th of each month, bounds are put on the 15th. */
const dayOf = (back: number, day: number, hour = 0): Date => new Date(monthStart(back).getTime() + (day - 1) * MS_PER_DAY + hour * 3_600_000);
const MONTHS_OF_DATA = [4, 3, 2, 1];
const TABLES = { click_event: 'click_timestamp', visitor_event: '"timestamp"', visitor_session: 'session_start' } as const;

type Rows = Record<keyof typeof TABLES, Array<{ id: string; at: Date; partition: string }>>;

async function rowsOf(query: (sql: string) => Promise<Array<{ id: string; at: Date; partition: string }>>): Promise<Rows> {
  const rows: Partial<Rows> = {};
  for (const [table, key] of Object.entries(TABLES) as Array<[keyof Rows, string]>) {
    rows[table] = await query(`SELECT id, ${key} AS at, tableoid::regclass::text AS partition FROM trackflow.${table} ORDER BY id`);
  }
  return rows as Rows;
}

/** The rows' ids and times, without where they live. */
const identities = (rows: Rows) => Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map(({ id, at }) => ({ id, at }))]));

/** A workspace with a link and a visitor, and in each month a session holding two clicks and two tracker events. */
async function seedWorkspace(client: Client, name: string, months: readonly number[]): Promise<{ workspaceId: string; linkId: string }> {
  const { rows: [{ id: workspaceId }] } = await client.query<{ id: string }>(`INSERT INTO trackflow.workspace (name, public_key) VALUES ($1, $1 || '-pk') RETURNING id`, [name]);
  await client.query(`INSERT INTO trackflow.trackflow_settings (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING`, [workspaceId]);
  const { rows: [{ id: linkId }] } = await client.query<{ id: string }>(
    `INSERT INTO trackflow.tracked_link (workspace_id, short_code, destination_url) VALUES ($1, $2, 'https://example.com/') RETURNING id`,
    [workspaceId, `p${name}`],
  );
  await client.query(`INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen) VALUES ($1, 'v-1', now(), now())`, [workspaceId]);
  for (const back of months) {
    const { rows: [{ id: sessionId }] } = await client.query<{ id: string }>(
      `INSERT INTO trackflow.visitor_session (workspace_id, visitor_id, session_start, session_end, click_count, page_views) VALUES ($1, 'v-1', $2, $3, 2, 2) RETURNING id`,
      [workspaceId, dayOf(back, 10, 10), dayOf(back, 10, 11)],
    );
    for (const minutes of [0, 30]) {
      const at = new Date(dayOf(back, 10, 10).getTime() + minutes * 60_000);
      await client.query(
        `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, session_id, short_code, click_timestamp) VALUES (gen_random_uuid(), $1, 'v-1', $2, $3, $4, $5)`,
        [workspaceId, linkId, sessionId, `p${name}`, at],
      );
      await client.query(
        `INSERT INTO trackflow.visitor_event (workspace_id, client_event_id, visitor_id, session_id, event_type, "timestamp") VALUES ($1, $2, 'v-1', $3, 'pageview', $4)`,
        [workspaceId, `evt-${back}-${minutes}-${name}`, sessionId, at],
      );
    }
  }
  return { workspaceId, linkId };
}

describe('monthly partitions of click_event, visitor_event and visitor_session', () => {
  const admin = new Client({ connectionString: urlOf('postgres') });
  const client = new Client({ connectionString: urlOf(databaseName) });
  let server: TestServer | undefined;
  let seeded: { workspaceId: string; linkId: string };
  const query = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    await client.connect();
  });
  afterAll(async () => {
    await server?.stop();
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('converts a database holding several months in place, every row kept with its id, and back again', async () => {
    const mine = ALL_MIGRATIONS.indexOf(MonthlyEventPartitions1765100000000);
    const before = new DataSource({ ...dataSourceOptions(urlOf(databaseName)), migrations: ALL_MIGRATIONS.slice(0, mine) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();

    seeded = await seedWorkspace(client, `partitions-${process.pid}`, MONTHS_OF_DATA);
    const original = await rowsOf((sql) => query(sql));
    expect(original.click_event).toHaveLength(2 * MONTHS_OF_DATA.length);

    const all = new DataSource(dataSourceOptions(urlOf(databaseName)));
    await all.initialize();
    try {
      expect((await all.runMigrations({ transaction: 'each' })).map((migration) => migration.name)).toContain('MonthlyEventPartitions1765100000000');
      const partitioned = await rowsOf((sql) => query(sql));
      expect(identities(partitioned)).toEqual(identities(original));
      for (const [table, rows] of Object.entries(partitioned)) {
        // Each row is in its month's partition; the oldest month of data up to three ahead exist, and nothing was left to the DEFAULT one.
        expect(rows.map((row) => row.partition)).toEqual(rows.map((row) => `trackflow.${partitionOf(table, MONTHS_OF_DATA.find((back) => row.at < monthStart(back - 1)) as number)}`));
        const partitions = await query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`, [`trackflow.${table}`]);
        expect(partitions.map((row) => row.name)).toEqual([`${table}_default`, ...[4, 3, 2, 1, 0, -1, -2, -3].map((back) => partitionOf(table, back))].sort());
      }

      // The migration's down and up again, on the data.
      const runner = all.createQueryRunner();
      try {
        await runner.startTransaction();
        await new MonthlyEventPartitions1765100000000().down(runner);
        await runner.commitTransaction();
        const plain = await rowsOf((sql) => query(sql));
        expect(identities(plain)).toEqual(identities(original));
        expect(await query(`SELECT relname, relkind FROM pg_class WHERE oid IN ('trackflow.click_event'::regclass, 'trackflow.visitor_event'::regclass, 'trackflow.visitor_session'::regclass) ORDER BY 1`))
          .toEqual([{ relname: 'click_event', relkind: 'r' }, { relname: 'visitor_event', relkind: 'r' }, { relname: 'visitor_session', relkind: 'r' }]);
        await runner.startTransaction();
        await new MonthlyEventPartitions1765100000000().up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(identities(await rowsOf((sql) => query(sql)))).toEqual(identities(original));
    } finally {
      await all.destroy();
    }
  });

  it('keeps storing each click and tracker event once: their keys hold the time', async () => {
    const [click] = await query<{ id: string; click_timestamp: Date; short_code: string; tracked_link_id: string }>(
      `SELECT id, click_timestamp, short_code, tracked_link_id FROM trackflow.click_event WHERE workspace_id = $1 ORDER BY click_timestamp LIMIT 1`,
      [seeded.workspaceId],
    );
    const replay = await query(
      `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, short_code, click_timestamp) VALUES ($1, $2, 'v-1', $3, $4, $5)
       ON CONFLICT (id, click_timestamp) DO NOTHING RETURNING id`,
      [click.id, seeded.workspaceId, click.tracked_link_id, click.short_code, click.click_timestamp],
    );
    expect(replay).toEqual([]);
    const [event] = await query<{ client_event_id: string; timestamp: Date }>(
      `SELECT client_event_id, "timestamp" FROM trackflow.visitor_event WHERE workspace_id = $1 ORDER BY "timestamp" LIMIT 1`,
      [seeded.workspaceId],
    );
    await expect(
      client.query(`INSERT INTO trackflow.visitor_event (workspace_id, client_event_id, visitor_id, event_type, "timestamp") VALUES ($1, $2, 'v-1', 'pageview', $3)`, [
        seeded.workspaceId,
        event.client_event_id,
        event.timestamp,
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: expect.stringMatching(/client_event_id/) });
  });

  it('plans a month of rollups on that month\'s partitions only', async () => {
    const target = 2;
    const plan = (
      await query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${dailyCountersInsert(ROLLUP_SOURCES)}`, [
        seeded.workspaceId,
        'UTC',
        monthStart(target),
        monthStart(target - 1),
      ]).finally(() => client.query(`DELETE FROM trackflow.daily_rollup WHERE workspace_id = $1`, [seeded.workspaceId]))
    ).map((line) => line['QUERY PLAN']);
    const scans = plan.filter((line) => /\bon (click_event|visitor_event|visitor_session)_\w+/.test(line));
    const scanned = scans.filter((line) => !line.includes('never executed')).map((line) => /\bon ((?:click_event|visitor_event|visitor_session)_\w+)/.exec(line)?.[1]);
    expect(new Set(scanned)).toEqual(new Set(Object.keys(TABLES).map((table) => partitionOf(table, target))));
  });

  it('drops a month once every workspace\'s retention has passed it, and deletes the rows of a month only partly past', async () => {
    // The 15th of the current month; each workspace's bound is the 15th of a month before.
    const now = dayOf(0, 15);
    const daysTo = (back: number) => Math.round((now.getTime() - dayOf(back, 15).getTime()) / MS_PER_DAY);
    const other = await seedWorkspace(client, `partitions-other-${process.pid}`, MONTHS_OF_DATA);
    const addClick = (workspace: { workspaceId: string; linkId: string }, at: Date) =>
      client.query(
        `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, short_code, click_timestamp) VALUES (gen_random_uuid(), $1, 'v-1', $2, 'x', $3)`,
        [workspace.workspaceId, workspace.linkId, at],
      );
    // After the bound of its month: it stays while the 10th of the same month goes.
    await addClick(seeded, dayOf(2, 20));
    const setClickDays = (workspaceId: string, days: number) =>
      client.query(`UPDATE trackflow.trackflow_settings SET retention_click_event_days = $2 WHERE workspace_id = $1`, [workspaceId, days]);
    await setClickDays(seeded.workspaceId, daysTo(2));
    await setClickDays(other.workspaceId, daysTo(3));
    process.env.DATABASE_URL = urlOf(databaseName);
    server = await TestServer.start();
    // A third workspace keeps its clicks forever, so no month of clicks may go yet.
    const { key } = await server.createKey();
    await server.ok(key, 'mutation { updateSettings(input: {retentionClickEventDays: 0}) { retentionClickEventDays } }');
    const clickDays = async (workspaceId: string) =>
      (await query<{ at: Date }>(`SELECT click_timestamp AS at FROM trackflow.click_event WHERE workspace_id = $1 ORDER BY 1`, [workspaceId])).map((row) => row.at);
    const clicksOn = (backs: Array<[number, number]>) => backs.flatMap(([back, day]) => (day === 10 ? [dayOf(back, 10, 10), new Date(dayOf(back, 10, 10).getTime() + 30 * 60_000)] : [dayOf(back, day)]));

    const kept = await server.get(RetentionService).run(now);
    expect(kept.failed).toEqual([]);
    expect(kept.droppedPartitions).toEqual([]);
    expect(kept.deleted.click_event).toBe(2 * 3 + 2 * 2);
    expect(await clickDays(seeded.workspaceId)).toEqual(clicksOn([[2, 20], [1, 10]]));
    expect(await clickDays(other.workspaceId)).toEqual(clicksOn([[2, 10], [1, 10]]));

    // Every workspace now keeps clicks at most until the 15th three months back: the month before that goes whole, with the row it holds again.
    await server.ok(key, `mutation { updateSettings(input: {retentionClickEventDays: ${daysTo(3)}}) { retentionClickEventDays } }`);
    await addClick(other, dayOf(4, 12));
    const dropped = await server.get(RetentionService).run(now);
    expect(dropped.droppedPartitions).toEqual([partitionOf('click_event', 4)]);
    expect(dropped.deleted.click_event).toBe(0);
    expect(await clickDays(other.workspaceId)).toEqual(clicksOn([[2, 10], [1, 10]]));
    expect(await query(`SELECT to_regclass($1) AS partition`, [`trackflow.${partitionOf('click_event', 4)}`])).toEqual([{ partition: null }]);
    // Events and sessions are kept a year by default: none of their months went.
    expect(await query(`SELECT to_regclass($1) IS NOT NULL AS kept`, [`trackflow.${partitionOf('visitor_session', 4)}`])).toEqual([{ kept: true }]);
  });

  it('creates the partitions of the months ahead, and of months whose rows the DEFAULT partition caught, moving them in', async () => {
    const caughtAt = dayOf(10, 3);
    await client.query(
      `INSERT INTO trackflow.visitor_event (workspace_id, visitor_id, event_type, "timestamp") VALUES ($1, 'v-1', 'pageview', $2)`,
      [seeded.workspaceId, caughtAt],
    );
    expect(await query(`SELECT tableoid::regclass::text AS partition FROM trackflow.visitor_event WHERE "timestamp" = $1`, [caughtAt])).toEqual([{ partition: 'trackflow.visitor_event_default' }]);

    // As the job runs two months from now.
    const created = await (server as TestServer).get(RetentionService).createPartitionsAhead(dayOf(-2, 15));
    expect(created.sort()).toEqual([...Object.keys(TABLES).flatMap((table) => [partitionOf(table, -4), partitionOf(table, -5)]), partitionOf('visitor_event', 10)].sort());
    expect(await query(`SELECT tableoid::regclass::text AS partition FROM trackflow.visitor_event WHERE "timestamp" = $1`, [caughtAt])).toEqual([{ partition: `trackflow.${partitionOf('visitor_event', 10)}` }]);
    expect(await query(`SELECT count(*)::int AS n FROM trackflow.visitor_event_default`)).toEqual([{ n: 0 }]);
    // Again: nothing left to create.
    expect(await (server as TestServer).get(RetentionService).createPartitionsAhead(dayOf(-2, 15))).toEqual([]);
  });

  it('analyses a partition once more rows were written to it than its statistics know of, and leaves it while they are current', async () => {
    const month = partitionOf('visitor_event', 0);
    await client.query(
      `INSERT INTO trackflow.visitor_event (workspace_id, visitor_id, event_type, "timestamp")
       SELECT $1, 'v-1', 'pageview', $2::timestamptz + n * interval '1 second' FROM generate_series(1, 6000) AS n`,
      [seeded.workspaceId, dayOf(0, 1)],
    );
    const retention = (server as TestServer).get(RetentionService);
    // The server's statistics of writes reach pg_stat_user_tables within about a second.
    const deadline = Date.now() + 30_000;
    let analysed: string[] = [];
    while (!analysed.includes(month) && Date.now() < deadline) {
      analysed = await retention.analyzeStalePartitions();
      if (!analysed.includes(month)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(analysed).toContain(month);
    expect(await query(`SELECT last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables WHERE schemaname = 'trackflow' AND relname = $1`, [month])).toEqual([{ analysed: true }]);
    expect(await retention.analyzeStalePartitions()).not.toContain(month);
  });
});
