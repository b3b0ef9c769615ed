import fc from 'fast-check';
import { compensatedSum } from 'src/attribution/engine/money/normalise-weights.util';
import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';
import { FULL_PATH_SHARES, MilestoneAges, MilestoneShares, milestoneWeights, NO_MILESTONES, W_SHAPED_SHARES } from 'src/attribution/engine/models/milestone.model';

const touchesAged = (...ages: number[]): JourneyTouch[] => ages.map((ageDays) => ({ channel: 'a', ageDays, ruleWeight: null }));
const U_SHAPED_SHARES: MilestoneShares = { firstTouch: 0.4, leadCreated: 0.4, opportunityCreated: 0, closedWon: 0, spread: 0.2 };

/**
 * The deal of every example: touches t0..t5 40, 30, 20, 10, 5 and 0 days before the conversion;
 * the lead created 25 days before (credited to t1, the last touch at or before it), the
 * opportunity 10 days before (t3, a touch at the very instant counts), won at the conversion (t5).
 */
const deal = touchesAged(40, 30, 20, 10, 5, 0);
const dealMilestones: MilestoneAges = { leadCreated: 25, opportunityCreated: 10, closedWon: 0 };

const expectWeights = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((weight, index) => expect(actual[index]).toBeCloseTo(weight, 15));
};

describe('milestoneWeights', () => {
  it('U-shaped: 40 to the first touch, 40 to the lead’s, 20 over the other four (5 each)', () => {
    expectWeights(milestoneWeights(deal, dealMilestones, U_SHAPED_SHARES), [0.4, 0.4, 0.05, 0.05, 0.05, 0.05]);
  });

  it('W-shaped: 30 each to t0, t1 and t3, 10 over t2, t4 and t5 (10/3 each)', () => {
    expectWeights(milestoneWeights(deal, dealMilestones, W_SHAPED_SHARES), [0.3, 0.3, 0.1 / 3, 0.3, 0.1 / 3, 0.1 / 3]);
  });

  it('full path: 22.5 each to t0, t1, t3 and t5, 10 over t2 and t4 (5 each)', () => {
    expectWeights(milestoneWeights(deal, dealMilestones, FULL_PATH_SHARES), [0.225, 0.225, 0.05, 0.225, 0.05, 0.225]);
  });

  it('custom 10/20/30/30 with 10 spread: t0 10, t1 20, t3 30, t5 30, t2 and t4 5 each', () => {
    const shares = { firstTouch: 0.1, leadCreated: 0.2, opportunityCreated: 0.3, closedWon: 0.3, spread: 0.1 };
    expectWeights(milestoneWeights(deal, dealMilestones, shares), [0.1, 0.2, 0.05, 0.3, 0.05, 0.3]);
  });

  it('gives a touch that is two milestones both shares: the first touch also created the lead', () => {
    // Lead 35 days before: the last touch at or before it is t0, which takes 40 + 40; the 20 goes to t1..t5, 4 each.
    expectWeights(milestoneWeights(deal, { ...dealMilestones, leadCreated: 35 }, U_SHAPED_SHARES), [0.8, 0.04, 0.04, 0.04, 0.04, 0.04]);
  });

  it('shares a missing milestone among the others in proportion: W-shaped on a lead without an opportunity', () => {
    // 30 + 30 landed of 90: each gets 30 × 90/60 = 45; the 10 spread stays spread over t2..t5, 2.5 each.
    expectWeights(milestoneWeights(deal, { ...dealMilestones, opportunityCreated: null, closedWon: null }, W_SHAPED_SHARES), [0.45, 0.45, 0.025, 0.025, 0.025, 0.025]);
  });

  it('treats an opportunity created before any touch in the window as a milestone without a touch', () => {
    // Opportunity 50 days before, older than t0: full path lands 22.5 × 3 = 67.5 of 90; each landed one gets 22.5 × 90/67.5 = 30.
    // t3 is no longer a milestone's, so the spread 10 goes to t2, t3 and t4 (10/3 each).
    expectWeights(milestoneWeights(deal, { ...dealMilestones, opportunityCreated: 50 }, FULL_PATH_SHARES), [0.3, 0.3, 0.1 / 3, 0.1 / 3, 0.1 / 3, 0.3]);
  });

  it('gives the spread to the milestones when every touch is one: U-shaped over two touches is 50/50', () => {
    // 40 + 40 landed and no other touch: each gets 40 × 100/80 = 50, as POSITION_BASED does with two touches.
    expectWeights(milestoneWeights(touchesAged(3, 1), { ...NO_MILESTONES, leadCreated: 1 }, U_SHAPED_SHARES), [0.5, 0.5]);
    expectWeights(milestoneWeights(touchesAged(0), NO_MILESTONES, W_SHAPED_SHARES), [1]);
  });

  it('shares equally when no milestone the model weighs has a touch', () => {
    const leadOnly = { firstTouch: 0, leadCreated: 0.5, opportunityCreated: 0, closedWon: 0, spread: 0.5 };
    expect(milestoneWeights(touchesAged(3, 2, 1, 0), NO_MILESTONES, leadOnly)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('leaves out milestones the model weighs 0: U-shaped gives the opportunity’s touch only its spread', () => {
    const weights = milestoneWeights(deal, dealMilestones, U_SHAPED_SHARES);
    expect(weights[3]).toBeCloseTo(weights[2], 15);
  });

  const shares: fc.Arbitrary<MilestoneShares> = fc
    .tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100))
    .filter((parts) => parts.some((part) => part > 0))
    .map((parts) => {
      const total = parts.reduce((sum, part) => sum + part, 0);
      const [firstTouch, leadCreated, opportunityCreated, closedWon, spread] = parts.map((part) => part / total);
      return { firstTouch, leadCreated, opportunityCreated, closedWon, spread };
    });
  const age = fc.option(fc.double({ min: 0, max: 90, noNaN: true }), { nil: null });
  const journeys = fc
    .array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: 1, maxLength: 40 })
    .map((ages) => touchesAged(...ages.sort((a, b) => b - a)));

  it('always gives non-negative weights summing to 1', () => {
    fc.assert(
      fc.property(journeys, shares, age, age, age, (touches, modelShares, leadCreated, opportunityCreated, closedWon) => {
        const weights = milestoneWeights(touches, { leadCreated, opportunityCreated, closedWon }, modelShares);
        expect(weights).toHaveLength(touches.length);
        expect(weights.every((weight) => weight >= 0)).toBe(true);
        expect(Math.abs(compensatedSum(weights) - 1)).toBeLessThan(1e-12);
      }),
    );
  });

  it('credits each landed milestone to the last touch at or before it', () => {
    fc.assert(
      fc.property(journeys, age, (touches, leadCreated) => {
        const leadOnly = { firstTouch: 0, leadCreated: 1, opportunityCreated: 0, closedWon: 0, spread: 0 };
        const weights = milestoneWeights(touches, { ...NO_MILESTONES, leadCreated }, leadOnly);
        const atOrBefore = leadCreated === null ? [] : touches.flatMap((touch, index) => (touch.ageDays >= leadCreated ? [index] : []));
        if (atOrBefore.length === 0) expect(weights.every((weight) => weight === 1 / touches.length)).toBe(true);
        else expect(weights.indexOf(1)).toBe(atOrBefore[atOrBefore.length - 1]);
      }),
    );
  });
});
