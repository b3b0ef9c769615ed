import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdSpendRow } from 'src/analytics/ads/ad-spend-csv.parser';
import { clicksOfSession } from 'src/tracking/sessions/session-clicks.sql';

// Rows per INSERT: large enough to be quick, small enough to report progress on big files.
const AD_SPEND_BATCH = 1000;

export type AdLevel = 'CAMPAIGN' | 'ADSET' | 'AD';

type AdPerformanceRow = {
  campaign_id: string;
  adset_id: string | null;
  ad_id: string | null;
  name: string | null;
  currency_code: string | null;
  spend_micros: string;
  impressions: string;
  ad_clicks: string;
  sessions: number;
  visitors: number;
  tracked_clicks: number;
  conversions: number;
  revenue_micros: string;
};

const KEYS: Record<AdLevel, string[]> = { CAMPAIGN: ['campaign_id'], ADSET: ['campaign_id', 'adset_id'], AD: ['campaign_id', 'adset_id', 'ad_id'] };

@Injectable()
export class AdSpendRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Replaces the platform's spend on the days the rows cover with these rows, in one transaction,
   * and records the ads they name. Returns how many old rows the replaced days held.
   */
  async replaceDays(workspaceId: string, platform: string, rows: readonly AdSpendRow[], onBatch: (written: number) => void): Promise<number> {
    const days = [...new Set(rows.map((row) => row.date))];
    return this.dataSource.transaction(async (manager) => {
      const deleted: unknown = await manager.query(`DELETE FROM trackflow.ad_spend_fact WHERE workspace_id = $1 AND platform = $2 AND date = ANY ($3::date[])`, [workspaceId, platform, days]);
      for (let start = 0; start < rows.length; start += AD_SPEND_BATCH) {
        const batch = JSON.stringify(
          rows.slice(start, start + AD_SPEND_BATCH).map((row) => ({
            date: row.date,
            campaign_id: row.campaignId,
            campaign_name: row.campaignName,
            adset_id: row.adsetId,
            adset_name: row.adsetName,
            ad_id: row.adId,
            ad_name: row.adName,
            placement: row.placement,
            impressions: row.impressions,
            clicks: row.clicks,
            spend_micros: row.spendMicros.toString(),
            currency_code: row.currencyCode,
          })),
        );
        const columns = `date date, campaign_id text, campaign_name text, adset_id text, adset_name text, ad_id text, ad_name text, placement text,
          impressions bigint, clicks bigint, spend_micros bigint, currency_code text`;
        await manager.query(
          `INSERT INTO trackflow.ad_spend_fact (workspace_id, platform, date, campaign_id, adset_id, ad_id, impressions, clicks, spend_micros, currency_code)
           SELECT $1, $2, r.date, r.campaign_id, r.adset_id, r.ad_id, r.impressions, r.clicks, r.spend_micros, r.currency_code FROM jsonb_to_recordset($3::jsonb) AS r(${columns})`,
          [workspaceId, platform, batch],
        );
        await manager.query(
          `INSERT INTO trackflow.ads_dim AS d (workspace_id, platform, ad_id, campaign_id, campaign_name, adset_id, adset_name, ad_name, placement, first_seen, last_seen)
           SELECT $1, $2, r.ad_id, (array_agg(r.campaign_id ORDER BY r.date DESC))[1], (array_agg(r.campaign_name ORDER BY r.date DESC))[1],
             (array_agg(r.adset_id ORDER BY r.date DESC))[1], (array_agg(r.adset_name ORDER BY r.date DESC))[1], (array_agg(r.ad_name ORDER BY r.date DESC))[1],
             (array_agg(r.placement ORDER BY r.date DESC))[1], min(r.date), max(r.date)
           FROM jsonb_to_recordset($3::jsonb) AS r(${columns}) WHERE r.ad_id IS NOT NULL GROUP BY r.ad_id
           ON CONFLICT (workspace_id, platform, ad_id) DO UPDATE SET
             campaign_id = CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.campaign_id ELSE d.campaign_id END,
             campaign_name = COALESCE(CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.campaign_name END, d.campaign_name),
             adset_id = CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.adset_id ELSE d.adset_id END,
             adset_name = COALESCE(CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.adset_name END, d.adset_name),
             ad_name = COALESCE(CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.ad_name END, d.ad_name),
             placement = COALESCE(CASE WHEN EXCLUDED.last_seen >= d.last_seen THEN EXCLUDED.placement END, d.placement),
             first_seen = LEAST(d.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(d.last_seen, EXCLUDED.last_seen), updated_at = now()`,
          [workspaceId, platform, batch],
        );
        onBatch(Math.min(start + AD_SPEND_BATCH, rows.length));
      }
      return Array.isArray(deleted) && typeof deleted[1] === 'number' ? deleted[1] : 0;
    });
  }

  /**
   * Spend on the local dates [firstDate, lastDate] joined to the human sessions that landed with
   * the same utm_campaign_id (and utm_adset_id, utm_ad_id) in [from, to), their visitors and tracked
   * clicks, and the conversions whose latest such session (within the attribution window) was one of
   * them (in the spend's currency). Grouped at the asked level.
   */
  async performance(workspaceId: string, level: AdLevel, platform: string | null, firstDate: string, lastDate: string, from: Date, to: Date): Promise<AdPerformanceRow[]> {
    const keys = KEYS[level];
    const key = (alias: string) => keys.map((column) => `${alias}.${column}`).join(', ');
    const sessionKey = (alias: string) => keys.map((column) => `${alias}.utm_${column}`).join(', ');
    const joinOn = (left: string, right: string) => keys.map((column) => `${left}.${column} IS NOT DISTINCT FROM ${right}.${column}`).join(' AND ');
    const nulls = ['campaign_id', 'adset_id', 'ad_id'].filter((column) => !keys.includes(column)).map((column) => `NULL::text AS ${column}`);
    return this.dataSource.query(
      `WITH spend AS (
         SELECT ${key('f')}, min(f.currency_code) AS currency_code, sum(f.spend_micros) AS spend_micros, sum(f.impressions) AS impressions, sum(f.clicks) AS ad_clicks
         FROM trackflow.ad_spend_fact f
         WHERE f.workspace_id = $1 AND f.date >= $2 AND f.date <= $3 AND ($6::text IS NULL OR f.platform = $6)
         GROUP BY ${key('f')}),
       landed AS (
         SELECT s.id, s.session_start, s.session_end, s.visitor_id, ${sessionKey('s')} FROM trackflow.visitor_session s
         WHERE s.workspace_id = $1 AND s.utm_campaign_id IS NOT NULL AND s.session_start >= $4 AND s.session_start < $5 AND NOT s.is_bot AND NOT s.is_internal),
       traffic AS (
         SELECT ${keys.map((column) => `l.utm_${column} AS ${column}`).join(', ')}, count(*)::int AS sessions, count(DISTINCT l.visitor_id)::int AS visitors,
           sum((SELECT count(*) FROM trackflow.click_event c
                WHERE ${clicksOfSession('c', 'l')} AND NOT c.is_bot AND NOT c.is_internal))::int AS tracked_clicks
         FROM landed l GROUP BY ${sessionKey('l')}),
       converted AS (
         SELECT ${keys.map((column) => `k.utm_${column} AS ${column}`).join(', ')}, c.currency_code, count(*)::int AS conversions, sum(c.value_micros) AS revenue_micros
         FROM trackflow.conversion c
         LEFT JOIN trackflow.trackflow_settings st ON st.workspace_id = c.workspace_id
         CROSS JOIN LATERAL (
           SELECT ${sessionKey('s')} FROM trackflow.visitor_session s
           WHERE s.workspace_id = c.workspace_id AND s.visitor_id = c.visitor_id AND s.utm_campaign_id IS NOT NULL AND NOT s.is_bot AND NOT s.is_internal
             AND s.session_start <= c.conversion_date AND s.session_start >= c.conversion_date - make_interval(days => COALESCE(st.attribution_window_days, 30))
           ORDER BY s.session_start DESC LIMIT 1) k
         WHERE c.workspace_id = $1 AND c.conversion_date >= $4 AND c.conversion_date < $5
         GROUP BY ${keys.map((column) => `k.utm_${column}`).join(', ')}, c.currency_code),
       keys AS (SELECT ${keys.join(', ')} FROM spend UNION SELECT ${keys.join(', ')} FROM traffic UNION SELECT ${keys.join(', ')} FROM converted)
       SELECT ${keys.map((column) => `k.${column}`).join(', ')}${nulls.length ? ', ' + nulls.join(', ') : ''},
         (SELECT ${level === 'CAMPAIGN' ? 'd.campaign_name' : level === 'ADSET' ? 'd.adset_name' : 'd.ad_name'} FROM trackflow.ads_dim d
          WHERE d.workspace_id = $1 AND ${joinOn('d', 'k')} ORDER BY d.last_seen DESC LIMIT 1) AS name,
         COALESCE(sp.currency_code, cv.currency_code) AS currency_code, COALESCE(sp.spend_micros, 0)::text AS spend_micros,
         COALESCE(sp.impressions, 0)::text AS impressions, COALESCE(sp.ad_clicks, 0)::text AS ad_clicks,
         COALESCE(t.sessions, 0) AS sessions, COALESCE(t.visitors, 0) AS visitors, COALESCE(t.tracked_clicks, 0) AS tracked_clicks,
         COALESCE(cv.conversions, 0) AS conversions, COALESCE(cv.revenue_micros, 0)::text AS revenue_micros
       FROM keys k
       LEFT JOIN spend sp ON ${joinOn('sp', 'k')}
       LEFT JOIN traffic t ON ${joinOn('t', 'k')}
       -- Money of one row is in one currency: conversions in another currency than the spend's are left out.
       LEFT JOIN converted cv ON ${joinOn('cv', 'k')} AND (sp.currency_code IS NULL OR cv.currency_code = sp.currency_code)
       ORDER BY COALESCE(sp.spend_micros, 0) DESC, ${keys.map((column) => `k.${column}`).join(', ')}`,
      [workspaceId, firstDate, lastDate, from, to, platform],
    );
  }
}
