import { ValidationFailure } from 'src/common/errors/validation-failure';
import { resolveAttributionModel } from 'src/attribution/engine/attribution-model.config';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';

describe('resolveAttributionModel', () => {
  it('fills in the documented defaults', () => {
    expect(resolveAttributionModel({ type: 'LINEAR' })).toEqual({ lookbackWindowDays: 30, weighting: { type: 'LINEAR' } });
    expect(resolveAttributionModel({ type: 'LAST_TOUCH' }).weighting).toEqual({ type: 'LAST_TOUCH', ignoreDirect: false });
    expect(resolveAttributionModel({ type: 'TIME_DECAY' }).weighting).toEqual({ type: 'TIME_DECAY', halfLifeDays: 7 });
    expect(resolveAttributionModel({ type: 'POSITION_BASED' }).weighting).toEqual({ type: 'POSITION_BASED', firstWeight: 0.4, lastWeight: 0.4 });
  });

  it('keeps explicit parameters', () => {
    expect(resolveAttributionModel({ type: 'TIME_DECAY', timeDecayHalfLifeDays: 3, lookbackWindowDays: 90 })).toEqual({
      lookbackWindowDays: 90,
      weighting: { type: 'TIME_DECAY', halfLifeDays: 3 },
    });
  });

  it('accepts position weights at the bounds, f + l = 1 included', () => {
    expect(resolveAttributionModel({ type: 'POSITION_BASED', positionBasedFirstWeight: 0.7, positionBasedLastWeight: 0.3 }).weighting).toEqual({
      type: 'POSITION_BASED',
      firstWeight: 0.7,
      lastWeight: 0.3,
    });
    expect(() => resolveAttributionModel({ type: 'POSITION_BASED', positionBasedFirstWeight: 0, positionBasedLastWeight: 1 })).not.toThrow();
  });

  it.each([
    [{ type: 'POSITION_BASED' as const, positionBasedFirstWeight: 1.2 }, 'positionBasedFirstWeight', 'must be between 0 and 1, got 1.2'],
    [{ type: 'POSITION_BASED' as const, positionBasedLastWeight: -0.1 }, 'positionBasedLastWeight', 'must be between 0 and 1, got -0.1'],
    [
      { type: 'POSITION_BASED' as const, positionBasedFirstWeight: 0.7, positionBasedLastWeight: 0.4 },
      'positionBasedLastWeight',
      'positionBasedFirstWeight + positionBasedLastWeight must be at most 1, got 0.7 + 0.4',
    ],
    [{ type: 'TIME_DECAY' as const, timeDecayHalfLifeDays: 0 }, 'timeDecayHalfLifeDays', 'must be a finite number > 0, got 0'],
    [{ type: 'LINEAR' as const, lookbackWindowDays: -1 }, 'lookbackWindowDays', 'must be a finite number > 0, got -1'],
    [{ type: 'LINEAR' as const, lookbackWindowDays: Number.NaN }, 'lookbackWindowDays', 'must be a finite number > 0, got NaN'],
  ])('rejects %j naming the parameter', (config, field, rule) => {
    expect(() => resolveAttributionModel(config)).toThrow(new ValidationFailure(field, rule));
  });

  it('takes the credit of a data-driven fit and refuses a fit of the other kind', () => {
    const fitted = fitShapley([{ path: ['a'], conversions: 2, value: 0, nulls: 0 }]);
    expect(resolveAttributionModel({ type: 'SHAPLEY', fitted }).weighting).toEqual({ type: 'SHAPLEY', channelCredit: new Map([['a', 2]]) });
    expect(() => resolveAttributionModel({ type: 'MARKOV', fitted: fitted as never })).toThrow('fitted: must be a MARKOV fit, got SHAPLEY');
  });

  it('gives the milestone models their shares: U-shaped from the position weights, W-shaped and full path HubSpot’s', () => {
    expect(resolveAttributionModel({ type: 'U_SHAPED' }).weighting).toEqual({
      type: 'U_SHAPED',
      shares: { firstTouch: 0.4, leadCreated: 0.4, opportunityCreated: 0, closedWon: 0, spread: expect.closeTo(0.2, 15) },
    });
    // 0.7 + 0.3 leaves nothing, not 5.6e-17, to spread.
    expect(resolveAttributionModel({ type: 'U_SHAPED', positionBasedFirstWeight: 0.7, positionBasedLastWeight: 0.3 }).weighting).toEqual({
      type: 'U_SHAPED',
      shares: { firstTouch: 0.7, leadCreated: 0.3, opportunityCreated: 0, closedWon: 0, spread: 0 },
    });
    expect(resolveAttributionModel({ type: 'W_SHAPED' }).weighting).toEqual({ type: 'W_SHAPED', shares: { firstTouch: 0.3, leadCreated: 0.3, opportunityCreated: 0.3, closedWon: 0, spread: 0.1 } });
    expect(resolveAttributionModel({ type: 'FULL_PATH' }).weighting).toEqual({ type: 'FULL_PATH', shares: { firstTouch: 0.225, leadCreated: 0.225, opportunityCreated: 0.225, closedWon: 0.225, spread: 0.1 } });
  });

  it('reads a custom milestone model’s percentages as shares', () => {
    const milestoneWeights = { firstTouch: 33.3, leadCreated: 33.3, opportunityCreated: 33.4, closedWon: 0, spread: 0 };
    expect(resolveAttributionModel({ type: 'CUSTOM_MILESTONE', milestoneWeights }).weighting).toEqual({
      type: 'CUSTOM_MILESTONE',
      shares: { firstTouch: expect.closeTo(0.333, 15), leadCreated: expect.closeTo(0.333, 15), opportunityCreated: expect.closeTo(0.334, 15), closedWon: 0, spread: 0 },
    });
  });

  it.each([
    [null, 'milestoneWeights', 'are required for CUSTOM_MILESTONE: firstTouch, leadCreated, opportunityCreated, closedWon, spread in percent, summing to 100'],
    [{ firstTouch: -10, leadCreated: 60, opportunityCreated: 30, closedWon: 10, spread: 10 }, 'milestoneWeights.firstTouch', 'must be a finite number >= 0 (percent), got -10'],
    [{ firstTouch: 40, leadCreated: 40, opportunityCreated: Number.NaN, closedWon: 0, spread: 20 }, 'milestoneWeights.opportunityCreated', 'must be a finite number >= 0 (percent), got NaN'],
    [
      { firstTouch: 40, leadCreated: 40, opportunityCreated: 10, closedWon: 0, spread: 20 },
      'milestoneWeights',
      'firstTouch + leadCreated + opportunityCreated + closedWon + spread must be 100, got 40 + 40 + 10 + 0 + 20 = 110',
    ],
  ])('refuses custom milestone weights %j naming the weight', (milestoneWeights, field, rule) => {
    expect(() => resolveAttributionModel({ type: 'CUSTOM_MILESTONE', milestoneWeights })).toThrow(new ValidationFailure(field, rule));
  });
});
