import { Client, DatabaseError, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/common/database/database-bootstrap';
import { ALL_MIGRATIONS } from 'migrations/index';
import { NOT_A_PARTITION } from 'tests/support/partitions';

const CORE_TABLES = [
  'api_key', 'campaign_link_variant', 'click_event', 'domain_configuration', 'domain_header_configuration',
  'internal_ip_range', 'link_campaign', 'link_template', 'template_variable', 'tracked_link',
  'trackflow_settings', 'visitor', 'visitor_event', 'visitor_session', 'workspace',
];
const ATTRIBUTION_CRM_SECURITY_TABLES = [
  'api_key_ip_whitelist', 'api_key_webhook_event', 'api_request_log',
  'attribution_channel_rule', 'attribution_model', 'conversion', 'deal_attribution', 'deal_link_association',
  'deal_stage_change', 'lead_status_change',
];
/** DocTypes nothing wrote, dropped by migration 1764758400000 (which says why each). */
const DROPPED_TABLES = ['api_key_permission', 'email_campaign_log', 'link_conversion'];
/** Columns nothing wrote, dropped by the same migration. */
const DROPPED_COLUMNS = [['click_event', 'event_data'], ['conversion', 'attribution_data']];
/** Not DocTypes: the connection to a Twenty workspace, the webhook deliveries it sent, what TrackFlow remembers of its people, deals and companies, and leads kept until a workspace is connected. */
const TWENTY_TABLES = ['crm_company', 'crm_deal', 'crm_person', 'pending_lead', 'twenty_connection', 'twenty_pending_mirror', 'twenty_pending_update', 'twenty_sync_cursor', 'twenty_webhook_delivery'];
/** Seed 003's rollups and ad spend, and the state and credits the rollup job keeps. */
const ANALYTICS_TABLES = ['ad_spend_fact', 'ads_dim', 'conversion_credit', 'daily_rollup', 'daily_rollup_visitors', 'hourly_rollup', 'monthly_rollup', 'monthly_rollup_visitors', 'rollup_state'];
/** Not DocTypes either: who changed which setting, each outgoing webhook delivery, and each erasure of a person's data. */
const SECURITY_PRIVACY_TABLES = ['privacy_erasure_log', 'settings_audit_log', 'webhook_delivery'];
/** Seed 004's Export Jobs: each run of the scheduled export. */
const EXPORT_TABLES = ['export_run'];
/** Seed 001's DocTypes less the deprecated Campaign, and Click Queue, which is a Bull queue; plus the Twenty, analytics, audit and export tables. */
const ALL_TABLES = [...CORE_TABLES, ...ATTRIBUTION_CRM_SECURITY_TABLES, ...TWENTY_TABLES, ...ANALYTICS_TABLES, ...SECURITY_PRIVACY_TABLES, ...EXPORT_TABLES].sort();

/** Seed 001's recommended indexes; ours lead with workspace_id where the lookup is per workspace. */
const SEED_INDEXES: Record<string, { table: string; columns: string[] }> = {
  idx_click_event_visitor_timestamp: { table: 'click_event', columns: ['workspace_id', 'visitor_id', 'click_timestamp'] },
  idx_click_event_tracked_link: { table: 'click_event', columns: ['tracked_link_id', 'click_timestamp'] },
  idx_click_event_campaign: { table: 'click_event', columns: ['campaign_id', 'click_timestamp'] },
  idx_tracked_link_campaign: { table: 'tracked_link', columns: ['workspace_id', 'campaign_id'] },
  idx_visitor_session_visitor_start: { table: 'visitor_session', columns: ['workspace_id', 'visitor_id', 'session_start'] },
  idx_visitor_event_visitor_timestamp: { table: 'visitor_event', columns: ['workspace_id', 'visitor_id', 'timestamp'] },
  // The seed's idx_visitor_crm_lead: a CRM Lead is a Twenty person.
  idx_visitor_person: { table: 'visitor', columns: ['workspace_id', 'person_id'] },
  idx_conversion_visitor_date: { table: 'conversion', columns: ['workspace_id', 'visitor_id', 'conversion_date'] },
  idx_deal_attribution_deal: { table: 'deal_attribution', columns: ['workspace_id', 'opportunity_id', 'attribution_model_id'] },
  idx_api_request_log_key_time: { table: 'api_request_log', columns: ['workspace_id', 'api_key_id', 'request_time'] },
};

async function tableNames(query: (sql: string) => Promise<Array<{ table_name: string }>>): Promise<string[]> {
  const rows = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'trackflow' AND ${NOT_A_PARTITION} ORDER BY 1`);
  return rows.map((row) => row.table_name);
}

/** Everything a migration defines in schema trackflow, as sorted lines, so two databases can be compared. */
async function schemaSnapshot(query: (sql: string) => Promise<Array<{ line: string }>>): Promise<string[]> {
  const rows = await query(`
    SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) AS line
      FROM information_schema.columns WHERE table_schema = 'trackflow'
    UNION ALL
    SELECT format('constraint %s.%s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'trackflow'
    UNION ALL
    SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'trackflow'
    ORDER BY 1`);
  return rows.map((row) => row.line);
}

describe('trackflow schema built by migrations', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const query = async <T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query<T>(sql, params)).rows;

  it('puts workspace_id on every customer table', async () => {
    const { rows } = await client.query<{ table_name: string; has_workspace: boolean }>(`
      SELECT t.table_name,
             EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'workspace_id') AS has_workspace
      FROM information_schema.tables t WHERE t.table_schema = 'trackflow' ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    const missing = rows.filter((row) => row.table_name !== 'workspace' && !row.has_workspace).map((row) => row.table_name);
    expect(missing).toEqual([]);
  });

  it('holds exactly the tables of seed 001, one per DocType but those nothing wrote, and the Twenty connection tables', async () => {
    expect([...CORE_TABLES, ...ATTRIBUTION_CRM_SECURITY_TABLES, ...DROPPED_TABLES]).toHaveLength(28);
    expect(await tableNames((sql) => query(sql))).toEqual(ALL_TABLES);
    expect(await query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'trackflow' AND (table_name, column_name) IN (SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(t text, c text))`,
      [JSON.stringify(DROPPED_COLUMNS.map(([t, c]) => ({ t, c })))])).toEqual([]);
  });

  // Tracking tables reach the workspace through their visitor: (workspace_id, visitor_id) → visitor → workspace, both cascading.
  it('makes workspace_id NOT NULL on every table but workspace, and deletes with the workspace (directly or through the visitor)', async () => {
    const rows = await query<{ table_name: string; is_nullable: string; cascades: boolean }>(`
      SELECT c.table_name, c.is_nullable,
             EXISTS (SELECT 1 FROM pg_constraint k
                     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                     WHERE k.contype = 'f' AND k.conrelid = format('trackflow.%I', c.table_name)::regclass
                       AND k.confdeltype = 'c' AND a.attname = 'workspace_id'
                       AND (k.confrelid = 'trackflow.workspace'::regclass AND array_length(k.conkey, 1) = 1
                            OR k.confrelid = 'trackflow.visitor'::regclass AND array_length(k.conkey, 1) = 2)) AS cascades
      FROM information_schema.columns c
      WHERE c.table_schema = 'trackflow' AND c.column_name = 'workspace_id' AND ${NOT_A_PARTITION} ORDER BY 1`);
    expect(rows.map((row) => row.table_name)).toEqual(ALL_TABLES.filter((table) => table !== 'workspace'));
    expect(rows.filter((row) => row.is_nullable !== 'NO' || !row.cascades)).toEqual([]);
  });

  it('has none of the seed settings that changed nothing and were dropped', async () => {
    const dropped = ['custom_attribution_settings', 'custom_rules', 'custom_css', 'tracking_settings'];
    expect(await query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'trackflow' AND column_name = ANY ($1)`, [dropped])).toEqual([]);
  });

  it('has the indexes seed 001 recommends', async () => {
    const rows = await query<{ index_name: string; table_name: string; columns: string[] }>(`
      SELECT i.relname AS index_name, t.relname AS table_name,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'trackflow' AND i.relname = ANY ($1)
      GROUP BY i.relname, t.relname`, [Object.keys(SEED_INDEXES)]);
    const found = Object.fromEntries(rows.map((row) => [row.index_name, { table: row.table_name, columns: row.columns }]));
    expect(found).toEqual(SEED_INDEXES);
  });

  describe('constraints', () => {
    let workspaceId: string;
    let otherWorkspaceId: string;

    const one = async <T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> => {
      const rows = await query<T>(sql, params);
      expect(rows).toHaveLength(1);
      return rows[0];
    };

    /** Runs a statement that must fail, inside a savepoint so the test's transaction goes on. */
    const rejects = async (sql: string, params: unknown[], code: string, constraint?: string): Promise<void> => {
      await client.query('SAVEPOINT expect_failure');
      let failure: unknown;
      try {
        await client.query(sql, params);
      } catch (error) {
        failure = error;
      }
      await client.query('ROLLBACK TO SAVEPOINT expect_failure');
      expect(failure).toBeInstanceOf(DatabaseError);
      const { code: actualCode, constraint: actualConstraint } = failure as DatabaseError;
      expect({ code: actualCode, ...(constraint ? { constraint: actualConstraint } : {}) }).toEqual({ code, ...(constraint ? { constraint } : {}) });
    };

    const insertWorkspace = async (name: string): Promise<string> =>
      (await one<{ id: string }>(`INSERT INTO trackflow.workspace (name, public_key) VALUES ($1, $1 || '-pk') RETURNING id`, [name])).id;

    const insertModel = async (workspace: string, name: string, extra: Record<string, unknown> = {}): Promise<string> => {
      const fields: Record<string, unknown> = { workspace_id: workspace, name, model_type: 'LINEAR', ...extra };
      const columns = Object.keys(fields);
      const values = Object.values(fields);
      const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
      return (await one<{ id: string }>(`INSERT INTO trackflow.attribution_model (${columns.join(', ')}) VALUES (${placeholders}) RETURNING id`, values)).id;
    };

    const insertModelSql = (extraColumns: string, extraValues: string): string =>
      `INSERT INTO trackflow.attribution_model (workspace_id, name, model_type${extraColumns}) VALUES ($1, $2, $3${extraValues})`;

    const insertLinkVisitorClick = async (): Promise<{ linkId: string; clickId: string }> => {
      const { id: linkId } = await one<{ id: string }>(
        `INSERT INTO trackflow.tracked_link (workspace_id, short_code, destination_url) VALUES ($1, $2, 'https://example.com/') RETURNING id`,
        [workspaceId, `c${process.pid}`],
      );
      await query(`INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen) VALUES ($1, 'v-1', now(), now())`, [workspaceId]);
      const { id: clickId } = await one<{ id: string }>(
        `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, short_code, click_timestamp)
         VALUES (gen_random_uuid(), $1, 'v-1', $2, $3, now()) RETURNING id`,
        [workspaceId, linkId, `c${process.pid}`],
      );
      return { linkId, clickId };
    };

    const insertDealAttributionSql = `
      INSERT INTO trackflow.deal_attribution (workspace_id, opportunity_id, conversion_id, attribution_model_id, model_type,
        conversion_date, deal_value_micros, currency_code, touchpoint_index, touchpoint_type, touchpoint_timestamp, channel,
        tracked_link_id, click_event_id, attribution_weight, attributed_value_micros, position_in_journey, days_to_conversion)
      VALUES ($1, $2, $3, $4, 'LINEAR', now(), 1000000, 'EUR', 0, 'click', now(), 'Email', $5, $6, $7, $8, $9, 1.5)`;

    beforeEach(async () => {
      await client.query('BEGIN');
      workspaceId = await insertWorkspace(`schema-spec-a-${process.pid}`);
      otherWorkspaceId = await insertWorkspace(`schema-spec-b-${process.pid}`);
    });
    afterEach(() => client.query('ROLLBACK'));

    it('allows at most one default attribution model per workspace, and it must be active', async () => {
      await insertModel(workspaceId, 'Linear', { is_default: true });
      await rejects(insertModelSql(', is_default', ', true'), [workspaceId, 'Last touch', 'LAST_TOUCH'], '23505', 'uq_attribution_model_default');
      await insertModel(workspaceId, 'Last touch', { is_default: false });
      await rejects(insertModelSql(', is_default, is_active', ', true, false'), [otherWorkspaceId, 'Off', 'LINEAR'], '23514', 'ck_attribution_model_default_active');
      await insertModel(otherWorkspaceId, 'Linear', { is_default: true });
      await rejects(insertModelSql('', ''), [workspaceId, 'LINEAR', 'LINEAR'], '23505', 'uq_attribution_model_name');
    });

    it('validates model types and their parameters', async () => {
      const weights = insertModelSql(', position_based_first_weight, position_based_last_weight', ', $4, $5');
      await rejects(weights, [workspaceId, 'Over one', 'POSITION_BASED', 0.6, 0.5], '23514', 'ck_attribution_model_position_weights');
      await rejects(weights, [workspaceId, 'Above range', 'POSITION_BASED', 1.2, 0], '23514', 'ck_attribution_model_position_weights');
      await rejects(weights, [workspaceId, 'Negative', 'POSITION_BASED', -0.1, 0.4], '23514', 'ck_attribution_model_position_weights');
      await rejects(weights, [workspaceId, 'Missing', 'POSITION_BASED', 0.4, null], '23502');
      await insertModel(workspaceId, 'Middles only', { position_based_first_weight: 0, position_based_last_weight: 0 });
      await insertModel(workspaceId, 'U shaped', { position_based_first_weight: 0.5, position_based_last_weight: 0.5 });
      await insertModel(workspaceId, 'First only', { position_based_first_weight: 1, position_based_last_weight: 0 });

      await rejects(insertModelSql('', ''), [workspaceId, 'Random', 'RANDOM'], '23514', 'attribution_model_model_type_check');
      await rejects(insertModelSql(', markov_order', ', 4'), [workspaceId, 'Markov 4', 'MARKOV'], '23514', 'attribution_model_markov_order_check');
      await rejects(insertModelSql(', time_decay_half_life_days', ', 0'), [workspaceId, 'No decay', 'TIME_DECAY'], '23514', 'attribution_model_time_decay_half_life_days_check');
      await rejects(insertModelSql(', time_decay_factor', ', 1'), [workspaceId, 'Factor 1', 'TIME_DECAY'], '23514', 'attribution_model_time_decay_factor_check');
      await rejects(insertModelSql(', fitted_model', `, '{}'`), [workspaceId, 'Fit without time', 'MARKOV'], '23514', 'ck_attribution_model_fit');
      await rejects(
        insertModelSql(', fit_period_start, fit_period_end', `, now(), now() - interval '1 day'`),
        [workspaceId, 'Backwards', 'SHAPLEY'], '23514', 'ck_attribution_model_fit',
      );
      await insertModel(workspaceId, 'Markov 3', { model_type: 'MARKOV', markov_order: 3 });
      await insertModel(workspaceId, 'Fitted', { model_type: 'SHAPLEY', fitted_model: { a: 0.7, b: 0.3 }, fitted_at: new Date() });
    });

    it('rejects negative channel rule weights and duplicate rule names in a model', async () => {
      const modelId = await insertModel(workspaceId, 'Custom');
      const rule = `INSERT INTO trackflow.attribution_channel_rule (workspace_id, attribution_model_id, name, channel_name, match_conditions, weight)
                    VALUES ($1, $2, $3, 'Email', '[{"field":"utm_medium","op":"equals","value":"email"}]', $4)`;
      await query(rule, [workspaceId, modelId, 'Email', 2]);
      await rejects(rule, [workspaceId, modelId, 'Email', 1], '23505', 'uq_attribution_channel_rule_name');
      await rejects(rule, [workspaceId, modelId, 'Negative', -1], '23514', 'attribution_channel_rule_weight_check');
      await rejects(
        `INSERT INTO trackflow.attribution_channel_rule (workspace_id, attribution_model_id, name, channel_name, match_conditions) VALUES ($1, $2, 'Object', 'Email', '{"field":"medium"}')`,
        [workspaceId, modelId], '23514', 'attribution_channel_rule_match_conditions_check',
      );
    });

    it('keeps one lead conversion per person and one deal conversion per opportunity', async () => {
      const conversion = `INSERT INTO trackflow.conversion (workspace_id, conversion_type, person_id, opportunity_id, idempotency_key, value_micros, currency_code, conversion_date)
                          VALUES ($1, $2, $3, $4, $5, $6, $7, now())`;
      await query(conversion, [workspaceId, 'deal', 'person-1', 'opp-1', null, 5_000_000, 'USD']);
      await rejects(conversion, [workspaceId, 'deal', 'person-1', 'opp-1', null, 5_000_000, 'USD'], '23505', 'uq_conversion_deal_opportunity');
      await query(conversion, [otherWorkspaceId, 'deal', 'person-1', 'opp-1', null, 5_000_000, 'USD']);
      await query(conversion, [workspaceId, 'lead', 'person-1', null, null, 0, 'USD']);
      await rejects(conversion, [workspaceId, 'lead', 'person-1', null, null, 0, 'USD'], '23505', 'uq_conversion_lead_person');
      await rejects(conversion, [workspaceId, 'deal', 'person-1', null, null, 0, 'USD'], '23514', 'ck_conversion_crm_record');
      await query(conversion, [workspaceId, 'goal', null, null, 'form-42', 0, 'USD']);
      await rejects(conversion, [workspaceId, 'goal', null, null, 'form-42', 0, 'USD'], '23505', 'uq_conversion_idempotency_key');
      await rejects(conversion, [workspaceId, 'refund', null, null, null, 0, 'USD'], '23514', 'conversion_conversion_type_check');
      await rejects(conversion, [workspaceId, 'goal', null, null, null, -1, 'USD'], '23514', 'conversion_value_micros_check');
      await rejects(conversion, [workspaceId, 'goal', null, null, null, 0, 'usd'], '23514', 'conversion_currency_code_check');
      await rejects(
        `INSERT INTO trackflow.conversion (workspace_id, visitor_id, conversion_type, conversion_date) VALUES ($1, 'nobody', 'goal', now())`,
        [workspaceId], '23503',
      );
    });

    it('keeps conversions and attributions when their visitor, click or link goes away', async () => {
      const { linkId, clickId } = await insertLinkVisitorClick();
      const modelId = await insertModel(workspaceId, 'Linear');
      const { id: conversionId } = await one<{ id: string }>(
        `INSERT INTO trackflow.conversion (workspace_id, visitor_id, tracked_link_id, conversion_type, opportunity_id, value_micros, currency_code, conversion_date)
         VALUES ($1, 'v-1', $2, 'deal', 'opp-1', 1000000, 'EUR', now()) RETURNING id`,
        [workspaceId, linkId],
      );
      await query(insertDealAttributionSql, [workspaceId, 'opp-1', conversionId, modelId, linkId, clickId, 1, 1000000, 'only']);

      // A partitioned table can be referenced by its whole primary key only (id and time): the attribution keeps the click's id, which names nothing now.
      await query(`DELETE FROM trackflow.click_event WHERE id = $1`, [clickId]);
      expect(await query(`SELECT click_event_id FROM trackflow.deal_attribution WHERE workspace_id = $1`, [workspaceId])).toEqual([{ click_event_id: clickId }]);

      await query(`DELETE FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = 'v-1'`, [workspaceId]);
      expect(await query(`SELECT workspace_id, visitor_id FROM trackflow.conversion WHERE workspace_id = $1`, [workspaceId])).toEqual([{ workspace_id: workspaceId, visitor_id: null }]);

      await query(`DELETE FROM trackflow.tracked_link WHERE id = $1`, [linkId]);
      expect(await query(`SELECT tracked_link_id FROM trackflow.conversion WHERE workspace_id = $1 UNION ALL SELECT tracked_link_id FROM trackflow.deal_attribution WHERE workspace_id = $1`, [workspaceId]))
        .toEqual([{ tracked_link_id: null }, { tracked_link_id: null }]);

      await query(`DELETE FROM trackflow.conversion WHERE id = $1`, [conversionId]);
      expect(await query(`SELECT count(*)::int AS rows FROM trackflow.deal_attribution WHERE workspace_id = $1`, [workspaceId])).toEqual([{ rows: 0 }]);
    });

    it('validates deal attribution rows and deletes them with their model', async () => {
      const modelId = await insertModel(workspaceId, 'Linear');
      await query(
        `INSERT INTO trackflow.attribution_channel_rule (workspace_id, attribution_model_id, name, channel_name, match_conditions) VALUES ($1, $2, 'r', 'Email', '[]')`,
        [workspaceId, modelId],
      );
      await query(insertDealAttributionSql, [workspaceId, 'opp-1', null, modelId, null, null, 0.5, 500000, 'first']);
      await rejects(insertDealAttributionSql, [workspaceId, 'opp-1', null, modelId, null, null, 0.5, 500000, 'start'], '23514', 'deal_attribution_position_in_journey_check');
      await rejects(insertDealAttributionSql, [workspaceId, 'opp-1', null, modelId, null, null, 1.5, 500000, 'last'], '23514', 'deal_attribution_attribution_weight_check');
      await rejects(insertDealAttributionSql, [workspaceId, 'opp-1', null, modelId, null, null, 0.5, 2000000, 'last'], '23514', 'ck_deal_attribution_value');
      await rejects(insertDealAttributionSql, [workspaceId, null, null, modelId, null, null, 0.5, 500000, 'last'], '23514', 'ck_deal_attribution_target');

      await query(`DELETE FROM trackflow.attribution_model WHERE id = $1`, [modelId]);
      expect(await query(`SELECT (SELECT count(*) FROM trackflow.attribution_channel_rule WHERE workspace_id = $1)::int AS rules, (SELECT count(*) FROM trackflow.deal_attribution WHERE workspace_id = $1)::int AS rows`, [workspaceId]))
        .toEqual([{ rules: 0, rows: 0 }]);
    });

    it('deletes tracking rows with their workspace through the visitor', async () => {
      const doomed = await insertWorkspace(`schema-spec-doomed-${process.pid}`);
      await query(`INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen) VALUES ($1, 'v-doomed', now(), now())`, [doomed]);
      const [{ id: sessionId }] = await query<{ id: string }>(
        `INSERT INTO trackflow.visitor_session (workspace_id, visitor_id, session_start, session_end) VALUES ($1, 'v-doomed', now(), now()) RETURNING id`,
        [doomed],
      );
      await query(`INSERT INTO trackflow.visitor_event (workspace_id, visitor_id, session_id, event_type, "timestamp") VALUES ($1, 'v-doomed', $2, 'pageview', now())`, [doomed, sessionId]);
      await query(`DELETE FROM trackflow.workspace WHERE id = $1`, [doomed]);
      const [left] = await query<{ n: number }>(
        `SELECT (SELECT count(*) FROM trackflow.visitor WHERE workspace_id = $1) + (SELECT count(*) FROM trackflow.visitor_session WHERE workspace_id = $1)
           + (SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1)::int AS n`,
        [doomed],
      );
      expect(Number(left.n)).toBe(0);
    });

    it('logs each CRM stage or status change once', async () => {
      const stage = `INSERT INTO trackflow.deal_stage_change (workspace_id, opportunity_id, from_stage, to_stage, change_date, event_key) VALUES ($1, 'opp-1', $2, $3, now(), $4)`;
      await query(stage, [workspaceId, null, 'NEW', 'wh-1:opp-1:opportunity.created']);
      await query(stage, [workspaceId, 'NEW', 'CUSTOMER', 'wh-2:opp-1:opportunity.updated']);
      await rejects(stage, [workspaceId, 'NEW', 'CUSTOMER', 'wh-2:opp-1:opportunity.updated'], '23505', 'uq_deal_stage_change_event');
      await rejects(stage, [workspaceId, 'CUSTOMER', 'CUSTOMER', null], '23514', 'ck_deal_stage_change_changed');
      const status = `INSERT INTO trackflow.lead_status_change (workspace_id, person_id, from_status, to_status, change_date) VALUES ($1, 'person-1', $2, $3, now())`;
      await query(status, [workspaceId, 'NEW', 'QUALIFIED']);
      await rejects(status, [workspaceId, 'NEW', 'NEW'], '23514', 'ck_lead_status_change_changed');
    });

    it('validates API key side tables, cascades them with the key and keeps its request log', async () => {
      const { id: keyId } = await one<{ id: string }>(
        `INSERT INTO trackflow.api_key (workspace_id, name, key_prefix, key_last4, key_hash) VALUES ($1, 'ci', 'tf_', 'abcd', $2) RETURNING id`,
        [workspaceId, `hash-${process.pid}`],
      );
      const allow = `INSERT INTO trackflow.api_key_ip_whitelist (workspace_id, api_key_id, ip_address) VALUES ($1, $2, $3)`;
      await query(allow, [workspaceId, keyId, '10.0.0.0/8']);
      await query(allow, [workspaceId, keyId, '2001:db8::/32']);
      await rejects(allow, [workspaceId, keyId, '10.0.0.1/8'], '22P02');
      await rejects(allow, [workspaceId, keyId, 'localhost'], '22P02');
      await rejects(allow, [workspaceId, keyId, '10.0.0.0/8'], '23505', 'uq_api_key_ip_whitelist');

      const webhook = `INSERT INTO trackflow.api_key_webhook_event (workspace_id, api_key_id, event_type, webhook_url, secret) VALUES ($1, $2, $3, $4, 's3cret')`;
      await query(webhook, [workspaceId, keyId, 'deal.attributed', 'https://hooks.example.com/trackflow']);
      await rejects(webhook, [workspaceId, keyId, 'everything', 'https://hooks.example.com/trackflow'], '23514', 'api_key_webhook_event_event_type_check');
      await rejects(webhook, [workspaceId, keyId, 'lead.attributed', 'ftp://hooks.example.com/'], '23514', 'api_key_webhook_event_webhook_url_check');

      const log = `INSERT INTO trackflow.api_request_log (workspace_id, api_key_id, endpoint, method, response_code, ip_address, duration_ms) VALUES ($1, $2, '/graphql', $3, $4, '203.0.113.7', 12)`;
      await query(log, [workspaceId, keyId, 'POST', 200]);
      await rejects(log, [workspaceId, keyId, 'POST', 999], '23514', 'api_request_log_response_code_check');
      await rejects(log, [workspaceId, keyId, 'FETCH', 200], '23514', 'api_request_log_method_check');

      await query(`DELETE FROM trackflow.api_key WHERE id = $1`, [keyId]);
      // Scoped to this workspace: other suites in the same run keep keys, allow-lists and logs of their own.
      expect(await query(`
        SELECT (SELECT count(*) FROM trackflow.api_key_ip_whitelist WHERE workspace_id = $1)::int AS allow_list,
               (SELECT count(*) FROM trackflow.api_key_webhook_event WHERE workspace_id = $1)::int AS webhooks,
               (SELECT count(*) FROM trackflow.api_request_log WHERE workspace_id = $1 AND api_key_id IS NULL)::int AS orphaned_logs`, [workspaceId]))
        .toEqual([{ allow_list: 0, webhooks: 0, orphaned_logs: 1 }]);
    });

    it('keeps one ad spend row per platform, day and ad, campaign-level rows included, and only sane rollup rows', async () => {
      const spend = `INSERT INTO trackflow.ad_spend_fact (workspace_id, platform, date, campaign_id, adset_id, ad_id, spend_micros, currency_code) VALUES ($1, $2, '2026-03-01', 'c1', $3, $4, $5, 'EUR')`;
      await query(spend, [workspaceId, 'facebook', 'as1', 'ad1', 1_000_000]);
      await rejects(spend, [workspaceId, 'facebook', 'as1', 'ad1', 2_000_000], '23505', 'uq_ad_spend_fact');
      await query(spend, [workspaceId, 'facebook', null, null, 1_000_000]);
      await rejects(spend, [workspaceId, 'facebook', null, null, 1_000_000], '23505', 'uq_ad_spend_fact');
      await query(spend, [workspaceId, 'google', null, null, 1_000_000]);
      await query(spend, [otherWorkspaceId, 'facebook', null, null, 1_000_000]);
      await rejects(spend, [workspaceId, 'Face Book', null, null, 1], '23514', 'ad_spend_fact_platform_check');
      await rejects(spend, [workspaceId, 'bing', null, null, -1], '23514', 'ad_spend_fact_spend_micros_check');

      const visitors = `INSERT INTO trackflow.daily_rollup_visitors (workspace_id, time_zone, day, scope, scope_id, previous_day, visitors) VALUES ($1, 'UTC', '2026-03-02', 'site', $1, $2, $3)`;
      await query(visitors, [workspaceId, '-infinity', 3]);
      await query(visitors, [workspaceId, '2026-03-01', 1]);
      await rejects(visitors, [workspaceId, '2026-03-02', 1], '23514', 'ck_daily_rollup_visitors_previous');
      await rejects(visitors, [workspaceId, '2026-02-01', 0], '23514', 'daily_rollup_visitors_visitors_check');
      await rejects(`INSERT INTO trackflow.hourly_rollup (workspace_id, hour, scope, scope_id) VALUES ($1, '2026-03-02T10:30:00Z', 'site', $1)`, [workspaceId], '23514', 'hourly_rollup_hour_check');
      await rejects(`INSERT INTO trackflow.rollup_state (workspace_id, grain, time_zone, rolled_up_until, scanned_from) VALUES ($1, 'hour', 'Europe/Paris', now(), now())`, [workspaceId], '23514', 'ck_rollup_state_hour_utc');
    });
  });

  describe('down migrations', () => {
    const databaseName = `trackflow_test_migrations_${process.pid}`;
    const throwawayUrl = (): string => {
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${databaseName}`;
      return url.toString();
    };
    const adminUrl = (): string => {
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = '/postgres';
      return url.toString();
    };
    const admin = new Client({ connectionString: adminUrl() });
    let dataSource: DataSource | undefined;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${databaseName}"`);
    });
    afterAll(async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    });

    it('revert every migration cleanly, newest first, and up() re-applies the same schema', async () => {
      const source = new DataSource(dataSourceOptions(throwawayUrl()));
      dataSource = source;
      await source.initialize();
      const tables = (): Promise<string[]> => tableNames((sql) => source.query(sql));
      const names = ALL_MIGRATIONS.map((migration) => new migration().name);

      expect((await source.runMigrations({ transaction: 'each' })).map((migration) => migration.name)).toEqual(names);
      expect(await tables()).toEqual(ALL_TABLES);

      for (let left = ALL_MIGRATIONS.length; left > 1; left -= 1) {
        await source.undoLastMigration({ transaction: 'each' });
      }
      expect(await tables()).toEqual(CORE_TABLES);
      await source.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      expect(await source.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'trackflow'`))
        .toEqual([{ n: 0 }]);
      expect(await source.query(`SELECT count(*)::int AS n FROM trackflow_migrations`)).toEqual([{ n: 0 }]);

      expect((await source.runMigrations({ transaction: 'each' })).map((migration) => migration.name)).toEqual(names);
      const reapplied = await schemaSnapshot((sql) => source.query(sql));
      expect(reapplied).toEqual(await schemaSnapshot((sql) => query(sql)));
      expect(reapplied.length).toBeGreaterThan(ALL_TABLES.length);
    });

    // PostgreSQL caches the plan of a foreign-key check for the life of a connection. Planned on a
    // young, never-analysed table, any other index leading with workspace_id looked as cheap as the
    // primary key, and every stored click then walked all visitors of its workspace.
    it('plan the visitor foreign-key check on an empty table through the primary key', async () => {
      const source = dataSource as DataSource;
      const runner = source.createQueryRunner();
      try {
        await runner.query(`SET plan_cache_mode = force_generic_plan`);
        await runner.query(`PREPARE visitor_key_check(uuid, text) AS SELECT 1 FROM ONLY trackflow.visitor x WHERE workspace_id = $1 AND visitor_id = $2 FOR KEY SHARE OF x`);
        const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN EXECUTE visitor_key_check('00000000-0000-0000-0000-000000000000', 'v')`);
        expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toMatch(/Index Scan using visitor_pkey/);
      } finally {
        await runner.release();
      }
    });
  });
});
