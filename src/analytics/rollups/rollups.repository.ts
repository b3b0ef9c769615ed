import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { COUNTERS } from 'src/analytics/metrics/counters.util';
import { Grain, PeriodRange } from 'src/analytics/rollups/rollup-plan.util';
import { ROLLUP_SOURCES } from 'src/analytics/rollups/rollup-sources';
import { dailyCountersInsert, dailyVisitorsInsert, hourlyInsert, VISITOR_FAMILIES } from 'src/analytics/rollups/rollup-sql';
import { CONVERSION_CREDIT_COLUMNS, LAST_CLICK_OF_CONVERSION } from 'src/analytics/credits/last-click.sql';
import { startOfLocalDay } from 'src/common/time/zoned-time.util';

type RollupState = { rolledUpUntil: Date; scannedFrom: Date };
type LockedRollupState = RollupState & { created: boolean };

const DAILY_COUNTERS = dailyCountersInsert(ROLLUP_SOURCES);
const DAILY_VISITORS = VISITOR_FAMILIES.map((family) => dailyVisitorsInsert(family, ROLLUP_SOURCES));
const HOURLY = hourlyInsert(ROLLUP_SOURCES);
const MONTH_OF_DAY = `(day - (extract(day FROM day)::int - 1))`;
const ROLLUP_KEY = 'workspace_id, time_zone, scope, scope_id, dimension, value';
const MONTHLY_COUNTERS = `
  INSERT INTO trackflow.monthly_rollup (${ROLLUP_KEY}, month, ${COUNTERS.join(', ')})
  SELECT ${ROLLUP_KEY}, ${MONTH_OF_DAY}, ${COUNTERS.map((name) => `sum(${name})`).join(', ')}
  FROM trackflow.daily_rollup WHERE workspace_id = $1 AND time_zone = $2 AND day >= $3 AND day < $4
  GROUP BY ${ROLLUP_KEY}, ${MONTH_OF_DAY}`;
/** A visitor's row of their first active day in the month (previous day before the month) is their row of the month. */
const MONTHLY_VISITORS = `
  INSERT INTO trackflow.monthly_rollup_visitors (${ROLLUP_KEY}, month, previous_day, visitors)
  SELECT ${ROLLUP_KEY}, ${MONTH_OF_DAY}, previous_day, sum(visitors)
  FROM trackflow.daily_rollup_visitors WHERE workspace_id = $1 AND time_zone = $2 AND day >= $3 AND day < $4 AND previous_day < ${MONTH_OF_DAY}
  GROUP BY ${ROLLUP_KEY}, ${MONTH_OF_DAY}, previous_day`;

/**
 * Visitors whose past changed since $2 (rows created then): those with a row written since then
 * that belongs to a period before $3, and the survivors of visitors merged since then. Every later
 * activity of theirs may count differently now (a unique visitor's previous active day moves).
 */
const CHANGED_VISITORS = `
  recent AS (
    SELECT visitor_id, click_timestamp AS at, session_id FROM trackflow.click_event WHERE workspace_id = $1 AND created_at >= $2
    UNION ALL
    SELECT visitor_id, "timestamp", session_id FROM trackflow.visitor_event WHERE workspace_id = $1 AND created_at >= $2),
  changed AS (
    SELECT visitor_id, min(at) AS since FROM (
      SELECT visitor_id, at FROM recent WHERE at < $3
      UNION ALL
      SELECT merged_into_visitor_id, first_seen FROM trackflow.visitor
      WHERE workspace_id = $1 AND merged_into_visitor_id IS NOT NULL AND updated_at >= $2) c
    GROUP BY visitor_id)`;

/** $1 workspace, $2 rows created since, $3 frontier, $4 zone ('UTC' for hours): the periods before the frontier to rebuild. */
const stalePeriodsSql = (grain: Grain) => `
  WITH ${CHANGED_VISITORS},
  touched AS (
    SELECT at FROM recent
    UNION ALL SELECT s.session_start FROM trackflow.visitor_session s
      WHERE s.workspace_id = $1 AND s.id IN (SELECT session_id FROM recent WHERE session_id IS NOT NULL)
    UNION ALL SELECT e.click_timestamp FROM changed JOIN trackflow.click_event e
      ON e.workspace_id = $1 AND e.visitor_id = changed.visitor_id AND e.click_timestamp >= changed.since AND e.click_timestamp < $3
    UNION ALL SELECT e."timestamp" FROM changed JOIN trackflow.visitor_event e
      ON e.workspace_id = $1 AND e.visitor_id = changed.visitor_id AND e."timestamp" >= changed.since AND e."timestamp" < $3
    UNION ALL SELECT s.session_start FROM changed JOIN trackflow.visitor_session s
      ON s.workspace_id = $1 AND s.visitor_id = changed.visitor_id AND s.session_start >= changed.since AND s.session_start < $3)
  SELECT DISTINCT ${grain === 'hour' ? `date_trunc('hour', at, 'UTC')` : `(at AT TIME ZONE $4)::date::text`} AS period FROM touched WHERE at < $3`;

/**
 * $1 workspace, $2 changed since, $3 frontier (no limit: conversions are few): conversions whose
 * credited click may have changed (recorded or updated since, or of a visitor whose clicks changed)
 * get their credit recomputed.
 */
const REFRESH_CREDITS = `
  WITH ${CHANGED_VISITORS},
  targets AS (
    SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND updated_at >= $2
    UNION
    SELECT c.id FROM changed JOIN trackflow.visitor v ON v.workspace_id = $1 AND v.visitor_id = changed.visitor_id
    JOIN trackflow.conversion c ON c.workspace_id = $1 AND c.conversion_date >= changed.since
      AND (c.visitor_id = v.visitor_id OR c.person_id = v.person_id))
  INSERT INTO trackflow.conversion_credit (${CONVERSION_CREDIT_COLUMNS}, refreshed_at)
  SELECT c.id, c.workspace_id, c.conversion_type, c.conversion_date, c.value_micros, c.currency_code, k.id, k.tracked_link_id, k.campaign_id, k.variant_id, now()
  FROM trackflow.conversion c
  LEFT JOIN trackflow.trackflow_settings st ON st.workspace_id = c.workspace_id
  LEFT JOIN LATERAL (${LAST_CLICK_OF_CONVERSION}) k ON true
  WHERE c.workspace_id = $1 AND c.id IN (SELECT id FROM targets)
  ON CONFLICT (conversion_id) DO UPDATE SET conversion_type = EXCLUDED.conversion_type, converted_at = EXCLUDED.converted_at,
    value_micros = EXCLUDED.value_micros, currency_code = EXCLUDED.currency_code, click_event_id = EXCLUDED.click_event_id,
    tracked_link_id = EXCLUDED.tracked_link_id, campaign_id = EXCLUDED.campaign_id, variant_id = EXCLUDED.variant_id, refreshed_at = now()`;

/** The writes of one rollup run, inside the transaction that holds its state row. */
class RollupWriter {
  constructor(
    private readonly manager: EntityManager,
    readonly workspaceId: string,
    readonly grain: Grain,
    readonly zone: string,
  ) {}

  /** Deletes and rebuilds whole periods [start, end): the same rows whenever it runs on the same raw rows. */
  async rebuild(range: PeriodRange): Promise<void> {
    const [start, end] = [new Date(range.startMs), new Date(range.endMs)];
    if (this.grain === 'hour') {
      await this.manager.query(`DELETE FROM trackflow.hourly_rollup WHERE workspace_id = $1 AND hour >= $2 AND hour < $3`, [this.workspaceId, start, end]);
      await this.manager.query(HOURLY, [this.workspaceId, start, end]);
      return;
    }
    const days = `workspace_id = $1 AND time_zone = $2 AND day >= ($3::timestamptz AT TIME ZONE $2)::date AND day < ($4::timestamptz AT TIME ZONE $2)::date`;
    const params = [this.workspaceId, this.zone, start, end];
    await this.manager.query(`DELETE FROM trackflow.daily_rollup WHERE ${days}`, params);
    await this.manager.query(`DELETE FROM trackflow.daily_rollup_visitors WHERE ${days}`, params);
    await this.manager.query(DAILY_COUNTERS, params);
    for (const statement of DAILY_VISITORS) await this.manager.query(statement, params);
  }

  /** Rebuilds the monthly rows of whole months [first, end) (local first days) from their daily rows. */
  async rebuildMonths(months: { first: string; end: string }): Promise<void> {
    const params = [this.workspaceId, this.zone, months.first, months.end];
    const where = `workspace_id = $1 AND time_zone = $2`;
    await this.manager.query(`DELETE FROM trackflow.monthly_rollup WHERE ${where} AND month >= $3 AND month < $4`, params);
    await this.manager.query(`DELETE FROM trackflow.monthly_rollup_visitors WHERE ${where} AND month >= $3 AND month < $4`, params);
    await this.manager.query(MONTHLY_COUNTERS, params);
    await this.manager.query(MONTHLY_VISITORS, params);
  }

  /** Starts of the periods before `frontier` that rows created since `since` (or visitor merges) have changed. */
  async stalePeriods(since: Date, frontier: Date): Promise<number[]> {
    if (this.grain === 'hour') {
      const hours: { period: Date }[] = await this.manager.query(stalePeriodsSql('hour'), [this.workspaceId, since, frontier]);
      return hours.map((row) => row.period.getTime());
    }
    const days: { period: string }[] = await this.manager.query(stalePeriodsSql('day'), [this.workspaceId, since, frontier, this.zone]);
    return days.map((row) => startOfLocalDay(this.zone, row.period));
  }

  async refreshCredits(since: Date, frontier: Date): Promise<number> {
    const result: unknown = await this.manager.query(REFRESH_CREDITS, [this.workspaceId, since, frontier]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  async saveState(state: RollupState): Promise<void> {
    await this.manager.query(
      `UPDATE trackflow.rollup_state SET rolled_up_until = $4, scanned_from = $5, updated_at = now() WHERE workspace_id = $1 AND grain = $2 AND time_zone = $3`,
      [this.workspaceId, this.grain, this.zone, state.rolledUpUntil, state.scannedFrom],
    );
  }
}

@Injectable()
export class RollupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The database's clock: periods close by it, and created_at is written by it. */
  async now(): Promise<Date> {
    const [row]: { now: Date }[] = await this.dataSource.query(`SELECT clock_timestamp() AS now`);
    return row.now;
  }

  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM trackflow.workspace ORDER BY created_at, id`);
    return rows.map((row) => row.id);
  }

  /** The earliest tracked instant of the workspace, or null when it has none. */
  async earliestActivity(workspaceId: string): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.dataSource.query(
      `SELECT LEAST(
         (SELECT min(click_timestamp) FROM trackflow.click_event WHERE workspace_id = $1),
         (SELECT min("timestamp") FROM trackflow.visitor_event WHERE workspace_id = $1),
         (SELECT min(session_start) FROM trackflow.visitor_session WHERE workspace_id = $1)) AS at`,
      [workspaceId],
    );
    return row.at;
  }

  async state(workspaceId: string, grain: Grain, zone: string): Promise<RollupState | null> {
    const rows: { rolled_up_until: Date; scanned_from: Date }[] = await this.dataSource.query(
      `SELECT rolled_up_until, scanned_from FROM trackflow.rollup_state WHERE workspace_id = $1 AND grain = $2 AND time_zone = $3`,
      [workspaceId, grain, zone],
    );
    return rows[0] ? { rolledUpUntil: rows[0].rolled_up_until, scannedFrom: rows[0].scanned_from } : null;
  }

  /**
   * Runs `work` in a transaction that holds the state row of this workspace, grain and zone (made
   * at `initial` if missing) locked, so two runners of the same rollup take turns.
   */
  async withLockedState<T>(workspaceId: string, grain: Grain, zone: string, initial: RollupState, work: (state: LockedRollupState, writer: RollupWriter) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // A month of rows is aggregated at once: room to hash it in memory, and no JIT, which cost more than it saved here.
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      await manager.query('SET LOCAL jit = off');
      const created: unknown[] = await manager.query(
        `INSERT INTO trackflow.rollup_state (workspace_id, grain, time_zone, rolled_up_until, scanned_from) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
        [workspaceId, grain, zone, initial.rolledUpUntil, initial.scannedFrom],
      );
      const [row]: { rolled_up_until: Date; scanned_from: Date }[] = await manager.query(
        `SELECT rolled_up_until, scanned_from FROM trackflow.rollup_state WHERE workspace_id = $1 AND grain = $2 AND time_zone = $3 FOR UPDATE`,
        [workspaceId, grain, zone],
      );
      return work({ rolledUpUntil: row.rolled_up_until, scannedFrom: row.scanned_from, created: created.length > 0 }, new RollupWriter(manager, workspaceId, grain, zone));
    });
  }
}
