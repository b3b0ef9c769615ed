import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResolvedLink } from 'src/redirect/resolved-link';

type LinkRow = {
  id: string;
  workspace_id: string;
  campaign_id: string | null;
  domain_id: string | null;
  short_code: string;
  destination_url: string;
  fallback_url: string | null;
  status: string;
  expiry_date: Date | null;
  deleted_at: Date | null;
  source: string | null;
  medium: string | null;
  utm_campaign: string | null;
  campaign_name: string | null;
  content: string | null;
  term: string | null;
  additional_parameters: Record<string, string>;
  variants: { id: string; destination_url: string; weight: number }[];
  headers: { header_name: string; header_value: string }[] | null;
};

@Injectable()
export class RedirectLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One round trip: the link, its active variants and its domain's headers. */
  async findByCode(domainId: string | null, shortCode: string): Promise<ResolvedLink | null> {
    const rows: LinkRow[] = await this.dataSource.query(
      `SELECT l.id, l.workspace_id, l.campaign_id, l.domain_id, l.short_code, l.destination_url, l.fallback_url, l.status,
              l.expiry_date, l.deleted_at, l.source, l.medium, l.utm_campaign, c.name AS campaign_name, l.content, l.term,
              l.additional_parameters,
              COALESCE((SELECT json_agg(json_build_object('id', v.id, 'destination_url', v.destination_url, 'weight', v.weight) ORDER BY v.created_at)
                        FROM trackflow.campaign_link_variant v WHERE v.tracked_link_id = l.id AND v.active AND v.weight > 0), '[]') AS variants,
              (SELECT json_agg(json_build_object('header_name', h.header_name, 'header_value', h.header_value))
                 FROM trackflow.domain_header_configuration h WHERE h.domain_configuration_id = l.domain_id) AS headers
       FROM trackflow.tracked_link l
       LEFT JOIN trackflow.link_campaign c ON c.id = l.campaign_id AND c.deleted_at IS NULL
       WHERE COALESCE(l.domain_id, '00000000-0000-0000-0000-000000000000'::uuid) = COALESCE($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
         AND l.short_code = $2`,
      [domainId, shortCode],
    );
    const row = rows[0];
    if (!row) return null;
    const pick = (value: string | null) => value ?? undefined;
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      campaignId: row.campaign_id,
      domainId: row.domain_id,
      shortCode: row.short_code,
      destinationUrl: row.destination_url,
      fallbackUrl: row.fallback_url,
      status: row.status,
      expiresAtMs: row.expiry_date ? row.expiry_date.getTime() : null,
      deleted: row.deleted_at !== null,
      utm: {
        source: pick(row.source),
        medium: pick(row.medium),
        campaign: pick(row.utm_campaign ?? row.campaign_name),
        content: pick(row.content),
        term: pick(row.term),
      },
      additionalParameters: row.additional_parameters ?? {},
      variants: row.variants.map((variant) => ({ id: variant.id, destinationUrl: variant.destination_url, weight: variant.weight })),
      headers: (row.headers ?? []).map((header) => [header.header_name, header.header_value]),
    };
  }

  /** What a short URL on this domain starts with; the QR endpoints need it, the redirect does not. */
  async findDomainOrigin(domainId: string): Promise<{ domain: string; sslEnabled: boolean } | null> {
    const rows: { domain: string; ssl_enabled: boolean }[] = await this.dataSource.query(
      `SELECT domain, ssl_enabled FROM trackflow.domain_configuration WHERE id = $1`,
      [domainId],
    );
    return rows[0] ? { domain: rows[0].domain, sslEnabled: rows[0].ssl_enabled } : null;
  }

  async findDomainIdByHost(host: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM trackflow.domain_configuration WHERE domain = $1`, [host]);
    return rows[0]?.id ?? null;
  }

  /** Where the redirect finds a workspace's links: one link, or every link of a campaign or of a domain. */
  async findLinkKeys(workspaceId: string, of: 'id' | 'campaign_id' | 'domain_id', id: string): Promise<{ domain_id: string | null; short_code: string }[]> {
    return this.dataSource.query(`SELECT domain_id, short_code FROM trackflow.tracked_link WHERE workspace_id = $1 AND ${of} = $2`, [workspaceId, id]);
  }
}
