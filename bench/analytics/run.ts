/**
 * Analytics benchmark: a year of clicks and tracker events (10 million rows by default, --rows N
 * for fewer) for one workspace and a small other one, rolled up by the real rollup command, then
 * campaignStats and linkAnalytics over a year and over a day, each timed against the same figures
 * computed by plain SQL aggregates over the raw rows in the same run. The queries are timed in
 * process (the service GraphQL calls, without HTTP: the ratios) and through GraphQL over HTTP.
 * The last line is one JSON object with every time, the ratios and "same_answer".
 *
 *   npm run bench:analytics [-- --rows 1000000]
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiKey, graphql, resetStores, startServer } from 'bench/support/bench-stores';
import { LAST_CLICK_OF_CONVERSION } from 'src/analytics/credits/last-click.sql';
import { sourcesFor } from 'src/analytics/rollups/rollup-sources';
import { microsToDecimal } from 'src/common/money/micros.util';
import { AnalyticsInterval } from 'src/analytics/dto/analytics.dto';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { createCliContext } from 'src/common/cli/cli-context';
import {
  BENCH_CLICKS_SQL,
  BENCH_CONVERSIONS_SQL,
  BENCH_EVENTS_SQL,
  BENCH_LINKS_SQL,
  BENCH_SESSIONS_SQL,
  BENCH_VISITOR_SESSIONS_SQL,
  BENCH_VISITORS_SQL,
} from 'bench/analytics/generate-history.sql';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trackflow_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const PORT = process.env.BENCH_PORT ?? '3395';
const BASE_URL = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MS_PER_DAY = 86_400_000;

function rowsOption(): number {
  const index = process.argv.indexOf('--rows');
  const text = index >= 0 ? process.argv[index + 1] : process.argv.find((arg) => arg.startsWith('--rows='))?.slice(7);
  const rows = Number(text ?? 10_000_000);
  if (!Number.isInteger(rows) || rows < 1000) throw new Error('--rows must be a whole number of at least 1000');
  return rows;
}

const seconds = (startedAt: bigint) => Number(process.hrtime.bigint() - startedAt) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed<T>(runs: number, action: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await action();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const startedAt = process.hrtime.bigint();
    result = await action();
    times.push(seconds(startedAt) * 1000);
  }
  return { ms: Number(median(times).toFixed(2)), result };
}

/** Campaigns, links (a tenth with two variants) of a workspace, made in SQL: the run is about reading, not the links API. */
async function createLinks(db: Client, workspaceId: string, campaigns: number, links: number): Promise<void> {
  await db.query(`INSERT INTO trackflow.link_campaign (workspace_id, name, budget_micros) SELECT $1, 'Campaign ' || n, 1000000000::bigint * n FROM generate_series(1, $2::int) n`, [workspaceId, campaigns]);
  await db.query(
    `INSERT INTO trackflow.tracked_link (workspace_id, campaign_id, short_code, destination_url)
     SELECT $1, (SELECT id FROM trackflow.link_campaign WHERE workspace_id = $1 ORDER BY name OFFSET (n % $2) LIMIT 1), 'b' || left(md5($1::text), 6) || lpad(n::text, 4, '0'), 'https://bench.example/'
     FROM generate_series(0, $3::int - 1) n`,
    [workspaceId, campaigns, links],
  );
  await db.query(
    `INSERT INTO trackflow.campaign_link_variant (workspace_id, tracked_link_id, variant_name, destination_url)
     SELECT $1, l.id, v.name, 'https://bench.example/' || v.name FROM (SELECT id FROM trackflow.tracked_link WHERE workspace_id = $1 ORDER BY short_code LIMIT $2) l
     CROSS JOIN (VALUES ('A'), ('B')) v(name)`,
    [workspaceId, Math.ceil(links / 10)],
  );
}

async function generate(db: Client, workspaceId: string, rows: number, start: Date, end: Date): Promise<void> {
  const sessions = Math.max(1, Math.round(rows / 5));
  await db.query('SELECT setseed(0.42)');
  await db.query('DROP TABLE IF EXISTS bench_link, bench_session');
  await db.query(BENCH_LINKS_SQL, [workspaceId]);
  await db.query(BENCH_SESSIONS_SQL, [sessions, Math.max(1, Math.round(sessions / 2)), start, end]);
  for (const [label, sql, params] of [
    ['visitors', BENCH_VISITORS_SQL, [workspaceId]],
    ['sessions', BENCH_VISITOR_SESSIONS_SQL, [workspaceId]],
    ['clicks', BENCH_CLICKS_SQL, [workspaceId]],
    ['events', BENCH_EVENTS_SQL, [workspaceId]],
    ['conversions', BENCH_CONVERSIONS_SQL, [workspaceId, end]],
  ] as const) {
    const startedAt = process.hrtime.bigint();
    const result = await db.query(sql, [...params]);
    console.log(`  ${label}: ${result.rowCount} rows in ${seconds(startedAt).toFixed(1)} s`);
  }
}

type CampaignFigures = { clicks: number; uniqueVisitors: number; sessions: number; conversions: number; revenue: string };
type Row = { key: string; clicks: number; uniqueVisitors: number };
type LinkFigures = { clicks: number; uniqueVisitors: number; conversions: number; series: { label: string; clicks: number; uniqueVisitors: number }[]; breakdowns: Record<string, Row[]> };

const HUMAN = 'NOT r.is_bot AND NOT r.is_internal';
const LINK_BREAKDOWN_FIELDS: Record<string, string> = { device: 'devices', browser: 'browsers', os: 'operatingSystems', country: 'countries', referrer: 'referrers', qr: 'qrVsLink' };

/** The campaign's figures by plain aggregates over the raw rows. */
async function rawCampaign(db: Client, workspaceId: string, campaignId: string, from: Date, to: Date): Promise<CampaignFigures> {
  const params = [workspaceId, campaignId, from, to];
  const clicks = await db.query(
    `SELECT count(*)::int AS clicks, count(DISTINCT r.visitor_id)::int AS visitors FROM trackflow.click_event r
     WHERE r.workspace_id = $1 AND r.campaign_id = $2 AND r.click_timestamp >= $3 AND r.click_timestamp < $4 AND ${HUMAN}`,
    params,
  );
  const sessions = await db.query(
    `SELECT count(DISTINCT s.id)::int AS sessions FROM trackflow.click_event r JOIN trackflow.visitor_session s ON s.id = r.session_id
     WHERE r.workspace_id = $1 AND r.campaign_id = $2 AND ${HUMAN} AND NOT s.is_bot AND NOT s.is_internal AND s.session_start >= $3 AND s.session_start < $4`,
    params,
  );
  const conversions = await rawConversions(db, workspaceId, 'campaign_id', campaignId, from, to);
  return { clicks: clicks.rows[0].clicks, uniqueVisitors: clicks.rows[0].visitors, sessions: sessions.rows[0].sessions, conversions: conversions.conversions, revenue: conversions.revenue };
}

async function rawConversions(db: Client, workspaceId: string, key: 'campaign_id' | 'tracked_link_id', id: string, from: Date, to: Date): Promise<{ conversions: number; revenue: string; byVariant: Map<string, number> }> {
  const { rows } = await db.query(
    `SELECT k.variant_id::text AS variant, count(*)::int AS conversions, sum(c.value_micros)::text AS micros FROM trackflow.conversion c
     LEFT JOIN trackflow.trackflow_settings st ON st.workspace_id = c.workspace_id
     CROSS JOIN LATERAL (${LAST_CLICK_OF_CONVERSION}) k
     WHERE c.workspace_id = $1 AND c.conversion_date >= $3 AND c.conversion_date < $4 AND k.${key} = $2 GROUP BY 1`,
    [workspaceId, id, from, to],
  );
  const byVariant = new Map<string, number>(rows.filter((row) => row.variant).map((row) => [row.variant, row.conversions]));
  const micros = rows.reduce((sum, row) => sum + BigInt(row.micros), 0n);
  return { conversions: rows.reduce((sum, row) => sum + row.conversions, 0), revenue: microsToDecimal(micros), byVariant };
}

/** The link's daily series, totals and breakdowns by plain GROUP BY over the raw clicks. */
async function rawLink(db: Client, workspaceId: string, linkId: string, from: Date, to: Date): Promise<LinkFigures & { variants: Row[]; variantConversions: Map<string, number> }> {
  const params = [workspaceId, linkId, from, to];
  const where = `r.workspace_id = $1 AND r.tracked_link_id = $2 AND r.click_timestamp >= $3 AND r.click_timestamp < $4 AND ${HUMAN}`;
  const series = await db.query(
    `SELECT to_char((r.click_timestamp AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS label, count(*)::int AS clicks, count(DISTINCT r.visitor_id)::int AS "uniqueVisitors"
     FROM trackflow.click_event r WHERE ${where} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const totals = await db.query(`SELECT count(*)::int AS clicks, count(DISTINCT r.visitor_id)::int AS visitors FROM trackflow.click_event r WHERE ${where}`, params);
  const breakdowns: Record<string, Row[]> = {};
  for (const dimension of [...Object.keys(LINK_BREAKDOWN_FIELDS), 'variant']) {
    const [source] = sourcesFor('link', dimension);
    const { rows } = await db.query(
      `SELECT (${source.value})::text AS key, count(*)::int AS clicks, count(DISTINCT r.visitor_id)::int AS "uniqueVisitors" FROM trackflow.click_event r
       WHERE ${where} AND (${source.value}) IS NOT NULL GROUP BY 1 ORDER BY 1`,
      params,
    );
    breakdowns[dimension] = rows;
  }
  const conversions = await rawConversions(db, workspaceId, 'tracked_link_id', linkId, from, to);
  const { variant: variants, ...rest } = breakdowns;
  return { clicks: totals.rows[0].clicks, uniqueVisitors: totals.rows[0].visitors, conversions: conversions.conversions, series: series.rows, breakdowns: rest, variants, variantConversions: conversions.byVariant };
}

const CAMPAIGN_QUERY = `query($id: ID!, $from: DateTime!, $to: DateTime!) { campaignStats(campaignId: $id, from: $from, to: $to) { clicks uniqueVisitors sessions conversions revenue } }`;
const LINK_QUERY = `query($id: ID!, $from: DateTime!, $to: DateTime!) { linkAnalytics(linkId: $id, from: $from, to: $to, interval: DAY) {
  clicks uniqueVisitors conversions series { label clicks uniqueVisitors }
  ${Object.values(LINK_BREAKDOWN_FIELDS).map((field) => `${field} { key clicks uniqueVisitors }`).join(' ')}
  variants { variantId clicks uniqueVisitors conversions } } }`;

type LinkAnswer = LinkFigures & { variants: { variantId: string; clicks: number; uniqueVisitors: number; conversions: number }[] } & Record<string, unknown>;

const byKey = (rows: Row[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

/** The GraphQL answer in the raw answer's shape: days without clicks dropped, breakdowns by key. */
function comparableLink(answer: LinkAnswer) {
  return {
    clicks: answer.clicks,
    uniqueVisitors: answer.uniqueVisitors,
    conversions: answer.conversions,
    series: answer.series.filter((point) => point.clicks > 0).map(({ label, clicks, uniqueVisitors }) => ({ label, clicks, uniqueVisitors })),
    breakdowns: Object.fromEntries(Object.entries(LINK_BREAKDOWN_FIELDS).map(([dimension, field]) => [dimension, byKey(answer[field] as Row[])])),
    variants: byKey(answer.variants.filter((variant) => variant.clicks > 0).map((variant) => ({ key: variant.variantId, clicks: variant.clicks, uniqueVisitors: variant.uniqueVisitors }))),
    variantConversions: Object.fromEntries(answer.variants.filter((variant) => variant.conversions > 0).map((variant) => [variant.variantId, variant.conversions])),
  };
}

function comparableRawLink(raw: Awaited<ReturnType<typeof rawLink>>) {
  return {
    clicks: raw.clicks,
    uniqueVisitors: raw.uniqueVisitors,
    conversions: raw.conversions,
    series: raw.series,
    breakdowns: Object.fromEntries(Object.keys(LINK_BREAKDOWN_FIELDS).map((dimension) => [dimension, byKey(raw.breakdowns[dimension])])),
    variants: byKey(raw.variants),
    variantConversions: Object.fromEntries(raw.variantConversions),
  };
}

async function main(): Promise<void> {
  const rows = rowsOption();
  await resetStores(DATABASE_URL, REDIS_URL);
  const env = {
    DATABASE_URL,
    REDIS_URL,
    PORT,
    PUBLIC_BASE_URL: BASE_URL,
    TRACKFLOW_WORKERS: 'false',
    CLICK_JOURNAL_DIR: '/tmp/trackflow-bench-analytics-journal',
    ANALYTICS_ROLLUP_CRON: 'off',
    ANALYTICS_CAMPAIGN_REFRESH_CRON: 'off',
    RETENTION_CRON: 'off',
    ATTRIBUTION_REFIT_CRON: 'off',
  };
  const server = await startServer(env);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const key = createApiKey(env, 'bench');
    createApiKey(env, 'bench-other');
    const ids = async (name: string) => (await db.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [name])).rows[0].id as string;
    const [workspaceId, otherId] = [await ids('bench'), await ids('bench-other')];
    const { rows: clock } = await db.query(`SELECT now() AS now, date_trunc('day', now(), 'UTC') AS today`);
    const [now, today] = [clock[0].now as Date, clock[0].today as Date];
    const yearAgo = new Date(today.getTime() - 365 * MS_PER_DAY);

    console.log(`generating about ${rows} click and event rows over a year (and ${Math.round(rows / 100)} in another workspace)`);
    const generatedAt = process.hrtime.bigint();
    await createLinks(db, workspaceId, 20, 100);
    await createLinks(db, otherId, 2, 10);
    await generate(db, workspaceId, rows, yearAgo, now);
    await generate(db, otherId, Math.round(rows / 100), yearAgo, now);
    await db.query('ANALYZE');
    const generateSeconds = seconds(generatedAt);
    const { rows: counts } = await db.query(
      `SELECT (SELECT count(*) FROM trackflow.click_event WHERE workspace_id = $1)::int AS clicks, (SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1)::int AS events,
         (SELECT count(*) FROM trackflow.visitor_session WHERE workspace_id = $1)::int AS sessions, (SELECT count(*) FROM trackflow.visitor WHERE workspace_id = $1)::int AS visitors,
         (SELECT count(*) FROM trackflow.conversion WHERE workspace_id = $1)::int AS conversions`,
      [workspaceId],
    );
    console.log(`generated in ${generateSeconds.toFixed(1)} s: ${JSON.stringify(counts[0])}`);

    const rollupAt = process.hrtime.bigint();
    execFileSync(process.execPath, [join(__dirname, '..', '..', 'src', 'cli', 'main.js'), 'analytics:rollup', '--workspace', 'bench'], { env: { ...process.env, ...env }, stdio: 'inherit' });
    const rollupSeconds = seconds(rollupAt);
    await db.query('ANALYZE');
    const { rows: sizes } = await db.query(
      `SELECT (SELECT count(*) FROM trackflow.daily_rollup WHERE workspace_id = $1)::int AS daily, (SELECT count(*) FROM trackflow.daily_rollup_visitors WHERE workspace_id = $1)::int AS daily_visitors,
         (SELECT count(*) FROM trackflow.hourly_rollup WHERE workspace_id = $1)::int AS hourly`,
      [workspaceId],
    );
    console.log(`rolled up in ${rollupSeconds.toFixed(1)} s: ${JSON.stringify(sizes[0])} rollup rows`);

    const { rows: targets } = await db.query(
      `SELECT l.id AS link_id, l.campaign_id FROM trackflow.tracked_link l WHERE l.workspace_id = $1
       AND EXISTS (SELECT 1 FROM trackflow.campaign_link_variant v WHERE v.tracked_link_id = l.id) ORDER BY l.short_code LIMIT 1`,
      [workspaceId],
    );
    const { link_id: linkId, campaign_id: campaignId } = targets[0];
    const periods = { year: { from: yearAgo, to: new Date() }, day: { from: new Date(today.getTime() - MS_PER_DAY), to: today } };
    process.env.DATABASE_URL = DATABASE_URL;
    const context = await createCliContext(AnalyticsModule, 'database');
    const analytics = context.get(AnalyticsService);
    const figures: Record<string, number> = {};
    const mismatches: string[] = [];
    try {
      for (const [name, period] of Object.entries(periods)) {
        const variables = { from: period.from.toISOString(), to: period.to.toISOString() };
        const campaign = await timed(RUNS, async () => {
          const stats = await analytics.campaignStats(workspaceId, campaignId, period.from, period.to, 'UTC');
          return { clicks: stats.clicks, uniqueVisitors: stats.uniqueVisitors, sessions: stats.sessions, conversions: stats.conversions, revenue: microsToDecimal(stats.revenue) };
        });
        const campaignHttp = await timed(RUNS, () => graphql<{ campaignStats: CampaignFigures }>(BASE_URL, key, CAMPAIGN_QUERY, { id: campaignId, ...variables }));
        const campaignRaw = await timed(Math.min(RUNS, 3), () => rawCampaign(db, workspaceId, campaignId, period.from, period.to));
        const link = await timed(RUNS, async () => (await analytics.linkAnalytics(workspaceId, linkId, period.from, period.to, AnalyticsInterval.DAY, 'UTC')) as unknown as LinkAnswer);
        const linkHttp = await timed(RUNS, () => graphql<{ linkAnalytics: LinkAnswer }>(BASE_URL, key, LINK_QUERY, { id: linkId, ...variables }));
        const linkRaw = await timed(Math.min(RUNS, 3), () => rawLink(db, workspaceId, linkId, period.from, period.to));
        const expectedCampaign = JSON.stringify(campaignRaw.result);
        for (const [via, answer] of [['service', campaign.result], ['graphql', campaignHttp.result.campaignStats]] as const) {
          if (JSON.stringify(answer) !== expectedCampaign) mismatches.push(`campaign ${name} (${via}): ${JSON.stringify(answer)} vs raw ${expectedCampaign}`);
        }
        const expectedLink = JSON.stringify(comparableRawLink(linkRaw.result));
        for (const [via, answer] of [['service', link.result], ['graphql', linkHttp.result.linkAnalytics]] as const) {
          const comparable = JSON.stringify(comparableLink(answer));
          if (comparable !== expectedLink) mismatches.push(`link ${name} (${via}): ${comparable.slice(0, 400)} vs raw ${expectedLink.slice(0, 400)}`);
        }
        Object.assign(figures, {
          [`campaign_${name}_rollup_ms`]: campaign.ms,
          [`campaign_${name}_graphql_ms`]: campaignHttp.ms,
          [`campaign_${name}_raw_ms`]: campaignRaw.ms,
          [`campaign_${name}_ratio`]: Number((campaignRaw.ms / campaign.ms).toFixed(1)),
          [`link_${name}_rollup_ms`]: link.ms,
          [`link_${name}_graphql_ms`]: linkHttp.ms,
          [`link_${name}_raw_ms`]: linkRaw.ms,
          [`link_${name}_ratio`]: Number((linkRaw.ms / link.ms).toFixed(1)),
        });
        console.log(
          `${name}: campaignStats ${campaign.ms} ms (GraphQL ${campaignHttp.ms} ms) vs raw ${campaignRaw.ms} ms (${figures[`campaign_${name}_ratio`]}x); ` +
            `linkAnalytics ${link.ms} ms (GraphQL ${linkHttp.ms} ms) vs raw ${linkRaw.ms} ms (${figures[`link_${name}_ratio`]}x)`,
        );
      }
    } finally {
      await context.close();
    }
    for (const mismatch of mismatches) console.log(`MISMATCH ${mismatch}`);
    console.log(
      JSON.stringify({
        rows: counts[0].clicks + counts[0].events,
        ...counts[0],
        generate_s: Number(generateSeconds.toFixed(1)),
        rollup_build_s: Number(rollupSeconds.toFixed(1)),
        rollup_rows: sizes[0],
        runs: RUNS,
        ...figures,
        year_target_met: figures.campaign_year_ratio >= 20 && figures.link_year_ratio >= 20,
        same_answer: mismatches.length === 0,
      }),
    );
  } finally {
    await db.end();
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
