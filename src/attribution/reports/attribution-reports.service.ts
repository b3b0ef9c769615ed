import { Injectable } from '@nestjs/common';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { AttributionGroupBy, AttributionModelComparisonDto, AttributionReportDto, AttributionReportRowDto } from 'src/attribution/reports/attribution-report.dto';
import { checkPeriod, groupKey } from 'src/attribution/reports/report-query.util';
import { TouchpointsRepository } from 'src/attribution/touchpoints.repository';
import { ReadReplica } from 'src/common/database/read-replica.service';
import { ValidationFailure } from 'src/common/errors/validation-failure';

const NONE = '(none)';
const MAX_PERIOD_DAYS = 3660;
const MAX_COMPARED_MODELS = 8;

/**
 * "How much did each channel (source, campaign, link) earn in this period under this model?"
 * Conversions and journeys are read from the read replica when it is healthy: a report may lag.
 */
@Injectable()
export class AttributionReportsService {
  constructor(
    private readonly touchpoints: TouchpointsRepository,
    private readonly conversions: ConversionsService,
    private readonly models: AttributionModelsService,
    private readonly attribution: ConversionAttributionService,
    private readonly replica: ReadReplica,
  ) {}

  async report(workspaceId: string, modelReference: string | null | undefined, from: Date, to: Date, groupBy: AttributionGroupBy): Promise<AttributionReportDto> {
    checkPeriod(from, to, MAX_PERIOD_DAYS);
    const model = await this.models.resolve(workspaceId, modelReference);
    const conversions = await this.conversions.listBetween(workspaceId, from, to, undefined, this.replica);
    const attributions = await this.attribution.compute(workspaceId, conversions, model, this.replica);
    const rows = new Map<string, AttributionReportRowDto>();
    let influenced = 0;
    let fallbacks = 0;
    for (const { conversion, result } of attributions) {
      if (!result.marketingInfluenced) continue;
      influenced += 1;
      if (result.fallback) fallbacks += 1;
      for (const row of result.rows) {
        const key = groupKey(groupBy, row.channel, row.touchpoint);
        const id = `${key}\u0000${conversion.currencyCode}`;
        const group = rows.get(id) ?? { key, label: key, currencyCode: conversion.currencyCode, conversions: 0, value: 0n, touches: 0 };
        group.conversions += row.weight;
        group.value += row.attributedValueMicros;
        group.touches += 1;
        rows.set(id, group);
      }
    }
    const sorted = [...rows.values()].sort((a, b) => b.conversions - a.conversions || (b.value > a.value ? 1 : b.value < a.value ? -1 : 0) || a.key.localeCompare(b.key));
    if (groupBy === AttributionGroupBy.LINK) await this.labelLinks(workspaceId, sorted);
    const fitted = attributions[0]?.model ?? model;
    return {
      modelId: fitted.id || null,
      modelName: fitted.name,
      modelType: fitted.modelType,
      from,
      to,
      groupBy,
      conversions: conversions.length,
      marketingInfluencedConversions: influenced,
      fallbacks,
      rows: sorted,
    };
  }

  async compare(workspaceId: string, modelReferences: readonly string[], from: Date, to: Date, groupBy: AttributionGroupBy): Promise<AttributionModelComparisonDto> {
    if (modelReferences.length < 2 || modelReferences.length > MAX_COMPARED_MODELS) {
      throw new ValidationFailure('models', `name between 2 and ${MAX_COMPARED_MODELS} models (ids or types such as LINEAR)`);
    }
    const reports: AttributionReportDto[] = [];
    for (const reference of modelReferences) reports.push(await this.report(workspaceId, reference, from, to, groupBy));
    const keys = new Map<string, { key: string; label: string; currencyCode: string }>();
    for (const report of reports) for (const row of report.rows) keys.set(`${row.key}\u0000${row.currencyCode}`, row);
    const rows = [...keys.entries()].map(([id, { key, label, currencyCode }]) => {
      const byModel = reports.map((report) => {
        const row = report.rows.find((candidate) => `${candidate.key}\u0000${candidate.currencyCode}` === id);
        return { modelId: report.modelId, modelName: report.modelName, conversions: row?.conversions ?? 0, value: row?.value ?? 0n };
      });
      const credited = byModel.map((credit) => credit.conversions);
      return { key, label, currencyCode, byModel, spread: Math.max(...credited) - Math.min(...credited) };
    });
    rows.sort((a, b) => b.spread - a.spread || a.key.localeCompare(b.key));
    return { reports, rows };
  }

  private async labelLinks(workspaceId: string, rows: AttributionReportRowDto[]): Promise<void> {
    const ids = rows.map((row) => row.key).filter((key) => key !== NONE);
    if (ids.length === 0) return;
    const codes = await this.touchpoints.shortCodes(workspaceId, ids, this.replica);
    for (const row of rows) row.label = codes.get(row.key) ?? (row.key === NONE ? '(no link)' : '(deleted link)');
  }
}
