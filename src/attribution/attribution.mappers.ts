import { ConversionAttributionDto, ModelAttributionDto } from 'src/attribution/attribution.dto';
import { AttributionTarget, ConversionAttribution } from 'src/attribution/conversion-attribution.service';
import { ConversionDto } from 'src/attribution/conversions/conversion.dto';
import { ConversionRecord } from 'src/attribution/conversions/conversions.repository';
import { AttributionModelDto, ChannelRuleDto } from 'src/attribution/models/attribution-model.dto';
import { AttributionModelRecord, ChannelRuleRecord } from 'src/attribution/models/attribution-model.record';

export function toChannelRuleDto(rule: ChannelRuleRecord): ChannelRuleDto {
  return {
    id: rule.id,
    attributionModelId: rule.attributionModelId,
    name: rule.name,
    channelName: rule.channelName,
    matchConditions: rule.matchConditions,
    priority: rule.priority,
    weight: rule.weight,
    isActive: rule.isActive,
  };
}

export function toAttributionModelDto(model: AttributionModelRecord, rules: ChannelRuleRecord[]): AttributionModelDto {
  return {
    id: model.id,
    name: model.name,
    modelType: model.modelType,
    description: model.description,
    isActive: model.isActive,
    isDefault: model.isDefault,
    positionBasedFirstWeight: model.positionBasedFirstWeight,
    positionBasedLastWeight: model.positionBasedLastWeight,
    timeDecayHalfLifeDays: model.timeDecayHalfLifeDays,
    timeDecayFactor: model.timeDecayFactor,
    lookbackWindowDays: model.lookbackWindowDays,
    ignoreDirect: model.ignoreDirect,
    markovOrder: model.markovOrder,
    milestoneWeights: model.milestoneWeights,
    fittedModel: model.fittedModel,
    fittedAt: model.fittedAt,
    fitPeriodStart: model.fitPeriodStart,
    fitPeriodEnd: model.fitPeriodEnd,
    channelRules: rules.map(toChannelRuleDto),
  };
}

export function toConversionDto(conversion: ConversionRecord): ConversionDto {
  return {
    id: conversion.id,
    conversionType: conversion.conversionType,
    visitorId: conversion.visitorId,
    personId: conversion.personId,
    opportunityId: conversion.opportunityId,
    value: conversion.valueMicros,
    currencyCode: conversion.currencyCode,
    convertedAt: conversion.convertedAt,
    trackedLinkId: conversion.trackedLinkId,
    firstTouchSource: conversion.firstTouch.source,
    firstTouchMedium: conversion.firstTouch.medium,
    firstTouchCampaign: conversion.firstTouch.campaign,
  };
}

export function toModelAttributionDto({ model, result }: Pick<ConversionAttribution<AttributionTarget>, 'model' | 'result'>, rules: ChannelRuleRecord[]): ModelAttributionDto {
  return {
    model: toAttributionModelDto(model, rules),
    marketingInfluenced: result.marketingInfluenced,
    fallback: result.fallback,
    touchesBeforeWindow: result.excluded.beforeWindow,
    touchesAfterConversion: result.excluded.afterConversion,
    rows: result.rows.map((row, index) => ({
      touchpointIndex: index,
      touchpointType: row.touchpoint.touchpointType,
      touchpointTimestamp: row.touchpoint.at,
      touchpointSource: row.touchpoint.source ?? null,
      touchpointMedium: row.touchpoint.medium ?? null,
      touchpointCampaign: row.touchpoint.campaign ?? null,
      touchpointContent: row.touchpoint.content ?? null,
      touchpointTerm: row.touchpoint.term ?? null,
      trackedLinkId: row.touchpoint.trackedLinkId ?? null,
      clickEventId: row.touchpoint.clickId ?? null,
      channel: row.channel,
      attributionWeight: row.weight,
      attributedValue: row.attributedValueMicros,
      positionInJourney: row.position,
      daysToConversion: row.daysToConversion,
    })),
  };
}

export function toConversionAttributionDto(attribution: ConversionAttribution, rules: ChannelRuleRecord[]): ConversionAttributionDto {
  return { ...toModelAttributionDto(attribution, rules), conversion: toConversionDto(attribution.conversion) };
}
