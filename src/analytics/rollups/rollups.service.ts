import { Injectable, Logger } from '@nestjs/common';
import { completeMonthsTouched, contiguousRanges, Grain, nextNewPeriods, periodStart, PeriodRange } from 'src/analytics/rollups/rollup-plan.util';
import { RollupsRepository } from 'src/analytics/rollups/rollups.repository';
import { AppConfig } from 'src/config/app-config';

// A period is closed a little after it ends, so clicks still in the queue land before it is rolled up.
const SETTLE_MS = 60_000;
// Rows are stamped created_at when their transaction starts, so one may commit after a run that started later: look back this far.
const COMMIT_LAG_MS = 10 * 60_000;
// A new state has no rows behind it yet: every conversion needs its credit.
const EVERYTHING = new Date(0);
const MAX_NEW_PERIODS: Record<Grain, number> = { hour: 24 * 31, day: 31 };

type RollupRunResult = { grain: Grain; zone: string; rebuilt: PeriodRange[]; rolledUpUntil: Date };

/**
 * Keeps the hourly (UTC), daily and monthly (per configured zone) rollups of every workspace
 * complete up to the last closed period, and the conversion credits fresh. Each run rebuilds the new closed
 * periods, a month at a time, and the older periods that rows written since the previous run
 * changed (late clicks and events, sessions they extended, visitors merged since).
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(
    private readonly repository: RollupsRepository,
    private readonly config: AppConfig,
  ) {}

  /** Every workspace; one failing workspace does not stop the others. */
  async runAll(): Promise<{ workspaces: number; failed: string[] }> {
    const failed: string[] = [];
    const workspaces = await this.repository.workspaceIds();
    for (const workspaceId of workspaces) {
      try {
        await this.runWorkspace(workspaceId);
      } catch (error) {
        failed.push(workspaceId);
        this.logger.error(`rollup of workspace ${workspaceId} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    return { workspaces: workspaces.length, failed };
  }

  async runWorkspace(workspaceId: string): Promise<RollupRunResult[]> {
    const results = [await this.run(workspaceId, 'hour', 'UTC')];
    for (const zone of this.config.analytics.timeZones) results.push(await this.run(workspaceId, 'day', zone));
    return results;
  }

  async run(workspaceId: string, grain: Grain, zone: string): Promise<RollupRunResult> {
    const now = await this.repository.now();
    const closedUntil = periodStart(grain, zone, now.getTime() - SETTLE_MS);
    const earliest = (await this.repository.state(workspaceId, grain, zone)) ? null : await this.repository.earliestActivity(workspaceId);
    const initial = { rolledUpUntil: new Date(earliest ? periodStart(grain, zone, earliest.getTime()) : closedUntil), scannedFrom: now };
    const rebuilt: PeriodRange[] = [];
    let first = true;
    for (;;) {
      const step = await this.repository.withLockedState(workspaceId, grain, zone, initial, async (state, writer) => {
        const ranges: PeriodRange[] = [];
        let scannedFrom = state.scannedFrom;
        if (first) {
          const since = state.created ? EVERYTHING : new Date(state.scannedFrom.getTime() - COMMIT_LAG_MS);
          if (!state.created) ranges.push(...contiguousRanges(grain, zone, await writer.stalePeriods(since, state.rolledUpUntil)));
          if (grain === 'hour') await writer.refreshCredits(since, state.rolledUpUntil);
          scannedFrom = now;
        }
        const fresh = nextNewPeriods(grain, zone, state.rolledUpUntil.getTime(), closedUntil, MAX_NEW_PERIODS[grain]);
        if (fresh) ranges.push(fresh);
        for (const range of ranges) await writer.rebuild(range);
        const rolledUpUntil = new Date(fresh ? fresh.endMs : state.rolledUpUntil.getTime());
        if (grain === 'day') for (const months of completeMonthsTouched(zone, ranges, rolledUpUntil.getTime())) await writer.rebuildMonths(months);
        await writer.saveState({ rolledUpUntil, scannedFrom });
        return { ranges, rolledUpUntil, done: !fresh || fresh.endMs >= closedUntil };
      });
      first = false;
      rebuilt.push(...step.ranges);
      if (step.done) return { grain, zone, rebuilt, rolledUpUntil: step.rolledUpUntil };
    }
  }
}
