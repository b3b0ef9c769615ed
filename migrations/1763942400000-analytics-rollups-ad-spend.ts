import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPES = `scope text NOT NULL CHECK (scope IN ('site', 'campaign', 'link'))`;
// One counter set for every rollup table; a metric a scope does not have stays 0.
const COUNTERS = `
        clicks integer NOT NULL DEFAULT 0,
        sessions integer NOT NULL DEFAULT 0,
        bounces integer NOT NULL DEFAULT 0,
        page_views integer NOT NULL DEFAULT 0,
        form_starts integer NOT NULL DEFAULT 0,
        form_submits integer NOT NULL DEFAULT 0,
        ctas integer NOT NULL DEFAULT 0,
        exits integer NOT NULL DEFAULT 0,
        session_seconds bigint NOT NULL DEFAULT 0`;

/**
 * Rollups of the click and tracking tables, and the ad spend of seed 003.
 *
 * A rollup row holds the human, external figures of one period for one scope: the site (scope_id
 * is the workspace), a campaign or a link, in total (dimension '') or for one value of a breakdown
 * (device, browser, path, ...). Rollup rows are derived: the rollup job deletes and rebuilds whole
 * periods, so none of them is ever edited in place and a period rebuilt twice holds the same rows.
 *
 * Unique visitors do not add up across periods, so daily_rollup_visitors keeps, for each day, how
 * many visitors were active and when each of them was last active before in the same scope and
 * value (previous_day, '-infinity' for never). The visitors of days d1..d2 are then exactly the
 * rows of those days whose previous_day is before d1: one range sum, whatever the length.
 *
 * Months hold the same figures for whole months of days, so long ranges read a row per month: their
 * visitors rows keep each visitor's first active day of the month with the day before it, which the
 * same range sum needs (months and days of one range add up exactly).
 *
 * Days and months are local to a time zone (rollup_state lists the zones kept); hours are UTC hours.
 *
 * conversion_credit is each conversion with the click it is credited to (the last human click of
 * the converting person within the attribution window), kept by the same job so reports need not
 * look the click up again for every conversion.
 *
 * BRIN indexes on created_at find the rows written since the last rollup cheaply (rows arrive in
 * roughly created_at order) without slowing the click and event inserts the way a B-tree would.
 */
export class AnalyticsRollupsAdSpend1763942400000 implements MigrationInterface {
  name = 'AnalyticsRollupsAdSpend1763942400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.rollup_state (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        grain text NOT NULL CHECK (grain IN ('hour', 'day')),
        time_zone text NOT NULL,
        -- Every period that ends at or before this instant is in the rollup tables; later ones are read raw.
        rolled_up_until timestamptz NOT NULL,
        -- Rows created at or after this instant have not been checked for late arrival yet.
        scanned_from timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, grain, time_zone),
        CONSTRAINT ck_rollup_state_hour_utc CHECK (grain = 'day' OR time_zone = 'UTC')
      )`);

    await queryRunner.query(`
      CREATE TABLE trackflow.hourly_rollup (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        hour timestamptz NOT NULL CHECK (date_trunc('hour', hour) = hour),
        ${SCOPES},
        scope_id uuid NOT NULL,
        visitors integer NOT NULL DEFAULT 0,${COUNTERS},
        PRIMARY KEY (workspace_id, scope, scope_id, hour)
      )`);

    for (const [grain, period, periodCheck] of [
      ['daily', 'day', ''],
      ['monthly', 'month', ' CHECK (extract(day FROM month) = 1)'],
    ]) {
      const key = `workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        time_zone text NOT NULL,
        ${period} date NOT NULL${periodCheck},
        ${SCOPES},
        scope_id uuid NOT NULL,
        dimension text NOT NULL DEFAULT '',
        value text NOT NULL DEFAULT ''`;
      await queryRunner.query(`
        CREATE TABLE trackflow.${grain}_rollup (
          ${key},${COUNTERS},
          PRIMARY KEY (workspace_id, time_zone, scope, scope_id, dimension, value, ${period})
        )`);
      await queryRunner.query(`
        CREATE TABLE trackflow.${grain}_rollup_visitors (
          ${key},
          previous_day date NOT NULL DEFAULT '-infinity',
          visitors integer NOT NULL CHECK (visitors > 0),
          PRIMARY KEY (workspace_id, time_zone, scope, scope_id, dimension, value, ${period}, previous_day),
          CONSTRAINT ck_${grain}_rollup_visitors_previous CHECK (previous_day < ${period})
        )`);
    }

    await queryRunner.query(`
      CREATE TABLE trackflow.conversion_credit (
        conversion_id uuid PRIMARY KEY REFERENCES trackflow.conversion(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        conversion_type text NOT NULL,
        converted_at timestamptz NOT NULL,
        value_micros bigint NOT NULL CHECK (value_micros >= 0),
        currency_code text NOT NULL,
        -- NULL when no human click of the person falls within the attribution window.
        click_event_id uuid,
        tracked_link_id uuid,
        campaign_id uuid,
        variant_id uuid,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_conversion_credit_campaign ON trackflow.conversion_credit (workspace_id, campaign_id, converted_at) WHERE campaign_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_conversion_credit_link ON trackflow.conversion_credit (workspace_id, tracked_link_id, converted_at) WHERE tracked_link_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE trackflow.ads_dim (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform ~ '^[a-z0-9_-]{1,40}$'),
        ad_id text NOT NULL,
        campaign_id text,
        campaign_name text,
        adset_id text,
        adset_name text,
        ad_name text,
        placement text,
        first_seen date NOT NULL,
        last_seen date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, platform, ad_id),
        CONSTRAINT ck_ads_dim_seen CHECK (last_seen >= first_seen)
      )`);
    await queryRunner.query(`CREATE INDEX idx_ads_dim_hierarchy ON trackflow.ads_dim (workspace_id, platform, campaign_id, adset_id)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.ad_spend_fact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform ~ '^[a-z0-9_-]{1,40}$'),
        date date NOT NULL,
        campaign_id text NOT NULL,
        -- NULL for spend reported at campaign (or adset) level only.
        adset_id text,
        ad_id text,
        impressions bigint NOT NULL DEFAULT 0 CHECK (impressions >= 0),
        clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
        spend_micros bigint NOT NULL DEFAULT 0 CHECK (spend_micros >= 0),
        currency_code text NOT NULL CHECK (currency_code ~ '^[A-Z]{3}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_ad_spend_fact UNIQUE NULLS NOT DISTINCT (workspace_id, platform, date, campaign_id, adset_id, ad_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_ad_spend_fact_date_platform ON trackflow.ad_spend_fact (workspace_id, date, platform)`);
    await queryRunner.query(`CREATE INDEX idx_ad_spend_fact_hierarchy ON trackflow.ad_spend_fact (workspace_id, campaign_id, adset_id, ad_id, date)`);

    await queryRunner.query(`CREATE INDEX idx_click_event_created_brin ON trackflow.click_event USING brin (created_at)`);
    await queryRunner.query(`CREATE INDEX idx_visitor_event_created_brin ON trackflow.visitor_event USING brin (created_at)`);
    await queryRunner.query(`CREATE INDEX idx_conversion_updated ON trackflow.conversion (workspace_id, updated_at)`);
    // Retention deletes old sessions; each deleted session nulls its events' session_id, a scan per session without this.
    await queryRunner.query(`CREATE INDEX idx_visitor_event_session ON trackflow.visitor_event (session_id) WHERE session_id IS NOT NULL`);
    // Merging visitors moves rows without touching created_at: the rollup finds recent merges here.
    await queryRunner.query(`CREATE INDEX idx_visitor_merged_updated ON trackflow.visitor (workspace_id, updated_at) WHERE merged_into_visitor_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['idx_visitor_merged_updated', 'idx_visitor_event_session', 'idx_conversion_updated', 'idx_visitor_event_created_brin', 'idx_click_event_created_brin']) {
      await queryRunner.query(`DROP INDEX trackflow.${index}`);
    }
    for (const table of ['ad_spend_fact', 'ads_dim', 'conversion_credit', 'monthly_rollup_visitors', 'monthly_rollup', 'daily_rollup_visitors', 'daily_rollup', 'hourly_rollup', 'rollup_state']) {
      await queryRunner.query(`DROP TABLE trackflow.${table}`);
    }
  }
}
