import fc from 'fast-check';
import { ModelWeighting } from 'src/attribution/engine/attribution-model.config';
import { compensatedSum } from 'src/attribution/engine/money/normalise-weights.util';
import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';
import { FULL_PATH_SHARES, W_SHAPED_SHARES } from 'src/attribution/engine/models/milestone.model';
import { modelWeights } from 'src/attribution/engine/models/model-weights.util';

const touch = (channel: string, ageDays: number, ruleWeight: number | null = null): JourneyTouch => ({ channel, ageDays, ruleWeight });
/** Touches 28, 14, 7 and 0 days before the conversion. */
const journey = [touch('Paid Search', 28, 3), touch('Email', 14, 1), touch('Referral', 7), touch('Direct', 0)];

describe('modelWeights', () => {
  it('FIRST_TOUCH credits the oldest touch', () => {
    expect(modelWeights({ type: 'FIRST_TOUCH' }, journey)).toEqual({ weights: [1, 0, 0, 0], fallback: null });
  });

  it('LAST_TOUCH credits the newest touch, or the newest non-direct one with ignoreDirect', () => {
    expect(modelWeights({ type: 'LAST_TOUCH', ignoreDirect: false }, journey).weights).toEqual([0, 0, 0, 1]);
    expect(modelWeights({ type: 'LAST_TOUCH', ignoreDirect: true }, journey).weights).toEqual([0, 0, 1, 0]);
  });

  it('LAST_TOUCH with ignoreDirect falls back to the last touch when every touch is direct', () => {
    expect(modelWeights({ type: 'LAST_TOUCH', ignoreDirect: true }, [touch('Direct', 2), touch('Direct', 1)]).weights).toEqual([0, 1]);
  });

  it('LINEAR gives 1/n each', () => {
    expect(modelWeights({ type: 'LINEAR' }, journey).weights).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('TIME_DECAY weighs 2^(-Δt/H): ages 28, 14, 7, 0 with H = 7 give 1:4:8:16 out of 29', () => {
    const { weights } = modelWeights({ type: 'TIME_DECAY', halfLifeDays: 7 }, journey);
    [1 / 29, 4 / 29, 8 / 29, 16 / 29].forEach((expected, i) => expect(weights[i]).toBeCloseTo(expected, 15));
  });

  it('TIME_DECAY stays finite for very old journeys and tiny half-lives', () => {
    // 0.01 days apart with H = 0.01: weights 1/2 and 1, although 2^(-90/0.01) underflows to 0.
    const { weights } = modelWeights({ type: 'TIME_DECAY', halfLifeDays: 0.01 }, [touch('a', 90), touch('b', 89.99)]);
    expect(weights).toEqual([expect.closeTo(1 / 3, 10), expect.closeTo(2 / 3, 10)]);
  });

  it('TIME_DECAY is linear when all touches share the same time', () => {
    expect(modelWeights({ type: 'TIME_DECAY', halfLifeDays: 7 }, [touch('a', 3), touch('b', 3), touch('c', 3)]).weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('POSITION_BASED gives 0.4 / 0.1 / 0.1 / 0.4 by default', () => {
    const { weights } = modelWeights({ type: 'POSITION_BASED', firstWeight: 0.4, lastWeight: 0.4 }, journey);
    [0.4, 0.1, 0.1, 0.4].forEach((expected, i) => expect(weights[i]).toBeCloseTo(expected, 15));
  });

  it('CUSTOM weighs touches by their rule weight, 0 without a rule', () => {
    expect(modelWeights({ type: 'CUSTOM' }, journey)).toEqual({ weights: [0.75, 0.25, 0, 0], fallback: null });
  });

  it('CUSTOM falls back to linear, and says so, when every weight is 0', () => {
    expect(modelWeights({ type: 'CUSTOM' }, [touch('a', 1, 0), touch('b', 0)])).toEqual({ weights: [0.5, 0.5], fallback: 'ALL_RULE_WEIGHTS_ZERO' });
  });

  it('MARKOV/SHAPLEY share a channel’s credit equally among its touches', () => {
    const channelCredit = new Map([
      ['Paid Search', 7],
      ['Email', 3],
    ]);
    const touches = [touch('Paid Search', 3), touch('Email', 2), touch('Email', 1), touch('Direct', 0)];
    expect(modelWeights({ type: 'SHAPLEY', channelCredit }, touches)).toEqual({ weights: [0.7, 0.15, 0.15, 0], fallback: null });
  });

  it('MARKOV/SHAPLEY fall back to linear when no channel of the journey earned credit', () => {
    const weighting: ModelWeighting = { type: 'MARKOV', channelCredit: new Map([['Email', 0]]) };
    expect(modelWeights(weighting, [touch('Email', 1), touch('Direct', 0)])).toEqual({ weights: [0.5, 0.5], fallback: 'NO_FITTED_CREDIT' });
  });

  it('milestone models credit the touches at or before the milestones they are given', () => {
    // Lead 20 days before → Paid Search (28), the last touch at or before it; opportunity 7 → Referral.
    // W-shaped: 30 each to those and the first touch (Paid Search again, so 60), 10 spread over Email and Direct.
    const { weights } = modelWeights({ type: 'W_SHAPED', shares: W_SHAPED_SHARES }, journey, { leadCreated: 20, opportunityCreated: 7, closedWon: null });
    [0.6, 0.05, 0.3, 0.05].forEach((expected, i) => expect(weights[i]).toBeCloseTo(expected, 15));
  });

  it('milestone models without milestones credit the first touch with every milestone that has no touch', () => {
    // Full path with only the first touch: it takes 90, the 10 spread goes to the other three.
    const { weights, fallback } = modelWeights({ type: 'FULL_PATH', shares: FULL_PATH_SHARES }, journey);
    expect(fallback).toBeNull();
    [0.9, 0.1 / 3, 0.1 / 3, 0.1 / 3].forEach((expected, i) => expect(weights[i]).toBeCloseTo(expected, 15));
  });

  const weightings: fc.Arbitrary<ModelWeighting> = fc.oneof(
    fc.constant<ModelWeighting>({ type: 'FIRST_TOUCH' }),
    fc.boolean().map<ModelWeighting>((ignoreDirect) => ({ type: 'LAST_TOUCH', ignoreDirect })),
    fc.constant<ModelWeighting>({ type: 'LINEAR' }),
    fc.constant<ModelWeighting>({ type: 'CUSTOM' }),
    fc.double({ min: 0.01, max: 365, noNaN: true }).map<ModelWeighting>((halfLifeDays) => ({ type: 'TIME_DECAY', halfLifeDays })),
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map<ModelWeighting>(([a, b]) => ({ type: 'POSITION_BASED', firstWeight: a, lastWeight: b * (1 - a) })),
    fc.dictionary(fc.constantFrom('a', 'b', 'Direct'), fc.nat(10)).map<ModelWeighting>((credit) => ({ type: 'MARKOV', channelCredit: new Map(Object.entries(credit)) })),
    fc.constantFrom<ModelWeighting>({ type: 'W_SHAPED', shares: W_SHAPED_SHARES }, { type: 'FULL_PATH', shares: FULL_PATH_SHARES }),
  );
  const touches = fc.array(
    fc.record({ channel: fc.constantFrom('a', 'b', 'Direct'), ageDays: fc.double({ min: 0, max: 60, noNaN: true }), ruleWeight: fc.option(fc.nat(5)) }),
    { minLength: 1, maxLength: 30 },
  );

  const milestoneAge = fc.option(fc.double({ min: 0, max: 60, noNaN: true }), { nil: null });
  const milestones = fc.record({ leadCreated: milestoneAge, opportunityCreated: milestoneAge, closedWon: milestoneAge });

  it('always returns non-negative weights summing to 1 within 1e-12', () => {
    fc.assert(
      fc.property(weightings, touches, milestones, (weighting, journeyTouches, milestoneAges) => {
        const { weights } = modelWeights(weighting, journeyTouches.sort((a, b) => b.ageDays - a.ageDays), milestoneAges);
        expect(weights).toHaveLength(journeyTouches.length);
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(Math.abs(compensatedSum(weights) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});
