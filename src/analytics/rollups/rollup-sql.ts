import { COUNTERS } from 'src/analytics/metrics/counters.util';
import { ROLLUP_SOURCES, ROW_FAMILIES, RollupSource, RowFamily, Scope } from 'src/analytics/rollups/rollup-sources';

/**
 * SQL built from the rollup sources. Parameters are positional and documented per builder;
 * everything interpolated comes from ROLLUP_SOURCES, never from a caller.
 */

const COUNTER_LIST = COUNTERS.join(', ');
const SUMMED_COUNTERS = COUNTERS.map((name) => `sum(x.${name})::bigint AS ${name}`).join(', ');

const visitorOf = (source: RollupSource) => (source.countsVisitors && source.family.visitor ? source.family.visitor : 'NULL::text');
const countersOf = (source: RollupSource) => COUNTERS.map((name) => `(${source.counters[name] ?? '0'})::bigint`);
const inRange = (family: RowFamily, from: string, to: string) => `${family.at} >= ${from} AND ${family.at} < ${to}`;

/** One source's rows as (scope_id, value, visitor_id, at, counters...), workspace $1, filtered by `conditions`. */
function sourceRows(source: RollupSource, conditions: string[]): string {
  const { family } = source;
  return `SELECT ${source.scopeId} AS scope_id, (${source.value})::text AS value, ${visitorOf(source)} AS visitor_id, ${family.at} AS at,
      ${countersOf(source).map((counter, index) => `${counter} AS ${COUNTERS[index]}`).join(', ')}
    FROM ${family.from} WHERE r.workspace_id = $1 AND ${family.where} AND ${source.scopeId} IS NOT NULL AND (${source.value}) IS NOT NULL AND ${conditions.join(' AND ')}`;
}

/**
 * A family's rows read once and spread over its sources: (scope, dimension, scope_id, value,
 * visitor_id, at, counters...) for every source a row belongs to. Workspace $1.
 */
function spreadRows(family: RowFamily, sources: readonly RollupSource[], conditions: string[]): string {
  const tuples = sources.map((source) => `('${source.scope}', '${source.dimension}', ${source.scopeId}, (${source.value})::text, ${visitorOf(source)}, ${countersOf(source).join(', ')})`);
  return `SELECT u.scope, u.dimension, u.scope_id, u.value, u.visitor_id, ${family.at} AS at, ${COUNTERS.map((name) => `u.${name}`).join(', ')}
    FROM ${family.from} CROSS JOIN LATERAL (VALUES ${tuples.join(',\n      ')}) AS u(scope, dimension, scope_id, value, visitor_id, ${COUNTER_LIST})
    WHERE r.workspace_id = $1 AND ${family.where} AND ${conditions.join(' AND ')} AND u.scope_id IS NOT NULL AND u.value IS NOT NULL`;
}

const sourcesOf = (family: RowFamily, sources: readonly RollupSource[]) => sources.filter((source) => source.family === family);

/** $1 workspace, $2 zone, [$3, $4) the instants of whole local days: counters per day, scope and value. */
export function dailyCountersInsert(sources: readonly RollupSource[]): string {
  const rows = ROW_FAMILIES.filter((family) => sourcesOf(family, sources).length > 0).map((family) => spreadRows(family, sourcesOf(family, sources), [inRange(family, '$3', '$4')]));
  return `INSERT INTO trackflow.daily_rollup (workspace_id, time_zone, day, scope, scope_id, dimension, value, ${COUNTER_LIST})
    SELECT $1, $2, (x.at AT TIME ZONE $2)::date, x.scope, x.scope_id, x.dimension, x.value, ${COUNTERS.map((name) => `sum(x.${name})`).join(', ')}
    FROM (${rows.join('\n UNION ALL ')}) x
    GROUP BY (x.at AT TIME ZONE $2)::date, x.scope, x.scope_id, x.dimension, x.value`;
}

/**
 * $1 workspace, $2 zone, [$3, $4) the instants of whole local days: for each day, scope, value and
 * the day each visitor was last active before (within the days through lag(), before them through
 * one probe of the family's history per visitor, for every source at once), how many visitors.
 * Anonymous clicks (no visitor id) are no visitor at all.
 */
export function dailyVisitorsInsert(family: RowFamily, sources: readonly RollupSource[]): string {
  const counting = sourcesOf(family, sources).filter((source) => source.countsVisitors);
  if (!family.visitor || counting.length === 0) throw new Error(`${family.name} has no source counting visitors`);
  const key = ['scope', 'dimension', 'scope_id', 'value', 'visitor_id'];
  return `INSERT INTO trackflow.daily_rollup_visitors (workspace_id, time_zone, day, scope, scope_id, dimension, value, previous_day, visitors)
    WITH period AS (${spreadRows(family, counting, [inRange(family, '$3', '$4'), `${family.visitor} IS NOT NULL`])}),
    act AS (SELECT DISTINCT ${key.join(', ')}, (at AT TIME ZONE $2)::date AS day FROM period),
    seq AS (SELECT act.*, lag(act.day) OVER (PARTITION BY ${key.map((column) => `act.${column}`).join(', ')} ORDER BY act.day) AS previous_day FROM act),
    newcomers AS (SELECT DISTINCT visitor_id FROM seq WHERE previous_day IS NULL),
    earlier AS (
      SELECT ${key.map((column) => `h.${column}`).join(', ')}, (max(h.at) AT TIME ZONE $2)::date AS previous_day
      FROM newcomers n CROSS JOIN LATERAL (${spreadRows(family, counting, [`${family.visitor} = n.visitor_id`, `${family.at} < $3`])}) h
      GROUP BY ${key.map((column) => `h.${column}`).join(', ')})
    SELECT $1, $2, seq.day, seq.scope, seq.scope_id, seq.dimension, seq.value, COALESCE(seq.previous_day, earlier.previous_day, '-infinity'), count(*)
    FROM seq LEFT JOIN earlier ON seq.previous_day IS NULL AND ${key.map((column) => `earlier.${column} = seq.${column}`).join(' AND ')}
    GROUP BY seq.day, seq.scope, seq.scope_id, seq.dimension, seq.value, COALESCE(seq.previous_day, earlier.previous_day, '-infinity')`;
}

/** The families whose sources count visitors: one visitors statement each. */
export const VISITOR_FAMILIES = ROW_FAMILIES.filter((family) => family.visitor && ROLLUP_SOURCES.some((source) => source.family === family && source.countsVisitors));

/** $1 workspace, [$2, $3) whole UTC hours: totals (dimension '') per hour and scope, with the hour's unique visitors. */
export function hourlyInsert(sources: readonly RollupSource[]): string {
  const totals = sources.filter((source) => source.dimension === '');
  const rows = ROW_FAMILIES.filter((family) => sourcesOf(family, totals).length > 0).map((family) => spreadRows(family, sourcesOf(family, totals), [inRange(family, '$2', '$3')]));
  return `INSERT INTO trackflow.hourly_rollup (workspace_id, hour, scope, scope_id, visitors, ${COUNTER_LIST})
    SELECT $1, date_trunc('hour', x.at, 'UTC'), x.scope, x.scope_id, count(DISTINCT x.visitor_id), ${COUNTERS.map((name) => `sum(x.${name})`).join(', ')}
    FROM (${rows.join('\n UNION ALL ')}) x
    GROUP BY date_trunc('hour', x.at, 'UTC'), x.scope, x.scope_id`;
}

/**
 * Raw figures of one scope id over parts of buckets, for several dimensions at once.
 * $1 workspace, $2 scope id, then arrays of equal length describing each part: $3 from, $4 to,
 * $5 bucket index, [$6, $7) the bucket's whole days read from rollups (NULL when none). A visitor
 * of a raw part counts unless they are active in those days, where the rollups count them already.
 */
export function rawFiguresSelect(scope: Scope, dimensions: readonly string[]): string {
  const sources = ROLLUP_SOURCES.filter((source) => source.scope === scope && dimensions.includes(source.dimension));
  const rows = sources.map(
    (source) => `SELECT '${source.dimension}' AS dimension, p.bucket, p.days_from, p.days_to, q.* FROM parts p
      CROSS JOIN LATERAL (${sourceRows(source, [`${source.scopeId} = $2`, inRange(source.family, 'p.from_at', 'p.to_at')])}) q`,
  );
  const unseen = dimensions.map((dimension) => {
    const visits = sources.filter((source) => source.dimension === dimension && source.countsVisitors);
    if (visits.length !== 1) throw new Error(`${scope}/${dimension} needs exactly one source counting visitors`);
    const [source] = visits;
    const { family } = source;
    return `WHEN '${dimension}' THEN NOT EXISTS (SELECT 1 FROM ${family.from} WHERE r.workspace_id = $1 AND ${family.where} AND ${source.scopeId} = $2
      AND ${family.visitor} = x.visitor_id AND (${source.value})::text = x.value AND ${inRange(family, 'x.days_from', 'x.days_to')})`;
  });
  return `WITH parts AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[], $5::int[], $6::timestamptz[], $7::timestamptz[]) AS p(from_at, to_at, bucket, days_from, days_to)),
    x AS (${rows.join('\n UNION ALL ')})
    SELECT x.dimension, x.bucket, x.value, ${SUMMED_COUNTERS},
      count(DISTINCT x.visitor_id) FILTER (WHERE x.visitor_id IS NOT NULL AND CASE x.dimension ${unseen.join(' ')} END) AS visitors
    FROM x GROUP BY x.dimension, x.bucket, x.value`;
}

/**
 * Rows of daily (or monthly) rollups in segments of whole days. Adjacent segments form runs; each
 * run is one index range scan (per dimension) and each row is placed in its segment by width_bucket
 * over the segments' sorted first days. Segments of one grain never overlap. `arrays` names the
 * params: the runs' first and end days, the segments' first days (sorted), end days and buckets,
 * and for visitors the first whole day of each segment's bucket (a visitor counts in the bucket if
 * they were not active since then).
 */
type SegmentParams = { runFirsts: string; runEnds: string; firsts: string; ends: string; buckets: string; rangeFirsts?: string };

const segmentRows = (table: 'rollup' | 'rollup_visitors', grain: 'day' | 'month', columns: string, arrays: SegmentParams) => {
  const period = grain === 'day' ? 'd.day' : 'd.month';
  return `SELECT s.* FROM unnest(${arrays.runFirsts}::date[], ${arrays.runEnds}::date[]) AS run(first_day, end_day)
    CROSS JOIN LATERAL (
      SELECT ${columns}, (${arrays.buckets}::int[])[w.i] AS bucket FROM trackflow.${grain === 'day' ? 'daily' : 'monthly'}_${table} d
      CROSS JOIN LATERAL (SELECT width_bucket(${period}, ${arrays.firsts}::date[]) AS i) w
      WHERE d.workspace_id = $1 AND d.time_zone = $2 AND d.scope = $3 AND d.scope_id = $4 AND d.dimension = ANY ($5::text[])
        AND ${period} >= run.first_day AND ${period} < run.end_day AND w.i > 0 AND ${period} < (${arrays.ends}::date[])[w.i]
        ${arrays.rangeFirsts ? `AND d.previous_day < (${arrays.rangeFirsts}::date[])[w.i]` : ''}) s`;
};

const params = (from: number, count: number) => Array.from({ length: count }, (_, index) => `$${from + index}`);

/**
 * $1 workspace, $2 zone, $3 scope, $4 scope id, $5 dimensions, then for the daily rows ($6 to $10)
 * and the monthly rows ($11 to $15): run first days, run end days, segment first days (sorted),
 * segment end days, segment bucket indexes.
 */
export const ROLLED_UP_COUNTERS_SELECT = `
  SELECT x.dimension, x.bucket, x.value, ${COUNTERS.map((name) => `sum(x.${name})::bigint AS ${name}`).join(', ')}
  FROM (${(['day', 'month'] as const)
    .map((grain, index) => {
      const [runFirsts, runEnds, firsts, ends, buckets] = params(6 + 5 * index, 5);
      return segmentRows('rollup', grain, `d.dimension, d.value, ${COUNTERS.map((name) => `d.${name}`).join(', ')}`, { runFirsts, runEnds, firsts, ends, buckets });
    })
    .join('\n UNION ALL ')}) x
  GROUP BY x.dimension, x.bucket, x.value`;

/** The same with a sixth array a grain ($6 to $11 daily, $12 to $17 monthly): each segment's bucket's first whole day. */
export const ROLLED_UP_VISITORS_SELECT = `
  SELECT x.dimension, x.bucket, x.value, sum(x.visitors)::bigint AS visitors
  FROM (${(['day', 'month'] as const)
    .map((grain, index) => {
      const [runFirsts, runEnds, firsts, ends, buckets, rangeFirsts] = params(6 + 6 * index, 6);
      return segmentRows('rollup_visitors', grain, 'd.dimension, d.value, d.visitors', { runFirsts, runEnds, firsts, ends, buckets, rangeFirsts });
    })
    .join('\n UNION ALL ')}) x
  GROUP BY x.dimension, x.bucket, x.value`;

/** $1 workspace, $2 scope, $3 scope id, [$4, $5) hours. */
export const HOURLY_SELECT = `
  SELECT hour, visitors, ${COUNTER_LIST} FROM trackflow.hourly_rollup
  WHERE workspace_id = $1 AND scope = $2 AND scope_id = $3 AND hour >= $4 AND hour < $5`;
