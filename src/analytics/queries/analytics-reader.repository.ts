import { Injectable } from '@nestjs/common';
import { LAST_CLICK_OF_CONVERSION } from 'src/analytics/credits/last-click.sql';
import { addCounters, Figures, zeroFigures } from 'src/analytics/metrics/counters.util';
import { Scope } from 'src/analytics/rollups/rollup-sources';
import { HOURLY_SELECT, rawFiguresSelect, ROLLED_UP_COUNTERS_SELECT, ROLLED_UP_VISITORS_SELECT } from 'src/analytics/rollups/rollup-sql';
import { Bucket, DaySegment, daySegments, isRolledUpHour, planRange } from 'src/analytics/time/period-plan.util';
import { ReadReplica, Reads } from 'src/common/database/read-replica.service';
import { isUuid } from 'src/common/validation/input-rules';
import { AppConfig } from 'src/config/app-config';

export type Frontiers = { hour: Date | null; day: Date | null; conversionsCreditedBefore: Date | null };
type ByBucket = Map<number, Map<string, Figures>>;
export type ConversionGroup = { variantId: string | null; conversionType: string; currencyCode: string; conversions: number; valueMicros: bigint };
export type SpendGroup = { currencyCode: string; spendMicros: bigint };
export type CampaignFactsRow = { id: string; name: string; currencyCode: string; budgetMicros: bigint | null; externalCampaignId: string | null };

type CampaignColumns = { id: string; name: string; currency_code: string; budget_micros: string | null; external_campaign_id: string | null };
const CAMPAIGN_COLUMNS = 'id, name, currency_code, budget_micros, external_campaign_id';
const toCampaign = (row: CampaignColumns): CampaignFactsRow => ({
  id: row.id,
  name: row.name,
  currencyCode: row.currency_code,
  budgetMicros: row.budget_micros === null ? null : BigInt(row.budget_micros),
  externalCampaignId: row.external_campaign_id,
});

// Conversions updated this recently may have been written after the last credit refresh looked: they are credited live.
const CREDIT_LAG_MS = 10 * 60_000;
const CONVERSION_KEYS = { campaign: 'campaign_id', link: 'tracked_link_id' } as const;

const rawCache = new Map<string, string>();
function rawSql(scope: Scope, dimensions: readonly string[]): string {
  const key = `${scope}/${dimensions.join(',')}`;
  let sql = rawCache.get(key);
  if (!sql) {
    sql = rawFiguresSelect(scope, dimensions);
    rawCache.set(key, sql);
  }
  return sql;
}

/** Figures by dimension, then bucket, then breakdown value. */
export type ByDimension = Map<string, ByBucket>;

function figuresOf(result: ByDimension, row: { dimension: string; bucket: number; value: string }): Figures {
  const get = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    let found = map.get(key);
    if (found === undefined) map.set(key, (found = make()));
    return found;
  };
  return get(get(get(result, row.dimension, () => new Map()), row.bucket, () => new Map()), row.value, zeroFigures);
}

/** Sorted segments merged where one ends as the next starts: each run is read with one range scan. */
function contiguousRuns(segments: readonly { first: string; end: string }[]): { first: string; end: string }[] {
  const runs: { first: string; end: string }[] = [];
  for (const segment of segments) {
    const last = runs[runs.length - 1];
    if (last && last.end === segment.first) last.end = segment.end;
    else runs.push({ first: segment.first, end: segment.end });
  }
  return runs;
}

/** Reads of one analytics request, all from one snapshot so a rollup committing meanwhile cannot be half seen. */
export class AnalyticsReader {
  constructor(
    private readonly reads: Reads,
    /** Zones the rollup job keeps: another zone's old rollups would miss late rows, so they are not read. */
    private readonly rolledUpZones: readonly string[],
  ) {}

  async campaign(workspaceId: string, id: string): Promise<CampaignFactsRow | null> {
    if (!isUuid(id)) return null;
    const rows: CampaignColumns[] = await this.reads.query(`SELECT ${CAMPAIGN_COLUMNS} FROM trackflow.link_campaign WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL`, [workspaceId, id]);
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async campaigns(workspaceId: string): Promise<CampaignFactsRow[]> {
    const rows: CampaignColumns[] = await this.reads.query(`SELECT ${CAMPAIGN_COLUMNS} FROM trackflow.link_campaign WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id`, [workspaceId]);
    return rows.map(toCampaign);
  }

  /** A link of the workspace, deleted ones included: their history stays readable. */
  async link(workspaceId: string, id: string): Promise<{ id: string; shortCode: string } | null> {
    if (!isUuid(id)) return null;
    const rows: { id: string; short_code: string }[] = await this.reads.query(`SELECT id, short_code FROM trackflow.tracked_link WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] ? { id: rows[0].id, shortCode: rows[0].short_code } : null;
  }

  async variants(workspaceId: string, linkId: string): Promise<{ id: string; name: string }[]> {
    return this.reads.query(`SELECT id, variant_name AS name FROM trackflow.campaign_link_variant WHERE workspace_id = $1 AND tracked_link_id = $2 ORDER BY created_at, id`, [workspaceId, linkId]);
  }

  async frontiers(workspaceId: string, zone: string): Promise<Frontiers> {
    const rows: { grain: 'hour' | 'day'; rolled_up_until: Date; scanned_from: Date }[] = await this.reads.query(
      `SELECT grain, rolled_up_until, scanned_from FROM trackflow.rollup_state
       WHERE workspace_id = $1 AND (grain = 'hour' AND time_zone = 'UTC' OR grain = 'day' AND time_zone = $2)`,
      [workspaceId, zone],
    );
    const hour = rows.find((row) => row.grain === 'hour');
    return {
      hour: hour?.rolled_up_until ?? null,
      day: this.rolledUpZones.includes(zone) ? (rows.find((row) => row.grain === 'day')?.rolled_up_until ?? null) : null,
      conversionsCreditedBefore: hour ? new Date(hour.scanned_from.getTime() - CREDIT_LAG_MS) : null,
    };
  }

  /**
   * Figures per dimension, bucket and value of one scope: whole rolled-up local days from the
   * daily and monthly rollups, the rest (partial days, the open period) from raw rows, unique
   * visitors exact.
   */
  async figures(workspaceId: string, zone: string, scope: Scope, scopeId: string, dimensions: readonly string[], buckets: readonly Bucket[], dailyFrontier: Date | null): Promise<ByDimension> {
    const result: ByDimension = new Map();
    const segments: (DaySegment & { bucket: number; rangeFirst: string })[] = [];
    const raw = { from: [] as Date[], to: [] as Date[], bucket: [] as number[], daysFrom: [] as (Date | null)[], daysTo: [] as (Date | null)[] };
    for (const bucket of buckets) {
      const plan = planRange(zone, bucket.startMs, bucket.endMs, dailyFrontier?.getTime() ?? null);
      for (const segment of plan.days ? daySegments(plan.days.firstDay, plan.days.endDay) : []) {
        segments.push({ ...segment, bucket: bucket.index, rangeFirst: plan.days?.firstDay as string });
      }
      for (const part of plan.raw) {
        raw.from.push(new Date(part.fromMs));
        raw.to.push(new Date(part.toMs));
        raw.bucket.push(bucket.index);
        raw.daysFrom.push(plan.days ? new Date(plan.days.startMs) : null);
        raw.daysTo.push(plan.days ? new Date(plan.days.endMs) : null);
      }
    }
    if (segments.length > 0) {
      segments.sort((a, b) => a.first.localeCompare(b.first));
      const counters: unknown[] = [workspaceId, zone, scope, scopeId, dimensions];
      const visitors: unknown[] = [...counters];
      for (const grain of ['day', 'month'] as const) {
        const ofGrain = segments.filter((segment) => segment.grain === grain);
        const runs = contiguousRuns(ofGrain);
        const arrays = [runs.map((run) => run.first), runs.map((run) => run.end), ofGrain.map((segment) => segment.first), ofGrain.map((segment) => segment.end), ofGrain.map((segment) => segment.bucket)];
        counters.push(...arrays);
        visitors.push(...arrays, ofGrain.map((segment) => segment.rangeFirst));
      }
      for (const row of await this.reads.query(ROLLED_UP_COUNTERS_SELECT, counters)) addCounters(figuresOf(result, row), row);
      for (const row of await this.reads.query(ROLLED_UP_VISITORS_SELECT, visitors)) figuresOf(result, row).visitors += Number(row.visitors);
    }
    if (raw.bucket.length > 0) {
      const rows = await this.reads.query(rawSql(scope, dimensions), [workspaceId, scopeId, raw.from, raw.to, raw.bucket, raw.daysFrom, raw.daysTo]);
      for (const row of rows) {
        const figures = addCounters(figuresOf(result, row), row);
        figures.visitors += Number(row.visitors);
      }
    }
    return result;
  }

  /** Totals per hour bucket: whole rolled-up UTC hours from the hourly rollups, other hours raw. */
  async hourlyFigures(workspaceId: string, scope: Scope, scopeId: string, buckets: readonly Bucket[], hourlyFrontier: Date | null): Promise<Map<number, Figures>> {
    const rolled = buckets.filter((bucket) => isRolledUpHour(bucket, hourlyFrontier?.getTime() ?? null));
    const others = buckets.filter((bucket) => !rolled.includes(bucket));
    const result = new Map<number, Figures>(buckets.map((bucket) => [bucket.index, zeroFigures()]));
    if (rolled.length > 0) {
      const byStart = new Map(rolled.map((bucket) => [bucket.startMs, bucket.index]));
      const rows = await this.reads.query(HOURLY_SELECT, [workspaceId, scope, scopeId, new Date(rolled[0].startMs), new Date(rolled[rolled.length - 1].endMs)]);
      for (const row of rows as ({ hour: Date; visitors: string } & Record<string, unknown>)[]) {
        const index = byStart.get(row.hour.getTime());
        if (index === undefined) continue;
        const figures = result.get(index) as Figures;
        addCounters(figures, row);
        figures.visitors += Number(row.visitors);
      }
    }
    if (others.length > 0) {
      const byBucket = (await this.figures(workspaceId, 'UTC', scope, scopeId, [''], others, null)).get('') ?? new Map();
      for (const [index, values] of byBucket) {
        const figures = values.get('');
        if (figures) result.set(index, figures);
      }
    }
    return result;
  }

  /** Conversions in [from, to) credited to a campaign or link: stored credits, and live ones for conversions changed since the last refresh. */
  async conversions(workspaceId: string, scope: 'campaign' | 'link', scopeId: string, from: Date, to: Date, creditedBefore: Date | null): Promise<ConversionGroup[]> {
    const key = CONVERSION_KEYS[scope];
    const rows: { variant_id: string | null; conversion_type: string; currency_code: string; conversions: string; value_micros: string }[] = await this.reads.query(
      `WITH live AS (
         SELECT c.id, c.conversion_type, c.currency_code, c.value_micros, k.tracked_link_id, k.campaign_id, k.variant_id
         FROM trackflow.conversion c
         LEFT JOIN trackflow.trackflow_settings st ON st.workspace_id = c.workspace_id
         LEFT JOIN LATERAL (${LAST_CLICK_OF_CONVERSION}) k ON true
         WHERE c.workspace_id = $1 AND c.conversion_date >= $3 AND c.conversion_date < $4 AND ($5::timestamptz IS NULL OR c.updated_at >= $5)),
       credited AS (
         SELECT variant_id, conversion_type, currency_code, value_micros FROM live WHERE ${key} = $2
         UNION ALL
         SELECT cc.variant_id, cc.conversion_type, cc.currency_code, cc.value_micros FROM trackflow.conversion_credit cc
         WHERE cc.workspace_id = $1 AND cc.${key} = $2 AND cc.converted_at >= $3 AND cc.converted_at < $4 AND $5::timestamptz IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM live WHERE live.id = cc.conversion_id))
       SELECT variant_id::text, conversion_type, currency_code, count(*) AS conversions, sum(value_micros) AS value_micros
       FROM credited GROUP BY 1, 2, 3`,
      [workspaceId, scopeId, from, to, creditedBefore],
    );
    return rows.map((row) => ({ variantId: row.variant_id, conversionType: row.conversion_type, currencyCode: row.currency_code, conversions: Number(row.conversions), valueMicros: BigInt(row.value_micros) }));
  }

  /** Every conversion of the workspace dated in [from, to), by type and currency, credited or not. */
  async workspaceConversions(workspaceId: string, from: Date, to: Date): Promise<ConversionGroup[]> {
    const rows: { conversion_type: string; currency_code: string; conversions: string; value_micros: string }[] = await this.reads.query(
      `SELECT conversion_type, currency_code, count(*) AS conversions, sum(value_micros) AS value_micros
       FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_date >= $2 AND conversion_date < $3
       GROUP BY 1, 2`,
      [workspaceId, from, to],
    );
    return rows.map((row) => ({ variantId: null, conversionType: row.conversion_type, currencyCode: row.currency_code, conversions: Number(row.conversions), valueMicros: BigInt(row.value_micros) }));
  }

  /** The workspace's clicks of [from, to) stored but not counted: a bot's click counts as a bot's even from an internal address. */
  async filteredClicks(workspaceId: string, from: Date, to: Date): Promise<{ bots: number; internal: number }> {
    const [row]: { bots: number; internal: number }[] = await this.reads.query(
      `SELECT count(*) FILTER (WHERE is_bot)::int AS bots, count(*) FILTER (WHERE is_internal AND NOT is_bot)::int AS internal
       FROM trackflow.click_event WHERE workspace_id = $1 AND click_timestamp >= $2 AND click_timestamp < $3 AND (is_bot OR is_internal)`,
      [workspaceId, from, to],
    );
    return { bots: row?.bots ?? 0, internal: row?.internal ?? 0 };
  }

  /** Every platform's imported spend on the local dates [firstDate, lastDate] by currency; null when the workspace never imported any. */
  workspaceSpend(workspaceId: string, firstDate: string, lastDate: string): Promise<SpendGroup[] | null> {
    return this.spend('', [workspaceId, firstDate, lastDate]);
  }

  /** Imported spend of a platform campaign id on the local dates [firstDate, lastDate]; null when no spend was ever imported for it. */
  campaignSpend(workspaceId: string, platformCampaignId: string, firstDate: string, lastDate: string): Promise<SpendGroup[] | null> {
    return this.spend('AND f.campaign_id = $4', [workspaceId, firstDate, lastDate, platformCampaignId]);
  }

  /** $1 workspace, [$2, $3] local dates; `ofCampaign` is fixed text naming $4, never input. */
  private async spend(ofCampaign: '' | 'AND f.campaign_id = $4', params: string[]): Promise<SpendGroup[] | null> {
    const rows: { currency_code: string | null; spend_micros: string | null }[] = await this.reads.query(
      `SELECT f.currency_code, sum(f.spend_micros) AS spend_micros
       FROM (SELECT 1) one
       LEFT JOIN trackflow.ad_spend_fact f ON f.workspace_id = $1 ${ofCampaign} AND f.date >= $2 AND f.date <= $3
       WHERE EXISTS (SELECT 1 FROM trackflow.ad_spend_fact f WHERE f.workspace_id = $1 ${ofCampaign})
       GROUP BY f.currency_code`,
      params,
    );
    if (rows.length === 0) return null;
    return rows.filter((row) => row.currency_code !== null).map((row) => ({ currencyCode: row.currency_code as string, spendMicros: BigInt(row.spend_micros ?? '0') }));
  }
}

@Injectable()
export class AnalyticsReaderRepository {
  constructor(
    private readonly replica: ReadReplica,
    private readonly config: AppConfig,
  ) {}

  /**
   * A read-only repeatable-read transaction: every read of `work` sees the same rollups and raw
   * rows. Figures asked for may lag a little, so they come from the read replica when it is
   * healthy; `primary` for the campaign refresh, which writes back what it reads.
   */
  snapshot<T>(work: (reader: AnalyticsReader) => Promise<T>, options: { primary?: boolean } = {}): Promise<T> {
    return this.replica.transaction(
      'REPEATABLE READ',
      async (reads) => {
        // These reads touch few rows but plan as costly (per-row index probes): JIT compiling them costs ten times running them.
        await reads.query('SET LOCAL jit = off');
        return work(new AnalyticsReader(reads, this.config.analytics.timeZones));
      },
      options,
    );
  }
}
