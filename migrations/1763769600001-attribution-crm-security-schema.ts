import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attribution (models, channel rules, conversions, deal attributions), the CRM history tables and
 * the API-key side tables. Ids of Twenty records (people, opportunities, workspace members) are
 * text, named as Twenty names them: a CRM Lead is `person_id`, a CRM Deal is `opportunity_id`.
 * Child rows of a parent document cascade with it; references to links, campaigns and clicks are
 * SET NULL so that history outlives them. The Click Queue of the seeds is a Bull queue, not a table.
 */
export class AttributionCrmSecuritySchema1763769600001 implements MigrationInterface {
  name = 'AttributionCrmSecuritySchema1763769600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.attribution_model (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        name text NOT NULL,
        model_type text NOT NULL CHECK (model_type IN
          ('FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY')),
        description text,
        custom_rules jsonb,
        is_active boolean NOT NULL DEFAULT true,
        is_default boolean NOT NULL DEFAULT false,
        position_based_first_weight numeric(7, 6) NOT NULL DEFAULT 0.4,
        position_based_last_weight numeric(7, 6) NOT NULL DEFAULT 0.4,
        time_decay_half_life_days numeric(10, 4) NOT NULL DEFAULT 7 CHECK (time_decay_half_life_days > 0),
        -- The seed's per-day decay r (weight ∝ r^days); it maps to the half-life as H = ln 2 / -ln r.
        time_decay_factor numeric(7, 6) CHECK (time_decay_factor > 0 AND time_decay_factor < 1),
        -- NULL: the workspace's trackflow_settings.attribution_window_days.
        lookback_window_days integer CHECK (lookback_window_days BETWEEN 1 AND 3650),
        ignore_direct boolean NOT NULL DEFAULT false,
        markov_order smallint NOT NULL DEFAULT 1 CHECK (markov_order BETWEEN 1 AND 3),
        fitted_model jsonb,
        fitted_at timestamptz,
        fit_period_start timestamptz,
        fit_period_end timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_attribution_model_position_weights CHECK (
          position_based_first_weight BETWEEN 0 AND 1
          AND position_based_last_weight BETWEEN 0 AND 1
          AND position_based_first_weight + position_based_last_weight <= 1),
        CONSTRAINT ck_attribution_model_default_active CHECK (is_active OR NOT is_default),
        CONSTRAINT ck_attribution_model_fit CHECK (
          (fitted_model IS NULL) = (fitted_at IS NULL)
          AND (fit_period_start IS NULL) = (fit_period_end IS NULL)
          AND (fit_period_end IS NULL OR fit_period_end >= fit_period_start))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_attribution_model_name ON trackflow.attribution_model (workspace_id, lower(name))`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_attribution_model_default ON trackflow.attribution_model (workspace_id) WHERE is_default`);

    await queryRunner.query(`
      CREATE TABLE trackflow.attribution_channel_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        attribution_model_id uuid NOT NULL REFERENCES trackflow.attribution_model(id) ON DELETE CASCADE,
        name text NOT NULL,
        channel_name text NOT NULL,
        -- An array of {field, op, value}, all of which must match; [] matches every touch.
        match_conditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(match_conditions) = 'array'),
        priority integer NOT NULL DEFAULT 0,
        weight numeric(12, 6) NOT NULL DEFAULT 1 CHECK (weight >= 0),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_attribution_channel_rule_name UNIQUE (attribution_model_id, name)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.conversion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        visitor_id text,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        conversion_type text NOT NULL CHECK (conversion_type IN
          ('lead', 'deal', 'signup', 'purchase', 'form_submission', 'goal', 'other')),
        value_micros bigint NOT NULL DEFAULT 0 CHECK (value_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD' CHECK (currency_code ~ '^[A-Z]{3}$'),
        conversion_date timestamptz NOT NULL,
        source_campaign text,
        source_medium text,
        source_source text,
        attribution_data jsonb,
        person_id text,
        opportunity_id text,
        -- Set by callers that may retry (API, tracker goals); leads and deals are keyed by their record.
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_conversion_crm_record CHECK (
          (conversion_type <> 'lead' OR person_id IS NOT NULL)
          AND (conversion_type <> 'deal' OR opportunity_id IS NOT NULL)),
        -- A conversion is a CRM fact that outlives the visitor row: deleting the visitor clears visitor_id only.
        -- (SET NULL with a column list needs PostgreSQL 15.)
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id)
          ON DELETE SET NULL (visitor_id) ON UPDATE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX idx_conversion_visitor_date ON trackflow.conversion (workspace_id, visitor_id, conversion_date)`);
    await queryRunner.query(`CREATE INDEX idx_conversion_date ON trackflow.conversion (workspace_id, conversion_date)`);
    await queryRunner.query(`CREATE INDEX idx_conversion_person ON trackflow.conversion (workspace_id, person_id) WHERE person_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_conversion_tracked_link ON trackflow.conversion (tracked_link_id, conversion_date) WHERE tracked_link_id IS NOT NULL`);
    // Twenty retries webhooks and the hooks recompute on every update: one lead per person, one deal per opportunity.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_conversion_lead_person ON trackflow.conversion (workspace_id, person_id) WHERE conversion_type = 'lead'`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_conversion_deal_opportunity ON trackflow.conversion (workspace_id, opportunity_id) WHERE conversion_type = 'deal'`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_conversion_idempotency_key ON trackflow.conversion (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.link_conversion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        conversion_id uuid REFERENCES trackflow.conversion(id) ON DELETE CASCADE,
        click_event_id uuid REFERENCES trackflow.click_event(id) ON DELETE SET NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        visitor_id text,
        conversion_date timestamptz NOT NULL,
        conversion_type text NOT NULL CHECK (conversion_type IN
          ('lead', 'deal', 'signup', 'purchase', 'form_submission', 'goal', 'other')),
        conversion_value_micros bigint NOT NULL DEFAULT 0 CHECK (conversion_value_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD' CHECK (currency_code ~ '^[A-Z]{3}$'),
        attribution_data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id)
          ON DELETE SET NULL (visitor_id) ON UPDATE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX idx_link_conversion_link_date ON trackflow.link_conversion (workspace_id, tracked_link_id, conversion_date)`);
    await queryRunner.query(`CREATE INDEX idx_link_conversion_visitor ON trackflow.link_conversion (workspace_id, visitor_id) WHERE visitor_id IS NOT NULL`);
    // Click retention deletes old clicks in bulk; without this each deleted click would scan the table.
    await queryRunner.query(`CREATE INDEX idx_link_conversion_click_event ON trackflow.link_conversion (click_event_id) WHERE click_event_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_link_conversion_conversion_link ON trackflow.link_conversion (workspace_id, conversion_id, tracked_link_id) WHERE conversion_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.deal_attribution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        -- An open deal is attributed before any conversion exists; a lead conversion has no opportunity.
        opportunity_id text,
        conversion_id uuid REFERENCES trackflow.conversion(id) ON DELETE CASCADE,
        attribution_model_id uuid NOT NULL REFERENCES trackflow.attribution_model(id) ON DELETE CASCADE,
        model_type text NOT NULL CHECK (model_type IN
          ('FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY')),
        conversion_date timestamptz NOT NULL,
        deal_value_micros bigint NOT NULL CHECK (deal_value_micros >= 0),
        currency_code text NOT NULL CHECK (currency_code ~ '^[A-Z]{3}$'),
        touchpoint_index integer NOT NULL CHECK (touchpoint_index >= 0),
        touchpoint_type text NOT NULL,
        touchpoint_source text,
        touchpoint_campaign text,
        touchpoint_medium text,
        touchpoint_content text,
        touchpoint_term text,
        touchpoint_timestamp timestamptz NOT NULL,
        channel text NOT NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        click_event_id uuid REFERENCES trackflow.click_event(id) ON DELETE SET NULL,
        attribution_weight double precision NOT NULL CHECK (attribution_weight BETWEEN 0 AND 1),
        attributed_value_micros bigint NOT NULL CHECK (attributed_value_micros >= 0),
        position_in_journey text NOT NULL CHECK (position_in_journey IN ('first', 'middle', 'last', 'only')),
        days_to_conversion numeric(12, 4) NOT NULL CHECK (days_to_conversion >= 0),
        calculated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_deal_attribution_target CHECK (opportunity_id IS NOT NULL OR conversion_id IS NOT NULL),
        CONSTRAINT ck_deal_attribution_value CHECK (attributed_value_micros <= deal_value_micros)
      )`);
    await queryRunner.query(`CREATE INDEX idx_deal_attribution_deal ON trackflow.deal_attribution (workspace_id, opportunity_id, attribution_model_id)`);
    await queryRunner.query(`CREATE INDEX idx_deal_attribution_conversion_model ON trackflow.deal_attribution (workspace_id, conversion_id, attribution_model_id)`);
    await queryRunner.query(`CREATE INDEX idx_deal_attribution_model_date ON trackflow.deal_attribution (workspace_id, attribution_model_id, conversion_date)`);
    await queryRunner.query(`CREATE INDEX idx_deal_attribution_click_event ON trackflow.deal_attribution (click_event_id) WHERE click_event_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.deal_link_association (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        opportunity_id text NOT NULL,
        -- The link is half of the association, so the row goes with it rather than being kept half-empty.
        tracked_link_id uuid NOT NULL REFERENCES trackflow.tracked_link(id) ON DELETE CASCADE,
        association_type text NOT NULL CHECK (association_type IN ('first_touch', 'last_touch', 'assist', 'manual')),
        attribution_weight double precision CHECK (attribution_weight BETWEEN 0 AND 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_deal_link_association UNIQUE (workspace_id, opportunity_id, tracked_link_id, association_type)
      )`);
    await queryRunner.query(`CREATE INDEX idx_deal_link_association_link ON trackflow.deal_link_association (tracked_link_id)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.deal_stage_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        opportunity_id text NOT NULL,
        from_stage text,
        to_stage text NOT NULL,
        change_date timestamptz NOT NULL,
        changed_by text,
        notes text,
        -- Twenty redelivers a webhook with a new nonce; the handler keys the change on the event instead.
        event_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_deal_stage_change_changed CHECK (from_stage IS DISTINCT FROM to_stage)
      )`);
    await queryRunner.query(`CREATE INDEX idx_deal_stage_change_deal ON trackflow.deal_stage_change (workspace_id, opportunity_id, change_date)`);
    await queryRunner.query(`CREATE INDEX idx_deal_stage_change_date ON trackflow.deal_stage_change (workspace_id, change_date)`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_deal_stage_change_event ON trackflow.deal_stage_change (workspace_id, event_key) WHERE event_key IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.lead_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        person_id text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        change_date timestamptz NOT NULL,
        changed_by text,
        source_campaign text,
        source_medium text,
        event_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_lead_status_change_changed CHECK (from_status IS DISTINCT FROM to_status)
      )`);
    await queryRunner.query(`CREATE INDEX idx_lead_status_change_lead ON trackflow.lead_status_change (workspace_id, person_id, change_date)`);
    await queryRunner.query(`CREATE INDEX idx_lead_status_change_date ON trackflow.lead_status_change (workspace_id, change_date)`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_lead_status_change_event ON trackflow.lead_status_change (workspace_id, event_key) WHERE event_key IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.email_campaign_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        campaign_id uuid REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        email_template text,
        recipient text NOT NULL,
        person_id text,
        message_id text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN
          ('queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'unsubscribed')),
        sent_date timestamptz,
        opened_date timestamptz,
        clicked_date timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_campaign ON trackflow.email_campaign_log (workspace_id, campaign_id, sent_date)`);
    // Export and erasure look people up by address.
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_recipient ON trackflow.email_campaign_log (workspace_id, lower(recipient))`);
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_tracked_link ON trackflow.email_campaign_log (tracked_link_id) WHERE tracked_link_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_email_campaign_log_message ON trackflow.email_campaign_log (workspace_id, message_id) WHERE message_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.api_key_permission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES trackflow.api_key(id) ON DELETE CASCADE,
        permission_type text NOT NULL CHECK (permission_type <> ''),
        permission_data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_permission UNIQUE (api_key_id, permission_type)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.api_key_ip_whitelist (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES trackflow.api_key(id) ON DELETE CASCADE,
        ip_address cidr NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_ip_whitelist UNIQUE (api_key_id, ip_address)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.api_key_webhook_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES trackflow.api_key(id) ON DELETE CASCADE,
        event_type text NOT NULL CHECK (event_type IN
          ('link.clicked', 'lead.attributed', 'deal.attributed', 'conversion.created', 'campaign.updated')),
        webhook_url text NOT NULL CHECK (webhook_url ~* '^https?://'),
        -- Not hashed: deliveries are signed with it (HMAC-SHA256), so it must be recoverable. The application
        -- layer is to encrypt it at rest (TRACKFLOW_SECRET_KEY); the column then holds the ciphertext.
        secret text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_webhook_event UNIQUE (api_key_id, event_type, webhook_url)
      )`);
    await queryRunner.query(`CREATE INDEX idx_api_key_webhook_event_type ON trackflow.api_key_webhook_event (workspace_id, event_type) WHERE is_active`);

    await queryRunner.query(`
      CREATE TABLE trackflow.api_request_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        -- NULL for requests without a valid key, and kept as an audit trail after a key is deleted.
        api_key_id uuid REFERENCES trackflow.api_key(id) ON DELETE SET NULL,
        endpoint text NOT NULL,
        method text NOT NULL CHECK (method IN ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')),
        request_time timestamptz NOT NULL DEFAULT now(),
        response_code smallint CHECK (response_code BETWEEN 100 AND 599),
        request_data text,
        response_data text,
        ip_address inet,
        duration_ms integer CHECK (duration_ms >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX idx_api_request_log_key_time ON trackflow.api_request_log (workspace_id, api_key_id, request_time)`);
    // Retention (90 days) deletes by age across all workspaces.
    await queryRunner.query(`CREATE INDEX idx_api_request_log_request_time ON trackflow.api_request_log (request_time)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'api_request_log', 'api_key_webhook_event', 'api_key_ip_whitelist', 'api_key_permission',
      'email_campaign_log', 'lead_status_change', 'deal_stage_change', 'deal_link_association',
      'deal_attribution', 'link_conversion', 'conversion', 'attribution_channel_rule', 'attribution_model',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS trackflow.${table}`);
    }
  }
}
