import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollups gained sources (every click of a workspace on the site scope, the site's entry pages
 * and countries). Days already rolled up hold none of their rows, so the rollup state is dropped:
 * reads go to raw rows until the next rollup run, which rebuilds every period from the first activity.
 */
export class RollupsWithOverviewFigures1764844800000 implements MigrationInterface {
  name = 'RollupsWithOverviewFigures1764844800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM trackflow.rollup_state`);
  }

  /** Rollups without the new rows are still correct for the older sources: nothing to undo. */
  async down(): Promise<void> {}
}
