import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy, keys, settings, links and the tracking tables the redirect writes to.
 * Money is integer micros plus a currency code; every customer table carries workspace_id.
 * Short codes are unique per domain across all workspaces (the default domain is shared), and
 * deleted links are soft-deleted so a retired code is never handed to another destination.
 */
export class CoreSchema1763769600000 implements MigrationInterface {
  name = 'CoreSchema1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS trackflow`);

    await queryRunner.query(`
      CREATE TABLE trackflow.workspace (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        public_key text NOT NULL,
        site_domains text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_workspace_name UNIQUE (name),
        CONSTRAINT uq_workspace_public_key UNIQUE (public_key)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        name text NOT NULL,
        key_prefix text NOT NULL,
        key_last4 text NOT NULL,
        key_hash text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        usage_count bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_hash UNIQUE (key_hash)
      )`);
    await queryRunner.query(`CREATE INDEX idx_api_key_workspace_active ON trackflow.api_key (workspace_id, is_active)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.trackflow_settings (
        workspace_id uuid PRIMARY KEY REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        enable_tracking boolean NOT NULL DEFAULT true,
        auto_generate_short_codes boolean NOT NULL DEFAULT true,
        short_code_length integer NOT NULL DEFAULT 6 CHECK (short_code_length BETWEEN 4 AND 32),
        default_shortlink_domain text,
        exclude_internal_traffic boolean NOT NULL DEFAULT false,
        gdpr_compliance_enabled boolean NOT NULL DEFAULT false,
        cookie_expires_days integer NOT NULL DEFAULT 365 CHECK (cookie_expires_days BETWEEN 1 AND 3650),
        default_attribution_model text NOT NULL DEFAULT 'LAST_TOUCH',
        attribution_window_days integer NOT NULL DEFAULT 30 CHECK (attribution_window_days BETWEEN 1 AND 3650),
        custom_attribution_settings jsonb,
        cookie_consent_required boolean NOT NULL DEFAULT false,
        cookie_consent_text text,
        privacy_policy_link text,
        cookie_policy_link text,
        anonymize_ip_addresses boolean NOT NULL DEFAULT false,
        respect_do_not_track boolean NOT NULL DEFAULT false,
        rate_limit_per_hour integer NOT NULL DEFAULT 1000 CHECK (rate_limit_per_hour > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.internal_ip_range (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        ip_range cidr NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_internal_ip_range_workspace ON trackflow.internal_ip_range (workspace_id)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.domain_configuration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        domain text NOT NULL,
        is_primary boolean NOT NULL DEFAULT false,
        ssl_enabled boolean NOT NULL DEFAULT true,
        custom_css text,
        tracking_settings jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_domain_configuration_domain UNIQUE (domain)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_domain_configuration_primary ON trackflow.domain_configuration (workspace_id) WHERE is_primary`);

    await queryRunner.query(`
      CREATE TABLE trackflow.domain_header_configuration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        domain_configuration_id uuid NOT NULL REFERENCES trackflow.domain_configuration(id) ON DELETE CASCADE,
        header_name text NOT NULL,
        header_value text NOT NULL,
        CONSTRAINT uq_domain_header UNIQUE (domain_configuration_id, header_name)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.link_campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        name text NOT NULL,
        external_campaign_id text,
        campaign_type text NOT NULL DEFAULT 'OTHER',
        status text NOT NULL DEFAULT 'DRAFT',
        start_date date,
        end_date date,
        owner_user text,
        description text,
        source text,
        medium text,
        budget_micros bigint CHECK (budget_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD',
        expected_roi numeric(12, 4),
        total_clicks bigint NOT NULL DEFAULT 0,
        unique_visitors bigint NOT NULL DEFAULT 0,
        conversions integer NOT NULL DEFAULT 0,
        revenue_micros bigint NOT NULL DEFAULT 0,
        conversion_rate numeric(9, 4),
        cost_per_click_micros bigint,
        cost_per_acquisition_micros bigint,
        roi_percentage numeric(12, 4),
        last_click timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CONSTRAINT ck_link_campaign_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_link_campaign_name ON trackflow.link_campaign (workspace_id, lower(name)) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_link_campaign_external_id ON trackflow.link_campaign (workspace_id, external_campaign_id) WHERE external_campaign_id IS NOT NULL AND deleted_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.tracked_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        campaign_id uuid REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL,
        domain_id uuid REFERENCES trackflow.domain_configuration(id) ON DELETE RESTRICT,
        short_code text NOT NULL,
        destination_url text NOT NULL,
        fallback_url text,
        title text,
        status text NOT NULL DEFAULT 'ACTIVE',
        expiry_date timestamptz,
        source text,
        medium text,
        utm_campaign text,
        content text,
        term text,
        additional_parameters jsonb NOT NULL DEFAULT '{}',
        click_count bigint NOT NULL DEFAULT 0,
        unique_visitor_count bigint NOT NULL DEFAULT 0,
        conversion_count integer NOT NULL DEFAULT 0,
        created_by text,
        last_click timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    // The default domain is shared by every workspace, hence a global (domain, code) key that keeps deleted rows.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_tracked_link_domain_code ON trackflow.tracked_link (COALESCE(domain_id, '00000000-0000-0000-0000-000000000000'::uuid), short_code)`);
    await queryRunner.query(`CREATE INDEX idx_tracked_link_campaign ON trackflow.tracked_link (workspace_id, campaign_id)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.campaign_link_variant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        tracked_link_id uuid NOT NULL REFERENCES trackflow.tracked_link(id) ON DELETE CASCADE,
        variant_name text NOT NULL,
        destination_url text NOT NULL,
        weight integer NOT NULL DEFAULT 1 CHECK (weight >= 0),
        active boolean NOT NULL DEFAULT true,
        clicks bigint NOT NULL DEFAULT 0,
        conversions integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_campaign_link_variant_name UNIQUE (tracked_link_id, variant_name)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.link_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        template_name text NOT NULL,
        url_template text NOT NULL,
        description text,
        is_active boolean NOT NULL DEFAULT true,
        campaign_id uuid REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL,
        source text,
        medium text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_link_template_name UNIQUE (workspace_id, template_name)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.template_variable (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        link_template_id uuid NOT NULL REFERENCES trackflow.link_template(id) ON DELETE CASCADE,
        variable_name text NOT NULL,
        variable_type text NOT NULL DEFAULT 'TEXT',
        default_value text,
        description text,
        is_required boolean NOT NULL DEFAULT true,
        validation_rules jsonb,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT uq_template_variable_name UNIQUE (link_template_id, variable_name)
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.visitor (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        page_views integer NOT NULL DEFAULT 0,
        click_count integer NOT NULL DEFAULT 0,
        ip_address text,
        user_agent text,
        source text,
        medium text,
        campaign text,
        term text,
        content text,
        referrer text,
        last_source text,
        last_medium text,
        last_campaign text,
        last_term text,
        last_content text,
        first_utm jsonb,
        last_utm jsonb,
        device_type text,
        browser text,
        os text,
        timezone text,
        viewport_w integer,
        viewport_h integer,
        is_bot boolean NOT NULL DEFAULT false,
        is_internal boolean NOT NULL DEFAULT false,
        has_converted boolean NOT NULL DEFAULT false,
        conversion_count integer NOT NULL DEFAULT 0,
        last_conversion_date timestamptz,
        engagement_score numeric(12, 4) NOT NULL DEFAULT 0,
        last_activity timestamptz,
        person_id text,
        email_hash text,
        merged_into_visitor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, visitor_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_visitor_person ON trackflow.visitor (workspace_id, person_id) WHERE person_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_visitor_email_hash ON trackflow.visitor (workspace_id, email_hash) WHERE email_hash IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_visitor_bot ON trackflow.visitor (workspace_id, is_bot)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.visitor_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        session_start timestamptz NOT NULL,
        session_end timestamptz NOT NULL,
        page_views integer NOT NULL DEFAULT 0,
        click_count integer NOT NULL DEFAULT 0,
        entry_page text,
        exit_page text,
        duration_seconds integer NOT NULL DEFAULT 0,
        is_bounce boolean NOT NULL DEFAULT true,
        source text,
        medium text,
        campaign text,
        content text,
        term text,
        referrer text,
        utm_campaign_id text,
        utm_adset_id text,
        utm_ad_id text,
        utm_placement text,
        device_type text,
        browser text,
        os text,
        scroll_pct numeric(5, 2),
        is_bot boolean NOT NULL DEFAULT false,
        is_internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id) ON DELETE CASCADE ON UPDATE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX idx_visitor_session_visitor_start ON trackflow.visitor_session (workspace_id, visitor_id, session_start)`);
    await queryRunner.query(`CREATE INDEX idx_visitor_session_start ON trackflow.visitor_session (workspace_id, session_start)`);
    await queryRunner.query(`CREATE INDEX idx_visitor_session_ads ON trackflow.visitor_session (workspace_id, utm_campaign_id, utm_adset_id, utm_ad_id) WHERE utm_campaign_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.visitor_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        client_event_id text,
        visitor_id text NOT NULL,
        session_id uuid REFERENCES trackflow.visitor_session(id) ON DELETE SET NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        event_type text NOT NULL,
        event_name text,
        "timestamp" timestamptz NOT NULL,
        event_data jsonb,
        page_url text,
        path text,
        referrer text,
        selector text,
        scroll_pct numeric(5, 2),
        is_bot boolean NOT NULL DEFAULT false,
        is_internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id) ON DELETE CASCADE ON UPDATE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_visitor_event_client_id ON trackflow.visitor_event (workspace_id, client_event_id) WHERE client_event_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_visitor_event_visitor_timestamp ON trackflow.visitor_event (workspace_id, visitor_id, "timestamp")`);
    await queryRunner.query(`CREATE INDEX idx_visitor_event_session_type ON trackflow.visitor_event (workspace_id, session_id, event_type)`);
    await queryRunner.query(`CREATE INDEX idx_visitor_event_timestamp ON trackflow.visitor_event (workspace_id, "timestamp")`);

    await queryRunner.query(`
      CREATE TABLE trackflow.click_event (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        tracked_link_id uuid NOT NULL REFERENCES trackflow.tracked_link(id) ON DELETE CASCADE,
        variant_id uuid REFERENCES trackflow.campaign_link_variant(id) ON DELETE SET NULL,
        campaign_id uuid REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL,
        session_id uuid REFERENCES trackflow.visitor_session(id) ON DELETE SET NULL,
        short_code text NOT NULL,
        event_type text NOT NULL DEFAULT 'click',
        is_qr boolean NOT NULL DEFAULT false,
        ip_address text,
        user_agent text,
        referrer text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        utm_term text,
        utm_content text,
        click_timestamp timestamptz NOT NULL,
        page_url text,
        event_data jsonb,
        device_type text,
        browser text,
        os text,
        country text,
        is_bot boolean NOT NULL DEFAULT false,
        is_internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Deferred: the click worker inserts clicks first (ON CONFLICT DO NOTHING tells it which are new),
        -- then upserts only their visitors, all in one transaction.
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id)
          ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query(`CREATE INDEX idx_click_event_visitor_timestamp ON trackflow.click_event (workspace_id, visitor_id, click_timestamp)`);
    await queryRunner.query(`CREATE INDEX idx_click_event_tracked_link ON trackflow.click_event (tracked_link_id, click_timestamp)`);
    await queryRunner.query(`CREATE INDEX idx_click_event_link_visitor ON trackflow.click_event (tracked_link_id, visitor_id)`);
    await queryRunner.query(`CREATE INDEX idx_click_event_campaign ON trackflow.click_event (campaign_id, click_timestamp)`);
    await queryRunner.query(`CREATE INDEX idx_click_event_campaign_visitor ON trackflow.click_event (campaign_id, visitor_id)`);
    await queryRunner.query(`CREATE INDEX idx_click_event_workspace_time ON trackflow.click_event (workspace_id, click_timestamp)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'click_event', 'visitor_event', 'visitor_session', 'visitor', 'template_variable', 'link_template',
      'campaign_link_variant', 'tracked_link', 'link_campaign', 'domain_header_configuration',
      'domain_configuration', 'internal_ip_range', 'trackflow_settings', 'api_key', 'workspace',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS trackflow.${table}`);
    }
  }
}
