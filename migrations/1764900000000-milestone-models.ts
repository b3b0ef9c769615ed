import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY'`;
const AFTER = `${BEFORE}, 'U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'`;

/**
 * The milestone models (issue 18): four model types; a CUSTOM_MILESTONE model's shares in percent
 * (`{firstTouch, leadCreated, opportunityCreated, closedWon, spread}`, validated by the engine on
 * every write, since a sum to 100 is not a constraint PostgreSQL can state for a JSON value); and
 * when each opportunity was created in the CRM (Twenty's `createdAt`), the opportunity milestone.
 * Deals known before this migration have no creation time until their next delivery or
 * reconciliation brings one; until then the opportunity milestone counts as missing.
 */
export class MilestoneModels1764900000000 implements MigrationInterface {
  name = 'MilestoneModels1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.modelTypes(queryRunner, AFTER);
    await queryRunner.query(`
      ALTER TABLE trackflow.attribution_model
        ADD COLUMN milestone_weights jsonb CONSTRAINT ck_attribution_model_milestone_weights CHECK (jsonb_typeof(milestone_weights) = 'object'),
        ADD CONSTRAINT ck_attribution_model_custom_milestone CHECK (model_type <> 'CUSTOM_MILESTONE' OR milestone_weights IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal ADD COLUMN created_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal DROP COLUMN created_at`);
    await queryRunner.query(`ALTER TABLE trackflow.attribution_model DROP CONSTRAINT ck_attribution_model_custom_milestone, DROP COLUMN milestone_weights`);
    await this.modelTypes(queryRunner, BEFORE);
  }

  /** Same constraint names as the first schema's, so errors read the same. */
  private async modelTypes(queryRunner: QueryRunner, types: string): Promise<void> {
    for (const table of ['attribution_model', 'deal_attribution']) {
      await queryRunner.query(`ALTER TABLE trackflow.${table} DROP CONSTRAINT ${table}_model_type_check, ADD CONSTRAINT ${table}_model_type_check CHECK (model_type IN (${types}))`);
    }
  }
}
