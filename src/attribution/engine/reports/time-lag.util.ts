import { compareText } from 'src/attribution/engine/compare-text.util';
import { daysBetween, Distribution, summariseDistribution } from 'src/attribution/engine/reports/distribution.util';

export const TIME_LAG_STAGES = ['FIRST_TOUCH_TO_LEAD', 'LEAD_TO_OPPORTUNITY', 'OPPORTUNITY_TO_WON'] as const;
export type TimeLagStage = (typeof TIME_LAG_STAGES)[number];

/** The group of a journey without any touch: sales-sourced deals still have a lead-to-won lag. */
export const NO_TOUCH = '(no touch)';

/** A lead's or a deal's journey with the CRM milestones it reached (ms), for the stages it reports. */
export interface MilestoneJourney {
  /** Touches oldest first, each with its group (channel, source or campaign). */
  touches: readonly { atMs: number; key: string }[];
  leadMs: number | null;
  opportunityMs: number | null;
  wonMs: number | null;
  /** A lead reports its first stage and a deal the two after it, so no stage is counted twice. */
  stages: readonly TimeLagStage[];
}

interface LagFigures {
  journeys: number;
  days: Distribution;
  /** Touches within the stage: from the first touch to the lead both included; after the start milestone up to the end one otherwise. */
  touches: Distribution;
}

interface TimeLagStageSummary {
  stage: TimeLagStage;
  overall: LagFigures;
  /** By the group of the journey's first touch, most journeys first. */
  groups: (LagFigures & { key: string })[];
  /** Journeys whose end milestone came before their start one (a person made a lead after their deal opened), left out. */
  outOfOrder: number;
}

type Samples = { days: number[]; touches: number[] };

function stageBounds(journey: MilestoneJourney, stage: TimeLagStage): [number | null, number | null] {
  switch (stage) {
    case 'FIRST_TOUCH_TO_LEAD':
      return [journey.touches[0]?.atMs ?? null, journey.leadMs];
    case 'LEAD_TO_OPPORTUNITY':
      return [journey.leadMs, journey.opportunityMs];
    case 'OPPORTUNITY_TO_WON':
      return [journey.opportunityMs, journey.wonMs];
  }
}

function touchesWithin(journey: MilestoneJourney, stage: TimeLagStage, startMs: number, endMs: number): number {
  let count = 0;
  for (const touch of journey.touches) {
    if (touch.atMs > endMs) break;
    if (stage === 'FIRST_TOUCH_TO_LEAD' ? touch.atMs >= startMs : touch.atMs > startMs) count += 1;
  }
  return count;
}

const figures = ({ days, touches }: Samples): LagFigures => ({ journeys: days.length, days: summariseDistribution(days), touches: summariseDistribution(touches) });

/**
 * Days and touches between CRM milestones. A stage is counted in the period its end milestone
 * falls in ([fromMs, toMs)), for the journeys that report it and reached both of its milestones,
 * and grouped by the journey's first touch.
 */
export function summariseTimeLag(journeys: readonly MilestoneJourney[], fromMs: number, toMs: number): TimeLagStageSummary[] {
  return TIME_LAG_STAGES.map((stage) => {
    const overall: Samples = { days: [], touches: [] };
    const groups = new Map<string, Samples>();
    let outOfOrder = 0;
    for (const journey of journeys) {
      if (!journey.stages.includes(stage)) continue;
      const [startMs, endMs] = stageBounds(journey, stage);
      if (startMs === null || endMs === null || endMs < fromMs || endMs >= toMs) continue;
      if (endMs < startMs) {
        outOfOrder += 1;
        continue;
      }
      const days = daysBetween(startMs, endMs);
      const touches = touchesWithin(journey, stage, startMs, endMs);
      const key = journey.touches[0]?.key ?? NO_TOUCH;
      let group = groups.get(key);
      if (!group) {
        group = { days: [], touches: [] };
        groups.set(key, group);
      }
      for (const samples of [overall, group]) {
        samples.days.push(days);
        samples.touches.push(touches);
      }
    }
    return {
      stage,
      overall: figures(overall),
      groups: [...groups.entries()].map(([key, samples]) => ({ key, ...figures(samples) })).sort((a, b) => b.journeys - a.journeys || compareText(a.key, b.key)),
      outOfOrder,
    };
  });
}
