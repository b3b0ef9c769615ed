import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';

/** The points of a deal's journey the milestone models credit, in the order a deal meets them. */
export const MILESTONES = ['firstTouch', 'leadCreated', 'opportunityCreated', 'closedWon'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** A milestone model's shares as fractions: one per milestone and `spread` for the other touches; they sum to 1. */
export type MilestoneShares = Readonly<Record<Milestone | 'spread', number>>;

/**
 * Days from each CRM milestone to the conversion (>= 0); null when the conversion has no such
 * milestone at or before it (never reached, unknown, or only reached after this conversion).
 * The first touch needs no time: it is the journey's oldest touch.
 */
export type MilestoneAges = Readonly<Record<Exclude<Milestone, 'firstTouch'>, number | null>>;

export const NO_MILESTONES: MilestoneAges = { leadCreated: null, opportunityCreated: null, closedWon: null };

/** HubSpot's W-shaped and full-path shares (knowledge.hubspot.com/reports/understand-attribution-reporting). */
export const W_SHAPED_SHARES: MilestoneShares = { firstTouch: 0.3, leadCreated: 0.3, opportunityCreated: 0.3, closedWon: 0, spread: 0.1 };
export const FULL_PATH_SHARES: MilestoneShares = { firstTouch: 0.225, leadCreated: 0.225, opportunityCreated: 0.225, closedWon: 0.225, spread: 0.1 };

/**
 * The touch credited for a milestone: the last touch at or before it. Touches come oldest first,
 * so their ages fall and those at or before the milestone (age >= the milestone's) are a prefix.
 */
function creditedTouch(touches: readonly JourneyTouch[], milestoneAge: number | null): number | null {
  if (milestoneAge === null) return null;
  let low = 0;
  let high = touches.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (touches[middle].ageDays >= milestoneAge) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : low - 1;
}

/**
 * U_SHAPED, W_SHAPED, FULL_PATH and CUSTOM_MILESTONE: each milestone's share goes to the last
 * touch at or before it (the first touch's to the oldest touch), and `spread` is shared equally
 * by the touches no milestone credited. A milestone the model weighs 0 is not one of its
 * milestones: its touch is an ordinary touch. HubSpot publishes the shares, not what happens when
 * milestones collide or are missing, so the rules are ours:
 * - two milestones on one touch (the first touch also created the lead): that touch takes both shares;
 * - a milestone without a touch (not reached by this conversion, its time unknown, or no touch at
 *   or before it in the window): its share goes to the milestones that have one, in proportion to
 *   their shares, so W-shaped on a lead with no opportunity is 45/45 and 10 spread;
 * - no touch left for `spread` (every touch is a milestone's): it goes to the milestones likewise,
 *   so U-shaped over two touches is 50/50 and over one touch 100;
 * - no milestone with a touch at all (a custom model weighing the first touch 0): every touch
 *   takes an equal share.
 * The result sums to 1 (before rounding) whenever the shares do.
 */
export function milestoneWeights(touches: readonly JourneyTouch[], ages: MilestoneAges, shares: MilestoneShares): number[] {
  const weights = new Array<number>(touches.length).fill(0);
  const credited: { index: number; share: number }[] = [];
  let modelled = 0;
  let landed = 0;
  for (const milestone of MILESTONES) {
    const share = shares[milestone];
    if (!(share > 0)) continue;
    modelled += share;
    const index = milestone === 'firstTouch' ? 0 : creditedTouch(touches, ages[milestone]);
    if (index === null) continue;
    landed += share;
    credited.push({ index, share });
  }
  if (landed === 0) return weights.fill(1 / touches.length);
  const isMilestoneTouch = new Uint8Array(touches.length);
  for (const { index } of credited) isMilestoneTouch[index] = 1;
  const spreadTouches = touches.length - isMilestoneTouch.reduce((sum, flag) => sum + flag, 0);
  const toMilestones = spreadTouches > 0 ? modelled : modelled + shares.spread;
  for (const { index, share } of credited) weights[index] += (share * toMilestones) / landed;
  if (spreadTouches > 0) {
    const each = shares.spread / spreadTouches;
    for (let index = 0; index < weights.length; index += 1) if (isMilestoneTouch[index] === 0) weights[index] = each;
  }
  return weights;
}
