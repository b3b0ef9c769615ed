import { Injectable } from '@nestjs/common';
import { AttributionModelsChanged } from 'src/attribution/attribution.events';
import { ATTRIBUTION_MODEL_TYPES, AttributionModelType, milestoneSharesOf, resolveAttributionModel } from 'src/attribution/engine/attribution-model.config';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';
import { validateChannelRules } from 'src/attribution/engine/channels/channel-rules.validator';
import { halfLifeFromDecayFactor } from 'src/attribution/engine/models/time-decay-half-life.util';
import { AttributionModelRecord, ChannelRuleRecord, toEngineRules } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsRepository, ModelColumns, RuleColumns } from 'src/attribution/models/attribution-models.repository';
import { ChannelRuleInput, CreateAttributionModelInput, UpdateAttributionModelInput, UpdateChannelRuleInput } from 'src/attribution/models/attribution-model.dto';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { DomainEvents } from 'src/common/events/domain-events';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { notFound, TrackflowException, TrackflowExceptionCode } from 'src/common/errors/trackflow.exception';
import { optionalText, requiredText, wholeNumber } from 'src/common/validation/input-rules';
import type { Transaction } from 'src/common/database/transaction';
import { SettingsService } from 'src/settings/settings.service';

const MODEL_LABELS: Record<AttributionModelType, string> = {
  FIRST_TOUCH: 'First touch',
  LAST_TOUCH: 'Last touch',
  LINEAR: 'Linear',
  TIME_DECAY: 'Time decay',
  POSITION_BASED: 'Position based',
  CUSTOM: 'Custom rules',
  MARKOV: 'Data-driven (Markov)',
  SHAPLEY: 'Data-driven (Shapley)',
  U_SHAPED: 'U-shaped (first touch, lead)',
  W_SHAPED: 'W-shaped (first touch, lead, opportunity)',
  FULL_PATH: 'Full path (first touch, lead, opportunity, won)',
  CUSTOM_MILESTONE: 'Custom milestones',
};

function modelType(value: string, field: string): AttributionModelType {
  const type = value.trim().toUpperCase();
  if (!(ATTRIBUTION_MODEL_TYPES as readonly string[]).includes(type)) throw new ValidationFailure(field, `must be one of ${ATTRIBUTION_MODEL_TYPES.join(', ')}`);
  return type as AttributionModelType;
}

/**
 * Attribution Models and their Channel Rules. Each workspace has exactly one default model, created
 * on first use from settings `default_attribution_model`, and the setting follows the default.
 */
@Injectable()
export class AttributionModelsService {
  constructor(
    private readonly repository: AttributionModelsRepository,
    private readonly settings: SettingsService,
    private readonly events: DomainEvents,
  ) {}

  async list(workspaceId: string): Promise<AttributionModelRecord[]> {
    await this.getDefault(workspaceId);
    return this.repository.list(workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<AttributionModelRecord> {
    const model = await this.repository.findOne(workspaceId, id);
    if (!model) throw notFound('Attribution model', id);
    return model;
  }

  /** The default model, created from the workspace setting the first time it is needed. */
  async getDefault(workspaceId: string): Promise<AttributionModelRecord> {
    const existing = await this.repository.findDefault(workspaceId);
    if (existing) return existing;
    const { settings } = await this.settings.get(workspaceId);
    const type = (ATTRIBUTION_MODEL_TYPES as readonly string[]).includes(settings.defaultAttributionModel) ? (settings.defaultAttributionModel as AttributionModelType) : 'LAST_TOUCH';
    try {
      const created = await this.repository.transaction(async (manager) => {
        const inserted = await this.repository.insert(workspaceId, { name: MODEL_LABELS[type], model_type: type, description: 'Created as the workspace default' }, manager);
        await this.makeDefault(workspaceId, inserted.id, manager);
        return (await this.repository.findOne(workspaceId, inserted.id, manager)) as AttributionModelRecord;
      });
      await this.events.publish(AttributionModelsChanged, { workspaceId, modelIds: [created.id] });
      return created;
    } catch (error) {
      // Another request created it (or a model of that name) at the same moment.
      const raced = await this.repository.findDefault(workspaceId);
      if (raced) return raced;
      throw error;
    }
  }

  /** A model by id, or by type name (the workspace's active model of that type, else the type with its defaults, unsaved). */
  async resolve(workspaceId: string, reference: string | null | undefined): Promise<AttributionModelRecord> {
    if (reference === null || reference === undefined || reference.trim() === '') return this.getDefault(workspaceId);
    const byId = await this.repository.findOne(workspaceId, reference.trim());
    if (byId) return byId;
    const upper = reference.trim().toUpperCase();
    if (!(ATTRIBUTION_MODEL_TYPES as readonly string[]).includes(upper)) {
      throw new TrackflowException(TrackflowExceptionCode.NOT_FOUND, `Attribution model ${reference} is neither a model id of this workspace nor a model type (${ATTRIBUTION_MODEL_TYPES.join(', ')})`, 'model');
    }
    const type = upper as AttributionModelType;
    return (await this.repository.findActiveByType(workspaceId, type)) ?? this.unsavedModel(workspaceId, type);
  }

  async create(workspaceId: string, input: CreateAttributionModelInput): Promise<AttributionModelRecord> {
    const columns = this.validate(input);
    columns.name = requiredText(input.name, 'name', 140);
    columns.model_type = modelType(input.modelType, 'modelType');
    this.checkEngineParameters(columns, null);
    await this.getDefault(workspaceId);
    return this.saving(() =>
      this.repository.transaction(async (manager) => {
        const created = await this.repository.insert(workspaceId, columns, manager);
        if (input.isDefault) await this.makeDefault(workspaceId, created.id, manager);
        return (await this.repository.findOne(workspaceId, created.id, manager)) as AttributionModelRecord;
      }),
    ).then((model) => this.afterDefaultChange(workspaceId, input.isDefault === true, model));
  }

  async update(workspaceId: string, id: string, input: UpdateAttributionModelInput): Promise<AttributionModelRecord> {
    const current = await this.get(workspaceId, id);
    const columns = this.validate(input);
    if (input.name !== undefined) columns.name = requiredText(input.name, 'name', 140);
    if (input.modelType !== undefined) columns.model_type = modelType(input.modelType, 'modelType');
    if (current.isDefault && columns.is_active === false) throw new ValidationFailure('isActive', 'the default model cannot be deactivated; make another model the default first');
    if (input.isDefault === false && current.isDefault) throw new ValidationFailure('isDefault', 'a workspace always has one default model; make another model the default instead');
    this.checkEngineParameters(columns, current);
    const updated = await this.saving(() =>
      this.repository.transaction(async (manager) => {
        await this.repository.update(workspaceId, id, columns, manager);
        // A fit belongs to one model type and Markov order; the next attribution or refit makes a new one.
        if ((columns.model_type && columns.model_type !== current.modelType) || (columns.markov_order && columns.markov_order !== current.markovOrder)) {
          await this.repository.clearFit(workspaceId, id, manager);
        }
        if (input.isDefault && !current.isDefault) await this.makeDefault(workspaceId, id, manager);
        else if (current.isDefault && columns.model_type && columns.model_type !== current.modelType) await this.makeDefault(workspaceId, id, manager);
        return (await this.repository.findOne(workspaceId, id, manager)) as AttributionModelRecord;
      }),
    );
    return this.afterDefaultChange(workspaceId, updated.isDefault, updated);
  }

  async setDefault(workspaceId: string, id: string): Promise<AttributionModelRecord> {
    return this.update(workspaceId, id, { isDefault: true });
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const model = await this.get(workspaceId, id);
    if (model.isDefault) throw new ValidationFailure('id', 'the default model cannot be deleted; make another model the default first');
    const deleted = await this.repository.delete(workspaceId, id);
    await this.events.publish(AttributionModelsChanged, { workspaceId, modelIds: [id] });
    return deleted;
  }

  listRules(workspaceId: string, modelId: string): Promise<ChannelRuleRecord[]> {
    return this.repository.listRules(workspaceId, modelId);
  }

  /** The classifier of a model: its active rules first, then the default channel grouping. */
  async classifierFor(model: AttributionModelRecord): Promise<ChannelClassifier> {
    if (model.id === '') return new ChannelClassifier();
    return new ChannelClassifier(toEngineRules(await this.repository.listRules(model.workspaceId, model.id)));
  }

  async createRule(workspaceId: string, input: ChannelRuleInput): Promise<ChannelRuleRecord> {
    await this.get(workspaceId, input.attributionModelId);
    const columns = this.validateRule(input, null);
    return this.saving(() => this.repository.insertRule(workspaceId, input.attributionModelId, columns));
  }

  async updateRule(workspaceId: string, id: string, input: UpdateChannelRuleInput): Promise<ChannelRuleRecord> {
    const current = await this.repository.findRule(workspaceId, id);
    if (!current) throw notFound('Channel rule', id);
    const columns = this.validateRule(input, current);
    const updated = await this.saving(() => this.repository.updateRule(workspaceId, id, columns));
    if (!updated) throw notFound('Channel rule', id);
    return updated;
  }

  async deleteRule(workspaceId: string, id: string): Promise<boolean> {
    if (!(await this.repository.deleteRule(workspaceId, id))) throw notFound('Channel rule', id);
    return true;
  }

  /** The settings carry the default model's type too, changed in the same transaction. */
  private async makeDefault(workspaceId: string, id: string, transaction: Transaction): Promise<void> {
    await this.settings.recordDefaultModel(transaction, workspaceId, await this.repository.makeDefault(workspaceId, id, transaction));
  }

  private async afterDefaultChange(workspaceId: string, defaultChanged: boolean, model: AttributionModelRecord): Promise<AttributionModelRecord> {
    // The settings row changed inside the transaction; drop every process's cached copy.
    if (defaultChanged) await this.settings.update(workspaceId, {});
    // A new default takes the flag from another model, whose Twenty copy must say so too.
    await this.events.publish(AttributionModelsChanged, { workspaceId, modelIds: defaultChanged ? (await this.repository.list(workspaceId)).map((each) => each.id) : [model.id] });
    return model;
  }

  private unsavedModel(workspaceId: string, type: AttributionModelType): AttributionModelRecord {
    const now = new Date();
    return {
      id: '',
      workspaceId,
      name: MODEL_LABELS[type],
      modelType: type,
      description: null,
      isActive: true,
      isDefault: false,
      positionBasedFirstWeight: 0.4,
      positionBasedLastWeight: 0.4,
      timeDecayHalfLifeDays: 7,
      timeDecayFactor: null,
      lookbackWindowDays: null,
      ignoreDirect: false,
      markovOrder: 1,
      milestoneWeights: null,
      fittedModel: null,
      fittedAt: null,
      fitPeriodStart: null,
      fitPeriodEnd: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  private validate(input: UpdateAttributionModelInput): ModelColumns {
    const columns: ModelColumns = {};
    if (input.description !== undefined) columns.description = optionalText(input.description, 'description', 2000) ?? null;
    if (input.isActive !== undefined && input.isActive !== null) columns.is_active = input.isActive;
    if (input.ignoreDirect !== undefined && input.ignoreDirect !== null) columns.ignore_direct = input.ignoreDirect;
    if (input.positionBasedFirstWeight !== undefined && input.positionBasedFirstWeight !== null) columns.position_based_first_weight = input.positionBasedFirstWeight;
    if (input.positionBasedLastWeight !== undefined && input.positionBasedLastWeight !== null) columns.position_based_last_weight = input.positionBasedLastWeight;
    if (input.timeDecayHalfLifeDays !== undefined && input.timeDecayHalfLifeDays !== null) {
      columns.time_decay_half_life_days = input.timeDecayHalfLifeDays;
      columns.time_decay_factor = null;
    }
    if (input.timeDecayFactor !== undefined && input.timeDecayFactor !== null) {
      if (input.timeDecayHalfLifeDays !== undefined && input.timeDecayHalfLifeDays !== null) {
        throw new ValidationFailure('timeDecayFactor', 'give either timeDecayFactor or timeDecayHalfLifeDays, not both');
      }
      columns.time_decay_half_life_days = halfLifeFromDecayFactor(input.timeDecayFactor);
      columns.time_decay_factor = input.timeDecayFactor;
    }
    if (input.lookbackWindowDays !== undefined) columns.lookback_window_days = input.lookbackWindowDays === null ? null : wholeNumber(input.lookbackWindowDays, 'lookbackWindowDays', 1, 3650);
    if (input.markovOrder !== undefined && input.markovOrder !== null) columns.markov_order = wholeNumber(input.markovOrder, 'markovOrder', 1, 3) as 1 | 2 | 3;
    if (input.milestoneWeights !== undefined && input.milestoneWeights !== null) {
      const { firstTouch, leadCreated, opportunityCreated, closedWon, spread } = input.milestoneWeights;
      columns.milestone_weights = { firstTouch, leadCreated, opportunityCreated, closedWon, spread };
      milestoneSharesOf(columns.milestone_weights);
    }
    if (input.isActive === false && input.isDefault) throw new ValidationFailure('isActive', 'the default model must be active');
    return columns;
  }

  /** Runs the engine's own parameter checks on the values the model will have after this change. */
  private checkEngineParameters(columns: ModelColumns, current: AttributionModelRecord | null): void {
    resolveAttributionModel({
      type: 'POSITION_BASED',
      positionBasedFirstWeight: columns.position_based_first_weight ?? current?.positionBasedFirstWeight,
      positionBasedLastWeight: columns.position_based_last_weight ?? current?.positionBasedLastWeight,
    });
    resolveAttributionModel({ type: 'TIME_DECAY', timeDecayHalfLifeDays: columns.time_decay_half_life_days ?? current?.timeDecayHalfLifeDays });
    if ((columns.model_type ?? current?.modelType) === 'CUSTOM_MILESTONE') {
      resolveAttributionModel({ type: 'CUSTOM_MILESTONE', milestoneWeights: columns.milestone_weights ?? current?.milestoneWeights });
    }
  }

  private validateRule(input: UpdateChannelRuleInput, current: ChannelRuleRecord | null): RuleColumns {
    const name = input.name !== undefined && input.name !== null ? requiredText(input.name, 'name', 140) : current?.name;
    const candidate = {
      name: name ?? '',
      channelName: input.channelName !== undefined && input.channelName !== null ? requiredText(input.channelName, 'channelName', 140) : (current?.channelName ?? ''),
      priority: input.priority ?? current?.priority ?? 0,
      weight: input.weight ?? current?.weight ?? 1,
      conditions: input.matchConditions ?? current?.matchConditions ?? [],
    };
    // The engine's validator names the rule in its error: channelRules["Paid Facebook"].conditions[0].value.
    const [rule] = validateChannelRules([candidate]);
    return {
      name: rule.name,
      channel_name: rule.channelName,
      priority: rule.priority,
      weight: rule.weight,
      match_conditions: rule.conditions,
      is_active: input.isActive ?? current?.isActive ?? true,
    };
  }

  private async saving<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_attribution_model_name')) throw new ValidationFailure('name', 'is already used by another attribution model in this workspace');
      if (isUniqueViolation(error, 'uq_attribution_channel_rule_name')) throw new ValidationFailure('name', 'is already used by another rule of this model');
      throw error;
    }
  }
}
