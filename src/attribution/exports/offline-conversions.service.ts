import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { offlineConversionFile } from 'src/attribution/exports/offline-conversion-formats.util';
import { AD_PLATFORMS, AdPlatform, CLICK_ID_PARAMETER, MATCHES_BY_EMAIL, OfflineConversionRow, platformCredit } from 'src/attribution/exports/offline-conversion.util';
import { PersonEmails } from 'src/attribution/exports/person-emails.types';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { checkPeriod } from 'src/attribution/reports/report-query.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isUuid } from 'src/common/validation/input-rules';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';

/** A platform's upload covers at most this long; longer than the 90 days the platforms take clicks back. */
const MAX_PERIOD_DAYS = 400;
const MAX_CONVERSIONS = 100_000;

export interface OfflineConversionsQuery {
  platform: string;
  from: Date;
  to: Date;
  /** A model id or type; the workspace's default model if omitted. */
  model?: string | null;
  includeLeads?: boolean | null;
}

export interface OfflineConversionsFile {
  platform: AdPlatform;
  modelName: string;
  rowCount: number;
  text: string;
}

/**
 * Offline-conversion files for the ad platforms: the won deals (and leads when asked) of [from, to)
 * whose person came with the platform's click id, each valued at the credit the model gives the
 * platform's touches of its journey, with the person's address from the CRM where the platform
 * matches on it (docs/ARCHITECTURE.md, "Offline conversions for ad platforms").
 */
@Injectable()
export class OfflineConversionsService {
  constructor(
    private readonly conversions: ConversionsService,
    private readonly models: AttributionModelsService,
    private readonly attribution: ConversionAttributionService,
    private readonly visitors: VisitorIdentityService,
    private readonly discovery: DiscoveryService,
  ) {}

  async export(workspaceId: string, query: OfflineConversionsQuery): Promise<OfflineConversionsFile> {
    const platform = adPlatform(query.platform);
    checkPeriod(query.from, query.to, MAX_PERIOD_DAYS);
    const model = await this.models.resolve(workspaceId, query.model);
    const rows = await this.rows(workspaceId, platform, query, model);
    return { platform, modelName: model.name, rowCount: rows.length, text: offlineConversionFile(platform, rows) };
  }

  private async rows(workspaceId: string, platform: AdPlatform, query: OfflineConversionsQuery, model: Awaited<ReturnType<AttributionModelsService['resolve']>>): Promise<OfflineConversionRow[]> {
    const listed = await this.conversions.listBetween(workspaceId, query.from, query.to, MAX_CONVERSIONS + 1);
    if (listed.length > MAX_CONVERSIONS) throw new ValidationFailure('from', `the period holds more than ${MAX_CONVERSIONS} conversions; ask for a shorter one`);
    const wanted = listed.filter((conversion) => conversion.conversionType === 'deal' || (query.includeLeads === true && conversion.conversionType === 'lead'));
    const clicks = await this.visitors.adClickIds(
      workspaceId,
      CLICK_ID_PARAMETER[platform],
      wanted.map((conversion) => ({ key: conversion.id, visitorId: conversion.visitorId, personId: conversion.personId, at: conversion.convertedAt })),
    );
    const clicked = wanted.filter((conversion) => clicks.has(conversion.id));
    const attributions = await this.attribution.compute(workspaceId, clicked, model);
    const emails = MATCHES_BY_EMAIL[platform] ? await this.emailsOf(workspaceId, clicked.map((conversion) => conversion.personId)) : new Map<string, string>();
    return attributions.map(({ conversion, result }) => {
      const click = clicks.get(conversion.id) as { clickId: string; clickedAt: Date };
      const kind = conversion.conversionType === 'deal' ? 'deal' : 'lead';
      return {
        conversionId: conversion.id,
        kind,
        clickId: click.clickId,
        clickedAt: click.clickedAt,
        convertedAt: conversion.convertedAt,
        valueMicros: platformCredit(platform, result.rows.map((row) => ({ source: row.touchpoint.source ?? null, valueMicros: row.attributedValueMicros }))),
        currencyCode: conversion.currencyCode,
        email: (conversion.personId && emails.get(conversion.personId)) || null,
        conversionName: kind === 'deal' ? 'Won deal' : 'Lead',
      };
    });
  }

  private emailsOf(workspaceId: string, personIds: readonly (string | null)[]): Promise<Map<string, string>> {
    const source = this.discovery.getProviders().find((wrapper) => wrapper.instance instanceof PersonEmails)?.instance as PersonEmails | undefined;
    // CRM ids are UUIDs; a conversion recorded over the API may name its person otherwise, which no CRM lookup finds.
    const ids = [...new Set(personIds.filter((id): id is string => id !== null && isUuid(id)))];
    return source && ids.length > 0 ? source.primaryEmails(workspaceId, ids) : Promise.resolve(new Map());
  }
}

export function adPlatform(value: string): AdPlatform {
  const platform = value.trim().toLowerCase();
  if (!(AD_PLATFORMS as readonly string[]).includes(platform)) throw new ValidationFailure('platform', `must be one of ${AD_PLATFORMS.join(', ')}`);
  return platform as AdPlatform;
}
