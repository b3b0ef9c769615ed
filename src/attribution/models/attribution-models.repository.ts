import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AttributionModelType, MilestoneWeights } from 'src/attribution/engine/attribution-model.config';
import { ChannelRuleCondition } from 'src/attribution/engine/channels/channel-rule.types';
import { FittedModel, MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { AttributionModelRecord, ChannelRuleRecord } from 'src/attribution/models/attribution-model.record';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { isUuid } from 'src/common/validation/input-rules';

type ModelRow = {
  id: string;
  workspace_id: string;
  name: string;
  model_type: AttributionModelType;
  description: string | null;
  is_active: boolean;
  is_default: boolean;
  position_based_first_weight: string;
  position_based_last_weight: string;
  time_decay_half_life_days: string;
  time_decay_factor: string | null;
  lookback_window_days: number | null;
  ignore_direct: boolean;
  markov_order: number;
  milestone_weights: MilestoneWeights | null;
  fitted_model: FittedModel | null;
  fitted_at: Date | null;
  fit_period_start: Date | null;
  fit_period_end: Date | null;
  created_at: Date;
  updated_at: Date;
};

type RuleRow = {
  id: string;
  workspace_id: string;
  attribution_model_id: string;
  name: string;
  channel_name: string;
  match_conditions: ChannelRuleCondition[];
  priority: number;
  weight: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

/** Columns a caller may write, under their column names; anything else is never interpolated. */
export type ModelColumns = Partial<{
  name: string;
  model_type: AttributionModelType;
  description: string | null;
  is_active: boolean;
  position_based_first_weight: number;
  position_based_last_weight: number;
  time_decay_half_life_days: number;
  time_decay_factor: number | null;
  lookback_window_days: number | null;
  ignore_direct: boolean;
  markov_order: MarkovOrder;
  milestone_weights: MilestoneWeights;
}>;

export type RuleColumns = Partial<{
  name: string;
  channel_name: string;
  match_conditions: ChannelRuleCondition[];
  priority: number;
  weight: number;
  is_active: boolean;
}>;

const MODEL_COLUMNS = new Set(['name', 'model_type', 'description', 'is_active', 'position_based_first_weight', 'position_based_last_weight', 'time_decay_half_life_days', 'time_decay_factor', 'lookback_window_days', 'ignore_direct', 'markov_order', 'milestone_weights']);
const RULE_COLUMNS = new Set(['name', 'channel_name', 'match_conditions', 'priority', 'weight', 'is_active']);
const JSON_COLUMNS = new Set(['match_conditions', 'milestone_weights']);

function toModel(row: ModelRow): AttributionModelRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    modelType: row.model_type,
    description: row.description,
    isActive: row.is_active,
    isDefault: row.is_default,
    positionBasedFirstWeight: Number(row.position_based_first_weight),
    positionBasedLastWeight: Number(row.position_based_last_weight),
    timeDecayHalfLifeDays: Number(row.time_decay_half_life_days),
    timeDecayFactor: row.time_decay_factor === null ? null : Number(row.time_decay_factor),
    lookbackWindowDays: row.lookback_window_days,
    ignoreDirect: row.ignore_direct,
    markovOrder: row.markov_order as MarkovOrder,
    milestoneWeights: row.milestone_weights,
    fittedModel: row.fitted_model,
    fittedAt: row.fitted_at,
    fitPeriodStart: row.fit_period_start,
    fitPeriodEnd: row.fit_period_end,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRule(row: RuleRow): ChannelRuleRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    attributionModelId: row.attribution_model_id,
    name: row.name,
    channelName: row.channel_name,
    matchConditions: row.match_conditions,
    priority: row.priority,
    weight: Number(row.weight),
    isActive: row.is_active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The given columns, checked against a whitelist of names so that only fixed names reach the SQL text. */
function writable(columns: Record<string, unknown>, allowed: Set<string>): { names: string[]; values: unknown[] } {
  const names = Object.keys(columns).filter((name) => columns[name] !== undefined);
  for (const name of names) if (!allowed.has(name)) throw new Error(`not a writable column: ${name}`);
  return { names, values: names.map((name) => (JSON_COLUMNS.has(name) && columns[name] !== null ? JSON.stringify(columns[name]) : columns[name])) };
}

const setClause = (names: string[], offset: number) => names.map((name, index) => `${name} = $${offset + index + 1}`).join(', ');
const placeholders = (names: string[], offset: number) => names.map((_, index) => `$${offset + index + 1}`).join(', ');

@Injectable()
export class AttributionModelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(workspaceId: string): Promise<AttributionModelRecord[]> {
    const rows: ModelRow[] = await this.dataSource.query(`SELECT * FROM trackflow.attribution_model WHERE workspace_id = $1 ORDER BY is_default DESC, lower(name)`, [workspaceId]);
    return rows.map(toModel);
  }

  async findOne(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<AttributionModelRecord | null> {
    if (!isUuid(id)) return null;
    const rows: ModelRow[] = await manager.query(`SELECT * FROM trackflow.attribution_model WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  async findDefault(workspaceId: string, manager: EntityManager = this.dataSource.manager): Promise<AttributionModelRecord | null> {
    const rows: ModelRow[] = await manager.query(`SELECT * FROM trackflow.attribution_model WHERE workspace_id = $1 AND is_default`, [workspaceId]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  async findActiveByType(workspaceId: string, type: AttributionModelType): Promise<AttributionModelRecord | null> {
    const rows: ModelRow[] = await this.dataSource.query(
      `SELECT * FROM trackflow.attribution_model WHERE workspace_id = $1 AND model_type = $2 AND is_active ORDER BY is_default DESC, created_at LIMIT 1`,
      [workspaceId, type],
    );
    return rows[0] ? toModel(rows[0]) : null;
  }

  /** Active data-driven models of every workspace, for the nightly refit. */
  async listDataDriven(): Promise<AttributionModelRecord[]> {
    const rows: ModelRow[] = await this.dataSource.query(`SELECT * FROM trackflow.attribution_model WHERE is_active AND model_type IN ('MARKOV', 'SHAPLEY') ORDER BY workspace_id, id`);
    return rows.map(toModel);
  }

  async insert(workspaceId: string, columns: ModelColumns, manager: EntityManager = this.dataSource.manager): Promise<AttributionModelRecord> {
    const { names, values } = writable(columns, MODEL_COLUMNS);
    const rows: ModelRow[] = await manager.query(
      `INSERT INTO trackflow.attribution_model (workspace_id, ${names.join(', ')}) VALUES ($1, ${placeholders(names, 1)}) RETURNING *`,
      [workspaceId, ...values],
    );
    return toModel(rows[0]);
  }

  async update(workspaceId: string, id: string, columns: ModelColumns, manager: EntityManager = this.dataSource.manager): Promise<AttributionModelRecord | null> {
    const { names, values } = writable(columns, MODEL_COLUMNS);
    if (names.length === 0) return this.findOne(workspaceId, id, manager);
    const rows = returnedRows<ModelRow>(await manager.query(
      `UPDATE trackflow.attribution_model SET ${setClause(names, 2)}, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING *`,
      [workspaceId, id, ...values],
    ));
    return rows[0] ? toModel(rows[0]) : null;
  }

  /** Moves the default flag in one statement each way, so the partial unique index never sees two defaults; returns the new default's type. */
  async makeDefault(workspaceId: string, id: string, manager: EntityManager): Promise<string> {
    await manager.query(`UPDATE trackflow.attribution_model SET is_default = false, updated_at = now() WHERE workspace_id = $1 AND is_default AND id <> $2`, [workspaceId, id]);
    const [row] = returnedRows<{ model_type: string }>(
      await manager.query(`UPDATE trackflow.attribution_model SET is_default = true, is_active = true, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING model_type`, [workspaceId, id]),
    );
    return row.model_type;
  }

  async saveFit(workspaceId: string, id: string, fitted: FittedModel, periodStart: Date, periodEnd: Date): Promise<AttributionModelRecord | null> {
    const rows = returnedRows<ModelRow>(await this.dataSource.query(
      `UPDATE trackflow.attribution_model SET fitted_model = $3::jsonb, fitted_at = now(), fit_period_start = $4, fit_period_end = $5, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING *`,
      [workspaceId, id, JSON.stringify(fitted), periodStart, periodEnd],
    ));
    return rows[0] ? toModel(rows[0]) : null;
  }

  async clearFit(workspaceId: string, id: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE trackflow.attribution_model SET fitted_model = NULL, fitted_at = NULL, fit_period_start = NULL, fit_period_end = NULL WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const rows = returnedRows<unknown>(await this.dataSource.query(`DELETE FROM trackflow.attribution_model WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id]));
    return rows.length > 0;
  }

  async listRules(workspaceId: string, modelId: string): Promise<ChannelRuleRecord[]> {
    const rows: RuleRow[] = await this.dataSource.query(
      `SELECT * FROM trackflow.attribution_channel_rule WHERE workspace_id = $1 AND attribution_model_id = $2 ORDER BY priority, name`,
      [workspaceId, modelId],
    );
    return rows.map(toRule);
  }

  async findRule(workspaceId: string, id: string): Promise<ChannelRuleRecord | null> {
    if (!isUuid(id)) return null;
    const rows: RuleRow[] = await this.dataSource.query(`SELECT * FROM trackflow.attribution_channel_rule WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insertRule(workspaceId: string, modelId: string, columns: RuleColumns): Promise<ChannelRuleRecord> {
    const { names, values } = writable(columns, RULE_COLUMNS);
    const rows: RuleRow[] = await this.dataSource.query(
      `INSERT INTO trackflow.attribution_channel_rule (workspace_id, attribution_model_id, ${names.join(', ')})
       VALUES ($1, $2, ${placeholders(names, 2)}) RETURNING *`,
      [workspaceId, modelId, ...values],
    );
    return toRule(rows[0]);
  }

  async updateRule(workspaceId: string, id: string, columns: RuleColumns): Promise<ChannelRuleRecord | null> {
    const { names, values } = writable(columns, RULE_COLUMNS);
    if (names.length === 0) return this.findRule(workspaceId, id);
    const rows = returnedRows<RuleRow>(await this.dataSource.query(
      `UPDATE trackflow.attribution_channel_rule SET ${setClause(names, 2)}, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING *`,
      [workspaceId, id, ...values],
    ));
    return rows[0] ? toRule(rows[0]) : null;
  }

  async deleteRule(workspaceId: string, id: string): Promise<boolean> {
    const rows = returnedRows<unknown>(await this.dataSource.query(`DELETE FROM trackflow.attribution_channel_rule WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id]));
    return rows.length > 0;
  }
}
