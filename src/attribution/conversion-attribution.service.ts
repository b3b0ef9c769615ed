import { Injectable } from '@nestjs/common';
import { ConversionAttributed } from 'src/attribution/attribution.events';
import { DealAttributionOwner, DealAttributionsRepository } from 'src/attribution/deal-attributions.repository';
import { attributeConversion } from 'src/attribution/engine/attribute-conversion.util';
import { isMilestoneModel } from 'src/attribution/engine/attribution-model.config';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';
import { selectTouchpointsInWindow } from 'src/attribution/engine/lookback-window.util';
import { ChannelRuleCondition } from 'src/attribution/engine/channels/channel-rule.types';
import type { UpdateChannelRuleInput } from 'src/attribution/models/attribution-model.dto';
import { AttributionResult, ConversionMilestones } from 'src/attribution/engine/attribution.types';
import { ConversionRecord } from 'src/attribution/conversions/conversions.repository';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { AttributionModelRecord, toEngineConfig } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { StoredTouchpoint, TouchpointsRepository } from 'src/attribution/touchpoints.repository';
import { stableUuid } from 'src/common/crypto/stable-uuid.util';
import type { Reads } from 'src/common/database/read-replica.service';
import type { Transaction } from 'src/common/database/transaction';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { DomainEvents } from 'src/common/events/domain-events';
import { SettingsService } from 'src/settings/settings.service';

/**
 * What is credited: a recorded conversion, or an open deal that has none yet (id null). A deal's
 * company is looked up unless the caller, who may be about to store it, says which it is.
 */
export type AttributionTarget = Pick<ConversionRecord, 'visitorId' | 'personId' | 'opportunityId' | 'valueMicros' | 'currencyCode' | 'convertedAt'> & {
  id: string | null;
  companyId?: string | null;
};

/** A touch of a journey with the channel the model's rules give it. */
export interface ClassifiedTouch {
  touch: StoredTouchpoint;
  channel: string;
}

export interface ConversionAttribution<T extends AttributionTarget = ConversionRecord> {
  conversion: T;
  model: AttributionModelRecord;
  result: AttributionResult<StoredTouchpoint>;
}


/**
 * Credits conversions to their touches under a model: on the fly for reports, stored as Deal
 * Attribution rows on request. A deal is credited over its point of contact's journey, or its
 * whole company's when the workspace's deal journey scope says so, whether it is open or won.
 */
@Injectable()
export class ConversionAttributionService {
  constructor(
    private readonly dealAttributions: DealAttributionsRepository,
    private readonly conversions: ConversionsService,
    private readonly models: AttributionModelsService,
    private readonly fitting: ModelFittingService,
    private readonly touchpoints: TouchpointsRepository,
    private readonly settings: SettingsService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * How the workspace's latest touches would be classified by rules being edited (the active ones,
   * validated as saving them would be), with the rule that decided each; nothing is stored.
   */
  async previewChannels(workspaceId: string, rules: UpdateChannelRuleInput[], limit: number): Promise<{ touch: StoredTouchpoint; channel: string; ruleName: string | null }[]> {
    const classifier = new ChannelClassifier(
      rules
        .filter((rule) => rule.isActive !== false)
        .map((rule) => ({ name: rule.name ?? '', channelName: rule.channelName ?? '', priority: rule.priority ?? 0, weight: rule.weight ?? 1, conditions: (rule.matchConditions ?? []) as ChannelRuleCondition[] })),
    );
    return (await this.touchpoints.recent(workspaceId, limit)).map((touch) => {
      const match = classifier.classify(touch);
      return { touch, channel: match.channel, ruleName: match.rule?.name ?? null };
    });
  }

  /** Computes and stores the attribution of one conversion, replacing that model's earlier rows for it in one transaction. */
  async attributeAndStore(workspaceId: string, conversionId: string, modelId?: string | null): Promise<ConversionAttribution> {
    const conversion = await this.conversions.get(workspaceId, conversionId);
    const model = modelId ? await this.models.get(workspaceId, modelId) : await this.models.getDefault(workspaceId);
    const [attribution] = await this.compute(workspaceId, [conversion], model);
    await this.store(workspaceId, attribution);
    await this.events.publish(ConversionAttributed, { workspaceId, ...attribution });
    return attribution;
  }

  /**
   * A conversion just recorded, or an opportunity still open, under the workspace's default model;
   * its rows replace the target's earlier ones, in the caller's transaction when it gives one (a
   * CRM hook's, whose record lock covers the lead or deal and its attribution alike).
   */
  async attributeUnderDefault<T extends AttributionTarget>(workspaceId: string, target: T, transaction?: Transaction): Promise<ConversionAttribution<T> & { changedRowIds: string[] }> {
    const [attribution] = await this.compute(workspaceId, [target], await this.models.getDefault(workspaceId));
    const changedRowIds = await this.store(workspaceId, attribution, transaction);
    await this.events.publish(ConversionAttributed, { workspaceId, ...attribution }, transaction);
    return { ...attribution, changedRowIds };
  }

  /**
   * An opportunity under the default model and every other active model, stored nowhere: a won
   * deal as of its conversion, an open one as of now over the same journey the deal hook credits.
   */
  async dealUnderEveryModel(
    workspaceId: string,
    opportunityId: string,
  ): Promise<{ deal: AttributionTarget; conversion: ConversionRecord | null; byModel: ConversionAttribution<AttributionTarget>[] }> {
    const conversion = await this.conversions.findDeal(workspaceId, opportunityId);
    const deal = conversion ?? (await this.openDeal(workspaceId, opportunityId));
    const reference = await this.models.getDefault(workspaceId);
    const others = (await this.models.list(workspaceId)).filter((model) => model.isActive && model.id !== reference.id);
    const byModel: ConversionAttribution<AttributionTarget>[] = [];
    // One model after another: a data-driven model may be fitted on the way, which is heavy work.
    for (const model of [reference, ...others]) byModel.push(...(await this.compute(workspaceId, [deal], model)));
    return { deal, conversion, byModel };
  }

  /**
   * Attributes conversions under one model without storing anything; a data-driven model is fitted
   * first if it never was. A report passes the read replica as `reads` for the journeys; the
   * model, its fit and the settings come from the primary.
   */
  async compute<T extends AttributionTarget>(workspaceId: string, conversions: readonly T[], reference: AttributionModelRecord, reads?: Reads): Promise<ConversionAttribution<T>[]> {
    const model = await this.fitting.ensureFitted(reference);
    const { settings } = await this.settings.get(workspaceId);
    const config = toEngineConfig(model, settings.attributionWindowDays);
    const windowDays = config.lookbackWindowDays ?? settings.attributionWindowDays;
    const channels = await this.models.classifierFor(model);
    const touches = await this.touchesOf(workspaceId, settings.dealJourneyScope, conversions, windowDays, undefined, reads);
    // Only the milestone models read a deal's CRM milestones; the others spare the query.
    const milestones = isMilestoneModel(model.modelType)
      ? await this.touchpoints.milestones(
          workspaceId,
          conversions.map((conversion, index) => ({ key: String(index), personId: conversion.personId, opportunityId: conversion.opportunityId })),
          reads,
        )
      : new Map<string, ConversionMilestones>();
    return conversions.map((conversion, index) => ({
      conversion,
      model,
      result: attributeConversion({
        conversion: { at: conversion.convertedAt, valueMicros: conversion.valueMicros, currencyCode: conversion.currencyCode, milestones: milestones.get(String(index)) },
        touchpoints: touches.get(String(index)) ?? [],
        model: config,
        channels,
      }),
    }));
  }

  /**
   * Each target's touches in the model's lookback window, oldest first, with their channel under the
   * model's rules: the journeys the reports read. Weights play no part, so a data-driven model is
   * not fitted for this. Refuses, naming `from`, a period holding more than `maxTouches` touches.
   */
  async journeys<T extends AttributionTarget>(
    workspaceId: string,
    targets: readonly T[],
    model: AttributionModelRecord,
    maxTouches: number,
    reads?: Reads,
  ): Promise<{ target: T; touches: ClassifiedTouch[] }[]> {
    const { settings } = await this.settings.get(workspaceId);
    const windowDays = model.lookbackWindowDays ?? settings.attributionWindowDays;
    const channels = await this.models.classifierFor(model);
    const touches = await this.touchesOf(workspaceId, settings.dealJourneyScope, targets, windowDays, maxTouches + 1, reads);
    let read = 0;
    for (const list of touches.values()) read += list.length;
    if (read > maxTouches) throw new ValidationFailure('from', `the period holds more than ${maxTouches} touches to read; ask for a shorter one`);
    return targets.map((target, index) => ({
      target,
      touches: selectTouchpointsInWindow(target.convertedAt, touches.get(String(index)) ?? [], windowDays).touchpoints.map((touch) => ({ touch, channel: channels.classify(touch).channel })),
    }));
  }

  /** The touches of each conversion's journey (its visitor, person, or the deal's company under that scope), keyed by the conversion's index. */
  private async touchesOf(
    workspaceId: string,
    scope: 'contact' | 'company',
    conversions: readonly AttributionTarget[],
    windowDays: number,
    limit?: number,
    reads?: Reads,
  ): Promise<Map<string, StoredTouchpoint[]>> {
    const companies = scope === 'company' ? await this.dealCompanies(workspaceId, conversions, reads) : new Map<string, string>();
    return this.touchpoints.forConversions(
      workspaceId,
      conversions.map((conversion, index) => ({
        key: String(index),
        visitorId: conversion.visitorId,
        personId: conversion.personId,
        companyId: scope === 'company' && conversion.opportunityId ? (conversion.companyId !== undefined ? conversion.companyId : (companies.get(conversion.opportunityId) ?? null)) : null,
        at: conversion.convertedAt,
      })),
      Math.ceil(windowDays),
      limit,
      reads,
    );
  }

  private async openDeal(workspaceId: string, opportunityId: string): Promise<AttributionTarget> {
    const deal = await this.dealAttributions.deal(workspaceId, opportunityId);
    if (!deal) throw notFound('Opportunity', opportunityId, 'opportunityId');
    return { id: null, opportunityId, visitorId: null, personId: deal.pointOfContactId, companyId: deal.companyId, valueMicros: deal.amountMicros, currencyCode: deal.currencyCode, convertedAt: new Date() };
  }

  private async dealCompanies(workspaceId: string, conversions: readonly AttributionTarget[], reads?: Reads): Promise<Map<string, string>> {
    const opportunityIds = conversions.flatMap((conversion) => (conversion.opportunityId && conversion.companyId === undefined ? [conversion.opportunityId] : []));
    return opportunityIds.length === 0 ? new Map() : this.dealAttributions.dealCompanies(workspaceId, opportunityIds, reads);
  }

  /** A deal deleted in Twenty: its attribution rows, under every model, stop counting; returns their ids, for their mirrors. */
  forgetDeal(workspaceId: string, opportunityId: string, transaction?: Transaction): Promise<string[]> {
    return this.dealAttributions.forgetDeal(workspaceId, opportunityId, transaction);
  }

  /**
   * A deal's rows are keyed on the opportunity, so its open-deal rows give way to the won deal's;
   * other conversions' rows on the conversion. Row ids are stable per deal, model and position,
   * so the Twenty mirror updates the same records when a deal is attributed again. Returns the
   * ids of the rows written and removed, whose Twenty copies need bringing up to date.
   */
  private store(workspaceId: string, { conversion, model, result }: ConversionAttribution<AttributionTarget>, transaction?: Transaction): Promise<string[]> {
    const owner: DealAttributionOwner = conversion.opportunityId ? { column: 'opportunity_id', id: conversion.opportunityId } : { column: 'conversion_id', id: conversion.id as string };
    const rows = result.rows.map((row, index) => ({ id: stableUuid(workspaceId, owner.id, model.id, String(index)), row }));
    return this.dealAttributions.replace(workspaceId, owner, conversion, model, rows, transaction);
  }
}
