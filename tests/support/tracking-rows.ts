import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Writes tracking rows as the pipelines store them, at chosen instants, for tests that need a
 * hand-made history (the redirect and the tracker stamp everything with the current time).
 */
export class TrackingRows {
  constructor(
    private readonly dataSource: DataSource,
    readonly workspaceId: string,
  ) {}

  async campaign(name: string, extra: { budgetMicros?: bigint; externalCampaignId?: string } = {}): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.link_campaign (workspace_id, name, budget_micros, external_campaign_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [this.workspaceId, name, extra.budgetMicros?.toString() ?? null, extra.externalCampaignId ?? null],
    );
    return row.id;
  }

  async link(shortCode: string, campaignId: string | null): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.tracked_link (workspace_id, campaign_id, short_code, destination_url) VALUES ($1, $2, $3, 'https://shop.example/') RETURNING id`,
      [this.workspaceId, campaignId, shortCode],
    );
    return row.id;
  }

  async variant(linkId: string, name: string): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.campaign_link_variant (workspace_id, tracked_link_id, variant_name, destination_url) VALUES ($1, $2, $3, 'https://shop.example/v') RETURNING id`,
      [this.workspaceId, linkId, name],
    );
    return row.id;
  }

  async visitor(visitorId: string, firstSeen: string, extra: { personId?: string; isBot?: boolean; isInternal?: boolean; lastSeen?: string; mergedInto?: string } = {}): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen, last_activity, person_id, is_bot, is_internal, merged_into_visitor_id)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
      [this.workspaceId, visitorId, firstSeen, extra.lastSeen ?? firstSeen, extra.personId ?? null, extra.isBot ?? false, extra.isInternal ?? false, extra.mergedInto ?? null],
    );
  }

  async session(
    visitorId: string,
    start: string,
    extra: {
      durationSeconds?: number; pageViews?: number; isBounce?: boolean; entryPage?: string; exitPage?: string; source?: string; referrer?: string; country?: string;
      isBot?: boolean; isInternal?: boolean; ad?: [string, string, string];
    } = {},
  ): Promise<string> {
    const id = randomUUID();
    const [campaignId, adsetId, adId] = extra.ad ?? [null, null, null];
    await this.dataSource.query(
      `INSERT INTO trackflow.visitor_session (id, workspace_id, visitor_id, session_start, session_end, page_views, duration_seconds, is_bounce, exit_page, source, referrer,
         is_bot, is_internal, utm_campaign_id, utm_adset_id, utm_ad_id, entry_page, country)
       VALUES ($1, $2, $3, $4, $4::timestamptz + make_interval(secs => $5), $6, $5, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [id, this.workspaceId, visitorId, start, extra.durationSeconds ?? 0, extra.pageViews ?? 0, extra.isBounce ?? true, extra.exitPage ?? null, extra.source ?? null, extra.referrer ?? null,
        extra.isBot ?? false, extra.isInternal ?? false, campaignId, adsetId, adId, extra.entryPage ?? null, extra.country ?? null],
    );
    return id;
  }

  /** A null visitor is an anonymous count (no consent, Do Not Track). */
  async click(
    visitorId: string | null,
    linkId: string,
    at: string,
    extra: {
      campaignId?: string | null; variantId?: string; sessionId?: string; isQr?: boolean; referrer?: string; deviceType?: string; browser?: string; os?: string; country?: string;
      isBot?: boolean; isInternal?: boolean; utm?: { source?: string; medium?: string; campaign?: string };
    } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, variant_id, campaign_id, session_id, short_code, event_type, is_qr, referrer,
         click_timestamp, device_type, browser, os, country, is_bot, is_internal, utm_source, utm_medium, utm_campaign)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'code', CASE WHEN $8 THEN 'qr_scan' ELSE 'click' END, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [id, this.workspaceId, visitorId, linkId, extra.variantId ?? null, extra.campaignId ?? null, extra.sessionId ?? null, extra.isQr ?? false, extra.referrer ?? null, at,
        extra.deviceType ?? null, extra.browser ?? null, extra.os ?? null, extra.country ?? null, extra.isBot ?? false, extra.isInternal ?? false,
        extra.utm?.source ?? null, extra.utm?.medium ?? null, extra.utm?.campaign ?? null],
    );
    return id;
  }

  async event(visitorId: string, sessionId: string, type: string, at: string, extra: { path?: string; name?: string; isBot?: boolean; isInternal?: boolean; data?: Record<string, unknown> } = {}): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.visitor_event (workspace_id, visitor_id, session_id, event_type, event_name, "timestamp", page_url, path, is_bot, is_internal, event_data)
       VALUES ($1, $2, $3, $4, $5, $6, 'https://shop.example' || COALESCE($7, '/'), $7, $8, $9, $10)`,
      [this.workspaceId, visitorId, sessionId, type, extra.name ?? null, at, extra.path ?? null, extra.isBot ?? false, extra.isInternal ?? false, extra.data ? JSON.stringify(extra.data) : null],
    );
  }

  async conversion(type: 'lead' | 'deal', at: string, extra: { visitorId?: string; personId?: string; opportunityId?: string; valueMicros?: bigint; currencyCode?: string }): Promise<string> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO trackflow.conversion (workspace_id, conversion_type, visitor_id, person_id, opportunity_id, value_micros, currency_code, conversion_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [this.workspaceId, type, extra.visitorId ?? null, extra.personId ?? null, extra.opportunityId ?? null, (extra.valueMicros ?? 0n).toString(), extra.currencyCode ?? 'USD', at],
    );
    return row.id;
  }
}
