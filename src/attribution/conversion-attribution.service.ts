import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { attributeConversion } from 'src/attribution/engine/attribute-conversion.util';
import { AttributionResult } from 'src/attribution/engine/attribution.types';
import { ConversionRecord } from 'src/attribution/conversions/conversions.repository';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { AttributionModelRecord, toEngineConfig } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { StoredTouchpoint, TouchpointsRepository } from 'src/attribution/touchpoints.repository';
import { SettingsService } from 'src/settings/settings.service';

export interface ConversionAttribution {
  conversion: ConversionRecord;
  model: AttributionModelRecord;
  result: AttributionResult<StoredTouchpoint>;
}

/** Credits conversions to their touches under a model: on the fly for reports, stored as Deal Attribution rows on request. */
@Injectable()
export class ConversionAttributionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conversions: ConversionsService,
    private readonly models: AttributionModelsService,
    private readonly fitting: ModelFittingService,
    private readonly touchpoints: TouchpointsRepository,
    private readonly settings: SettingsService,
  ) {}

  /** Computes and stores the attribution of one conversion, replacing that model's earlier rows for it in one transaction. */
  async attributeAndStore(workspaceId: string, conversionId: string, modelId?: string | null): Promise<ConversionAttribution> {
    const conversion = await this.conversions.get(workspaceId, conversionId);
    const model = modelId ? await this.models.get(workspaceId, modelId) : await this.models.getDefault(workspaceId);
    const [attribution] = await this.compute(workspaceId, [conversion], model);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM trackflow.deal_attribution WHERE workspace_id = $1 AND conversion_id = $2 AND attribution_model_id = $3`, [workspaceId, conversion.id, model.id]);
      if (attribution.result.rows.length === 0) return;
      await manager.query(
        `INSERT INTO trackflow.deal_attribution (workspace_id, opportunity_id, conversion_id, attribution_model_id, model_type, conversion_date, deal_value_micros,
           currency_code, touchpoint_index, touchpoint_type, touchpoint_source, touchpoint_campaign, touchpoint_medium, touchpoint_content, touchpoint_term,
           touchpoint_timestamp, channel, tracked_link_id, click_event_id, attribution_weight, attributed_value_micros, position_in_journey, days_to_conversion)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, r.touchpoint_index, r.touchpoint_type, r.source, r.campaign, r.medium, r.content, r.term, r.at, r.channel,
           -- A link or click deleted since keeps its touch, without the reference.
           (SELECT l.id FROM trackflow.tracked_link l WHERE l.id = r.tracked_link_id), (SELECT c.id FROM trackflow.click_event c WHERE c.id = r.click_id),
           r.weight, r.value_micros, r.position, r.days
         FROM jsonb_to_recordset($9::jsonb) AS r(touchpoint_index int, touchpoint_type text, source text, campaign text, medium text, content text, term text,
           at timestamptz, channel text, tracked_link_id uuid, click_id uuid, weight double precision, value_micros bigint, position text, days numeric)`,
        [
          workspaceId,
          conversion.opportunityId,
          conversion.id,
          model.id,
          model.modelType,
          conversion.convertedAt,
          conversion.valueMicros.toString(),
          conversion.currencyCode,
          JSON.stringify(
            attribution.result.rows.map((row, index) => ({
              touchpoint_index: index,
              touchpoint_type: row.touchpoint.touchpointType,
              source: row.touchpoint.source,
              campaign: row.touchpoint.campaign,
              medium: row.touchpoint.medium,
              content: row.touchpoint.content,
              term: row.touchpoint.term,
              at: row.touchpoint.at.toISOString(),
              channel: row.channel,
              tracked_link_id: row.touchpoint.trackedLinkId,
              click_id: row.touchpoint.clickId,
              weight: row.weight,
              value_micros: row.attributedValueMicros.toString(),
              position: row.position,
              days: (conversion.convertedAt.getTime() - row.touchpoint.at.getTime()) / 86_400_000,
            })),
          ),
        ],
      );
    });
    return attribution;
  }

  /** Attributes conversions under one model without storing anything; a data-driven model is fitted first if it never was. */
  async compute(workspaceId: string, conversions: readonly ConversionRecord[], reference: AttributionModelRecord): Promise<ConversionAttribution[]> {
    const model = await this.fitting.ensureFitted(reference);
    const { settings } = await this.settings.get(workspaceId);
    const config = toEngineConfig(model, settings.attributionWindowDays);
    const windowDays = config.lookbackWindowDays ?? settings.attributionWindowDays;
    const channels = await this.models.classifierFor(model);
    const touches = await this.touchpoints.forConversions(
      workspaceId,
      conversions.map((conversion) => ({ conversionId: conversion.id, visitorId: conversion.visitorId, personId: conversion.personId, at: conversion.convertedAt })),
      Math.ceil(windowDays),
    );
    return conversions.map((conversion) => ({
      conversion,
      model,
      result: attributeConversion({
        conversion: { at: conversion.convertedAt, valueMicros: conversion.valueMicros, currencyCode: conversion.currencyCode },
        touchpoints: touches.get(conversion.id) ?? [],
        model: config,
        channels,
      }),
    }));
  }
}
