import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';

type CampaignMetrics = {
  campaignId: string;
  conversions: number;
  revenueMicros: bigint;
  conversionRate: number | null;
  costMicros: bigint | null;
  costPerClickMicros: bigint | null;
  costPerAcquisitionMicros: bigint | null;
  roiPercentage: number | null;
};

/** Where credited conversions are counted: fixed names, never input. */
const CONVERSION_COUNTS = [
  { table: 'tracked_link', column: 'conversion_count', key: 'tracked_link_id' },
  { table: 'campaign_link_variant', column: 'conversions', key: 'variant_id' },
] as const;

@Injectable()
export class CampaignMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the seed's Link Campaign metric fields and the cost they come from, touching (and stamping updated_at on) only the
   * campaigns whose figures changed; returns their ids. Clicks and unique visitors are left to the
   * click worker, which keeps them exact as clicks are stored.
   */
  async saveCampaignMetrics(workspaceId: string, metrics: readonly CampaignMetrics[]): Promise<string[]> {
    if (metrics.length === 0) return [];
    const result: unknown = await this.dataSource.query(
      `UPDATE trackflow.link_campaign c SET conversions = m.conversions, revenue_micros = m.revenue_micros, conversion_rate = m.conversion_rate,
         cost_micros = m.cost, cost_per_click_micros = m.cpc, cost_per_acquisition_micros = m.cpa, roi_percentage = m.roi, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS m(id uuid, conversions int, revenue_micros bigint, conversion_rate numeric, cost bigint, cpc bigint, cpa bigint, roi numeric)
       WHERE c.workspace_id = $1 AND c.id = m.id
         AND (c.conversions, c.revenue_micros, c.conversion_rate, c.cost_micros, c.cost_per_click_micros, c.cost_per_acquisition_micros, c.roi_percentage)
             IS DISTINCT FROM (m.conversions, m.revenue_micros, m.conversion_rate::numeric(9, 4), m.cost, m.cpc, m.cpa, m.roi::numeric(12, 4))
       RETURNING c.id`,
      [
        workspaceId,
        JSON.stringify(
          metrics.map((metric) => ({
            id: metric.campaignId,
            conversions: metric.conversions,
            revenue_micros: metric.revenueMicros.toString(),
            conversion_rate: metric.conversionRate,
            cost: metric.costMicros?.toString() ?? null,
            cpc: metric.costPerClickMicros?.toString() ?? null,
            cpa: metric.costPerAcquisitionMicros?.toString() ?? null,
            roi: metric.roiPercentage,
          })),
        ),
      ],
    );
    return returnedRows<{ id: string }>(result).map((row) => row.id);
  }

  /**
   * The campaigns whose announced figures (what their Twenty mirror and campaign.updated show:
   * clicks, visitors and the refreshed metrics) differ from the last ones announced, noted as
   * announced now.
   */
  async takeCampaignsWithNewFigures(workspaceId: string): Promise<string[]> {
    const result: unknown = await this.dataSource.query(
      `UPDATE trackflow.link_campaign c SET announced_figures = f.figures
       FROM (SELECT id, jsonb_build_array(total_clicks, unique_visitors, conversions, revenue_micros, conversion_rate, cost_micros, cost_per_click_micros, cost_per_acquisition_micros, roi_percentage) AS figures
             FROM trackflow.link_campaign WHERE workspace_id = $1) f
       WHERE c.workspace_id = $1 AND c.id = f.id AND c.announced_figures IS DISTINCT FROM f.figures
       RETURNING c.id`,
      [workspaceId],
    );
    return returnedRows<{ id: string }>(result).map((row) => row.id);
  }

  /** Conversions credited to each link and A/B variant over their lifetime, onto tracked_link and campaign_link_variant. */
  async saveLinkConversionCounts(workspaceId: string): Promise<void> {
    for (const { table, column, key } of CONVERSION_COUNTS) {
      await this.dataSource.query(
        `UPDATE trackflow.${table} target SET ${column} = COALESCE(x.n, 0)
         FROM trackflow.${table} t LEFT JOIN (
           SELECT ${key}, count(*)::int AS n FROM trackflow.conversion_credit WHERE workspace_id = $1 AND ${key} IS NOT NULL GROUP BY 1) x
           ON x.${key} = t.id
         WHERE t.workspace_id = $1 AND target.id = t.id AND target.${column} IS DISTINCT FROM COALESCE(x.n, 0)`,
        [workspaceId],
      );
    }
  }
}
