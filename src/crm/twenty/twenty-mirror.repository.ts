import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { EditableKind } from 'src/crm/crm-change';
import { editableValuesOf } from 'src/crm/twenty/twenty-change.adapter';
import {
  attributionModelRecord,
  AttributionModelRow,
  campaignRecord,
  CampaignRow,
  conversionRecord,
  ConversionRow,
  dealAttributionRecord,
  DealAttributionRow,
  linkRecord,
  LinkRow,
  MirrorKind,
  variantRecord,
  VariantRow,
} from 'src/crm/twenty/twenty-mirror.util';

type Loader = { sql: string; toRecord: (row: unknown, publicBaseUrl: string) => Record<string, unknown> };
const loader = <Row>(sql: string, toRecord: (row: Row, publicBaseUrl: string) => Record<string, unknown>): Loader => ({ sql, toRecord: (row, base) => toRecord(row as Row, base) });

const LOADERS: Record<MirrorKind, Loader> = {
  campaign: loader<CampaignRow>(`SELECT id, name, campaign_type, status, start_date::text AS start_date, end_date::text AS end_date, source, medium, budget_micros, currency_code,
      total_clicks, unique_visitors, revenue_micros
    FROM trackflow.link_campaign WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`, campaignRecord),
  link: loader<LinkRow>(`SELECT l.id, l.campaign_id, (c.id IS NOT NULL AND c.deleted_at IS NULL) AS campaign_alive, l.short_code, l.title, l.destination_url, l.status, l.expiry_date,
      l.click_count, l.unique_visitor_count, l.last_click, d.domain, d.ssl_enabled, s.default_shortlink_domain
    FROM trackflow.tracked_link l
    LEFT JOIN trackflow.link_campaign c ON c.id = l.campaign_id
    LEFT JOIN trackflow.domain_configuration d ON d.id = l.domain_id
    LEFT JOIN trackflow.trackflow_settings s ON s.workspace_id = l.workspace_id
    WHERE l.workspace_id = $1 AND l.id = ANY($2::uuid[]) AND l.deleted_at IS NULL`, linkRecord),
  variant: loader<VariantRow>(`SELECT id, tracked_link_id, variant_name, destination_url, weight, active, clicks
    FROM trackflow.campaign_link_variant WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, variantRecord),
  attributionModel: loader<AttributionModelRow>(`SELECT id, name, model_type, is_default, is_active, lookback_window_days
    FROM trackflow.attribution_model WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, attributionModelRecord),
  // A conversion's link is the last linked touch it was credited to.
  conversion: loader<ConversionRow>(`SELECT c.id, c.conversion_type, c.visitor_id, c.person_id, c.value_micros, c.currency_code, c.conversion_date,
      (SELECT a.tracked_link_id FROM trackflow.deal_attribution a WHERE a.workspace_id = c.workspace_id AND a.conversion_id = c.id AND a.tracked_link_id IS NOT NULL
       ORDER BY a.touchpoint_index DESC LIMIT 1) AS tracked_link_id
    FROM trackflow.conversion c WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[]) AND c.person_id IS NOT NULL`, conversionRecord),
  dealAttribution: loader<DealAttributionRow>(`SELECT a.id, a.opportunity_id, a.model_type, a.channel, a.touchpoint_source, a.touchpoint_medium, a.touchpoint_campaign, a.touchpoint_timestamp,
      a.attribution_weight, a.attributed_value_micros, a.currency_code, a.position_in_journey, a.days_to_conversion, a.tracked_link_id,
      CASE WHEN c.deleted_at IS NULL THEN c.id END AS campaign_id
    FROM trackflow.deal_attribution a
    LEFT JOIN trackflow.tracked_link l ON l.id = a.tracked_link_id
    LEFT JOIN trackflow.link_campaign c ON c.id = l.campaign_id
    WHERE a.workspace_id = $1 AND a.id = ANY($2::uuid[]) AND a.opportunity_id IS NOT NULL`, dealAttributionRecord),
};

/** Reads the current state of mirrored rows as Twenty record inputs; ids with no live row are to be deleted in Twenty. */
@Injectable()
export class TwentyMirrorRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async load(workspaceId: string, kind: MirrorKind, ids: readonly string[]): Promise<{ records: Record<string, unknown>[]; gone: string[] }> {
    const { sql, toRecord } = LOADERS[kind];
    const rows: unknown[] = await this.dataSource.query(sql, [workspaceId, ids]);
    const records = rows.map((row) => toRecord(row, this.config.publicBaseUrl));
    const live = new Set(records.map((record) => record.id));
    return { records, gone: ids.filter((id) => !live.has(id)) };
  }

  /** TrackFlow's values of a record staff may edit in Twenty, read as an edit made there would be; null when the record is not TrackFlow's (any more). */
  async editableValues(workspaceId: string, kind: EditableKind, id: string): Promise<Record<string, unknown> | null> {
    const [record] = (await this.load(workspaceId, kind, [id])).records;
    return record ? editableValuesOf(kind, record) : null;
  }

  /** Every live campaign, link and variant of a workspace, parents first, and its attribution models: what an install mirrors. */
  async allStaffRecords(workspaceId: string): Promise<{ kind: MirrorKind; ids: string[] }[]> {
    const ids = async (sql: string) => ((await this.dataSource.query(sql, [workspaceId])) as { id: string }[]).map((row) => row.id);
    return [
      { kind: 'campaign', ids: await ids(`SELECT id FROM trackflow.link_campaign WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY created_at`) },
      { kind: 'link', ids: await ids(`SELECT id FROM trackflow.tracked_link WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY created_at`) },
      { kind: 'variant', ids: await ids(`SELECT v.id FROM trackflow.campaign_link_variant v JOIN trackflow.tracked_link l ON l.id = v.tracked_link_id WHERE v.workspace_id = $1 AND l.deleted_at IS NULL ORDER BY v.created_at`) },
      { kind: 'attributionModel', ids: await ids(`SELECT id FROM trackflow.attribution_model WHERE workspace_id = $1 ORDER BY created_at`) },
    ];
  }
}
