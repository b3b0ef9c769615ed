import fc from 'fast-check';
import { attributeConversion } from 'src/attribution/engine/attribute-conversion.util';
import { AttributionModelConfig } from 'src/attribution/engine/attribution-model.config';
import { AttributionResult, ConversionMilestones, Touchpoint } from 'src/attribution/engine/attribution.types';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';

interface TestTouch extends Touchpoint {
  id: string;
}

const DAY = 86_400_000;
const conversionAt = new Date('2025-03-31T12:00:00Z');
const daysBefore = (days: number) => new Date(conversionAt.getTime() - days * DAY);
const conversion = (valueMicros: bigint) => ({ at: conversionAt, valueMicros, currencyCode: 'EUR' });

/** Paid Search 28 days before, Email 14, Referral 7, Direct at the conversion. */
const journey: TestTouch[] = [
  { id: 'ads', at: daysBefore(28), source: 'google', medium: 'cpc', campaign: 'spring' },
  { id: 'mail', at: daysBefore(14), source: 'newsletter', medium: 'email' },
  { id: 'hn', at: daysBefore(7), referrer: 'https://news.ycombinator.com/item?id=1' },
  { id: 'direct', at: conversionAt },
];

function run(model: AttributionModelConfig, touchpoints: readonly TestTouch[] = journey, valueMicros = 1_000_000n, channels?: ChannelClassifier) {
  return attributeConversion({ conversion: conversion(valueMicros), touchpoints, model, channels });
}

function summary(result: AttributionResult<TestTouch>) {
  return result.rows.map((row) => [row.touchpoint.id, row.attributedValueMicros]);
}

describe('attributeConversion', () => {
  it('describes every touch in the window: position, whole days to conversion, channel', () => {
    const result = run({ type: 'LINEAR' });
    expect(result.rows.map(({ position, daysToConversion, channel }) => ({ position, daysToConversion, channel }))).toEqual([
      { position: 'first', daysToConversion: 28, channel: 'Paid Search' },
      { position: 'middle', daysToConversion: 14, channel: 'Email' },
      { position: 'middle', daysToConversion: 7, channel: 'Referral' },
      { position: 'last', daysToConversion: 0, channel: 'Direct' },
    ]);
    expect(result.rows[0].touchpoint).toBe(journey[0]);
  });

  it('FIRST_TOUCH gives the whole deal to the oldest touch', () => {
    expect(summary(run({ type: 'FIRST_TOUCH' }))).toEqual([['ads', 1_000_000n], ['mail', 0n], ['hn', 0n], ['direct', 0n]]);
  });

  it('LAST_TOUCH gives it to the newest, or to the last non-direct touch with ignoreDirect', () => {
    expect(summary(run({ type: 'LAST_TOUCH' }))).toEqual([['ads', 0n], ['mail', 0n], ['hn', 0n], ['direct', 1_000_000n]]);
    expect(summary(run({ type: 'LAST_TOUCH', ignoreDirect: true }))).toEqual([['ads', 0n], ['mail', 0n], ['hn', 1_000_000n], ['direct', 0n]]);
  });

  it('LINEAR splits 1/4 each', () => {
    const result = run({ type: 'LINEAR' });
    expect(result.rows.map((row) => row.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(summary(result)).toEqual([['ads', 250_000n], ['mail', 250_000n], ['hn', 250_000n], ['direct', 250_000n]]);
  });

  it('TIME_DECAY with H = 7 days weighs ages 28, 14, 7, 0 as 1:4:8:16 of 29', () => {
    // 1e6·(1, 4, 8, 16)/29 = 34482.76, 137931.03, 275862.07, 551724.14; the leftover micro goes to the .76.
    expect(summary(run({ type: 'TIME_DECAY' }))).toEqual([['ads', 34_483n], ['mail', 137_931n], ['hn', 275_862n], ['direct', 551_724n]]);
  });

  it('TIME_DECAY follows the half-life parameter', () => {
    // H = 14: 2^-2, 2^-1, 2^-0.5, 1 → the newest touch is worth 2^0.5 times the 7-day-old one.
    const weights = run({ type: 'TIME_DECAY', timeDecayHalfLifeDays: 14 }).rows.map((row) => row.weight);
    expect(weights[3] / weights[2]).toBeCloseTo(Math.SQRT2, 12);
    expect(weights[1] / weights[0]).toBeCloseTo(2, 12);
  });

  it('POSITION_BASED gives 40 / 10 / 10 / 40 by default', () => {
    expect(summary(run({ type: 'POSITION_BASED' }))).toEqual([['ads', 400_000n], ['mail', 100_000n], ['hn', 100_000n], ['direct', 400_000n]]);
  });

  it('POSITION_BASED with two touches splits f/(f+l), l/(f+l)', () => {
    const two = [journey[0], journey[3]];
    expect(summary(run({ type: 'POSITION_BASED', positionBasedFirstWeight: 0.6, positionBasedLastWeight: 0.2 }, two))).toEqual([['ads', 750_000n], ['direct', 250_000n]]);
    expect(summary(run({ type: 'POSITION_BASED', positionBasedFirstWeight: 0, positionBasedLastWeight: 0 }, two))).toEqual([['ads', 500_000n], ['direct', 500_000n]]);
  });

  it('CUSTOM weighs touches by their matched rule, touches without a rule getting 0', () => {
    const channels = new ChannelClassifier([
      { name: 'Google Ads', channelName: 'Paid Search', priority: 1, weight: 3, conditions: [{ field: 'source', op: 'equals', value: 'Google' }] },
      { name: 'Newsletter', channelName: 'Email', priority: 2, weight: 1, conditions: [{ field: 'medium', op: 'equals', value: 'email' }] },
    ]);
    const result = run({ type: 'CUSTOM' }, journey, 1_000_000n, channels);
    expect(summary(result)).toEqual([['ads', 750_000n], ['mail', 250_000n], ['hn', 0n], ['direct', 0n]]);
    expect(result.fallback).toBeNull();
  });

  it('CUSTOM falls back to linear when every rule weighs 0, and says so', () => {
    const channels = new ChannelClassifier([{ name: 'Ads', channelName: 'Ads', priority: 1, weight: 0, conditions: [{ field: 'medium', op: 'equals', value: 'cpc' }] }]);
    const result = run({ type: 'CUSTOM' }, journey, 1_000_000n, channels);
    expect(result.fallback).toBe('ALL_RULE_WEIGHTS_ZERO');
    expect(summary(result)).toEqual([['ads', 250_000n], ['mail', 250_000n], ['hn', 250_000n], ['direct', 250_000n]]);
  });

  it('SHAPLEY applies fitted channel credit, shared among a channel’s touches', () => {
    // Fit: Paid Search 7, Email 3. Touches Paid Search, Email, Email, Direct → 7 : 1.5 : 1.5 : 0.
    const fitted = fitShapley([
      { path: ['Paid Search'], conversions: 4, value: 0, nulls: 0 },
      { path: ['Paid Search', 'Email'], conversions: 6, value: 0, nulls: 0 },
    ]);
    const touches = [journey[0], journey[1], { ...journey[1], id: 'mail2', at: daysBefore(3) }, journey[3]];
    const result = run({ type: 'SHAPLEY', fitted }, touches);
    expect(summary(result)).toEqual([['ads', 700_000n], ['mail', 150_000n], ['mail2', 150_000n], ['direct', 0n]]);
    expect(result.fallback).toBeNull();
  });

  it('a fitted model that credits none of the journey’s channels falls back to linear', () => {
    const fitted = fitShapley([{ path: ['Display'], conversions: 1, value: 0, nulls: 0 }]);
    const result = run({ type: 'SHAPLEY', fitted }, [journey[0], journey[3]]);
    expect(result.fallback).toBe('NO_FITTED_CREDIT');
    expect(summary(result)).toEqual([['ads', 500_000n], ['direct', 500_000n]]);
  });

  describe('milestone models', () => {
    /**
     * The deal: Paid Search 28 days before it was won, Email 14, Referral 7, Direct at the win.
     * Lead created 20 days before (credited to Paid Search, the last touch at or before it: the
     * first touch is the lead's too), opportunity 10 days before (Email), won at the conversion
     * (Direct). A 12,000,000-micro deal.
     */
    const milestones = { leadCreatedAt: daysBefore(20), opportunityCreatedAt: daysBefore(10), closedWonAt: conversionAt };
    const runDeal = (model: AttributionModelConfig, dealMilestones: ConversionMilestones | undefined = milestones) =>
      attributeConversion({ conversion: { ...conversion(12_000_000n), milestones: dealMilestones }, touchpoints: journey, model });

    it('U_SHAPED: first touch and lead on Paid Search (40 + 40), 20 spread over the other three', () => {
      // 12e6 × 0.8 = 9,600,000; 12e6 × 0.2 / 3 = 800,000 each.
      expect(summary(runDeal({ type: 'U_SHAPED' }))).toEqual([['ads', 9_600_000n], ['mail', 800_000n], ['hn', 800_000n], ['direct', 800_000n]]);
    });

    it('W_SHAPED: 60 to Paid Search, 30 to Email, 10 spread over Referral and Direct', () => {
      // 12e6 × 0.6 = 7,200,000; × 0.3 = 3,600,000; × 0.05 = 600,000 each.
      expect(summary(runDeal({ type: 'W_SHAPED' }))).toEqual([['ads', 7_200_000n], ['mail', 3_600_000n], ['hn', 600_000n], ['direct', 600_000n]]);
    });

    it('FULL_PATH: 45 to Paid Search, 22.5 to Email and Direct, 10 to Referral alone', () => {
      // 12e6 × 0.45 = 5,400,000; × 0.225 = 2,700,000; × 0.1 = 1,200,000.
      expect(summary(runDeal({ type: 'FULL_PATH' }))).toEqual([['ads', 5_400_000n], ['mail', 2_700_000n], ['hn', 1_200_000n], ['direct', 2_700_000n]]);
    });

    it('CUSTOM_MILESTONE with 10/20/30/25 and 15 spread', () => {
      // Paid Search 10 + 20 = 30 → 3,600,000; Email 30 → 3,600,000; Direct 25 → 3,000,000; Referral 15 → 1,800,000.
      const milestoneWeights = { firstTouch: 10, leadCreated: 20, opportunityCreated: 30, closedWon: 25, spread: 15 };
      expect(summary(runDeal({ type: 'CUSTOM_MILESTONE', milestoneWeights }))).toEqual([['ads', 3_600_000n], ['mail', 3_600_000n], ['hn', 1_800_000n], ['direct', 3_000_000n]]);
    });

    it('ignores milestones after the conversion: a lead credited under W_SHAPED before its opportunity existed', () => {
      // The lead converts 12 days before the win; the opportunity, 10 days before the win, comes 2 days after it.
      const lead = attributeConversion({
        conversion: { at: daysBefore(12), valueMicros: 9_000_000n, currencyCode: 'EUR', milestones: { leadCreatedAt: daysBefore(20), opportunityCreatedAt: daysBefore(10) } },
        touchpoints: journey,
        model: { type: 'W_SHAPED' },
      });
      // In the window: Paid Search (first and lead: 30 + 30) and Email (no milestone: the 10 spread). The
      // opportunity's 30 goes to the milestones that have a touch: 60 × 90/60 = 90 → 8,100,000; Email 900,000.
      expect(summary(lead)).toEqual([['ads', 8_100_000n], ['mail', 900_000n]]);
    });

    it('without milestones credits the first touch with every milestone share', () => {
      // FULL_PATH: 90 to Paid Search (10,800,000), 10 over three (400,000 each).
      expect(summary(runDeal({ type: 'FULL_PATH' }, {}))).toEqual([['ads', 10_800_000n], ['mail', 400_000n], ['hn', 400_000n], ['direct', 400_000n]]);
    });

    it('rejects a milestone that is not a date, naming it', () => {
      expect(() => runDeal({ type: 'W_SHAPED' }, { ...milestones, opportunityCreatedAt: new Date('nope') })).toThrow('conversion.milestones.opportunityCreatedAt: is not a valid date');
    });
  });

  it('one touch gets everything, as the only touch, under every rule-based model', () => {
    for (const type of ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED'] as const) {
      const result = run({ type }, [journey[1]]);
      expect(result.rows).toEqual([expect.objectContaining({ weight: 1, attributedValueMicros: 1_000_000n, position: 'only', channel: 'Email' })]);
    }
  });

  it('touches at the same time keep their input order and share equally under TIME_DECAY', () => {
    const same = journey.map((touch) => ({ ...touch, at: daysBefore(2) }));
    const decay = run({ type: 'TIME_DECAY' }, same);
    expect(decay.rows.map((row) => row.touchpoint.id)).toEqual(['ads', 'mail', 'hn', 'direct']);
    expect(decay.rows.map((row) => row.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(summary(run({ type: 'FIRST_TOUCH' }, same))[0]).toEqual(['ads', 1_000_000n]);
    expect(summary(run({ type: 'LAST_TOUCH' }, same))[3]).toEqual(['direct', 1_000_000n]);
  });

  it('ignores touches after the conversion and outside the lookback window', () => {
    const touches = [
      { id: 'old', at: daysBefore(31), source: 'google', medium: 'cpc' },
      { id: 'edge', at: daysBefore(30), source: 'bing', medium: 'cpc' },
      { id: 'later', at: new Date(conversionAt.getTime() + 60_000), source: 'facebook', medium: 'cpc' },
    ];
    const result = run({ type: 'LINEAR' }, touches);
    expect(summary(result)).toEqual([['edge', 1_000_000n]]);
    expect(result.excluded).toEqual({ beforeWindow: 1, afterConversion: 1 });
    expect(summary(run({ type: 'LINEAR', lookbackWindowDays: 45 }, touches))).toEqual([['old', 500_000n], ['edge', 500_000n]]);
  });

  it('reports a conversion without touches in the window as not marketing-influenced', () => {
    expect(run({ type: 'LINEAR' }, [])).toEqual({ marketingInfluenced: false, rows: [], fallback: null, excluded: { beforeWindow: 0, afterConversion: 0 } });
    const onlyLate = run({ type: 'POSITION_BASED' }, [{ id: 'late', at: new Date(conversionAt.getTime() + 1) }]);
    expect(onlyLate).toEqual({ marketingInfluenced: false, rows: [], fallback: null, excluded: { beforeWindow: 0, afterConversion: 1 } });
  });

  it('a zero-value deal still gets weights, and zero micros everywhere', () => {
    const result = run({ type: 'TIME_DECAY' }, journey, 0n);
    expect(result.rows.map((row) => row.attributedValueMicros)).toEqual([0n, 0n, 0n, 0n]);
    expect(result.rows.reduce((sum, row) => sum + row.weight, 0)).toBeCloseTo(1, 12);
  });

  it('a one-micro deal split three ways goes whole to the first tied touch', () => {
    expect(summary(run({ type: 'LINEAR' }, journey.slice(0, 3), 1n))).toEqual([['ads', 1n], ['mail', 0n], ['hn', 0n]]);
  });

  it('rejects a negative deal value and invalid parameters before looking at touches', () => {
    expect(() => run({ type: 'LINEAR' }, [], -1n)).toThrow('conversion.valueMicros: must not be negative, got -1');
    expect(() => run({ type: 'POSITION_BASED', positionBasedFirstWeight: 0.8, positionBasedLastWeight: 0.3 }, [])).toThrow(/^positionBasedLastWeight: /);
  });

  describe('properties', () => {
    const RULE_BASED = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED'] as const;
    const touchArb = fc.record({
      at: fc.integer({ min: -40 * DAY, max: DAY }).map((offset) => new Date(conversionAt.getTime() + offset)),
      source: fc.constantFrom(undefined, 'google', 'facebook', 'newsletter', 'partner'),
      medium: fc.constantFrom(undefined, 'cpc', 'email', 'organic', 'referral'),
    });
    const touchesArb = fc.array(touchArb, { maxLength: 25 }).map((touches) => touches.map((touch, i) => ({ ...touch, id: `t${i}` })));
    const modelArb = fc.oneof(
      fc.constantFrom(...RULE_BASED).map((type): AttributionModelConfig => ({ type })),
      fc.record({ timeDecayHalfLifeDays: fc.double({ min: 0.05, max: 60, noNaN: true }) }).map((p): AttributionModelConfig => ({ type: 'TIME_DECAY', ...p })),
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([f, l]): AttributionModelConfig => ({ type: 'POSITION_BASED', positionBasedFirstWeight: f, positionBasedLastWeight: l * (1 - f) })),
      fc.boolean().map((ignoreDirect): AttributionModelConfig => ({ type: 'LAST_TOUCH', ignoreDirect })),
    );
    const valueArb = fc.bigInt({ min: 0n, max: 10n ** 16n });

    it('weights sum to 1, are never negative, and values add up exactly to the deal', () => {
      fc.assert(
        fc.property(modelArb, touchesArb, valueArb, (model, touches, value) => {
          const result = run(model, touches, value);
          const inWindow = touches.filter((t) => t.at <= conversionAt && t.at.getTime() >= conversionAt.getTime() - 30 * DAY).length;
          expect(result.rows).toHaveLength(inWindow);
          expect(result.marketingInfluenced).toBe(inWindow > 0);
          if (!result.marketingInfluenced) return;
          expect(Math.abs(result.rows.reduce((sum, row) => sum + row.weight, 0) - 1)).toBeLessThan(1e-12);
          expect(result.rows.every((row) => row.weight >= 0 && row.attributedValueMicros >= 0n)).toBe(true);
          expect(result.rows.reduce((sum, row) => sum + row.attributedValueMicros, 0n)).toBe(value);
        }),
      );
    });

    it('LINEAR does not depend on the order the touches are given in', () => {
      const distinctTimes = touchesArb.filter((touches) => new Set(touches.map((t) => t.at.getTime())).size === touches.length);
      fc.assert(
        fc.property(distinctTimes, valueArb, fc.infiniteStream(fc.nat()), (touches, value, randoms) => {
          const shuffled = touches.map((touch) => ({ touch, key: randoms.next().value })).sort((a, b) => a.key - b.key).map(({ touch }) => touch);
          expect(summary(run({ type: 'LINEAR' }, shuffled, value))).toEqual(summary(run({ type: 'LINEAR' }, touches, value)));
          const weights = run({ type: 'LINEAR' }, shuffled, value).rows.map((row) => row.weight);
          expect(new Set(weights).size).toBeLessThanOrEqual(1);
        }),
      );
    });

    it('FIRST_TOUCH and LAST_TOUCH depend only on the ends of the journey', () => {
      const middleArb = fc.array(touchArb, { maxLength: 10 });
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 29 }), middleArb, middleArb, valueArb, (span, middleA, middleB, value) => {
          const first = { id: 'first', at: daysBefore(span), source: 'google', medium: 'cpc' };
          const last = { id: 'last', at: daysBefore(1), source: 'partner', medium: 'referral' };
          const inside = (middle: typeof middleA) =>
            middle.map((touch, i) => ({ ...touch, id: `m${i}`, at: new Date(first.at.getTime() + 1 + ((touch.at.getTime() % DAY) + DAY) % (last.at.getTime() - first.at.getTime() - 1)) }));
          for (const type of ['FIRST_TOUCH', 'LAST_TOUCH'] as const) {
            const a = run({ type }, [first, ...inside(middleA), last], value);
            const b = run({ type }, [last, ...inside(middleB), first], value);
            const credited = (result: typeof a) => result.rows.filter((row) => row.weight > 0).map((row) => [row.touchpoint.id, row.weight, row.attributedValueMicros]);
            expect(credited(a)).toEqual([[type === 'FIRST_TOUCH' ? 'first' : 'last', 1, value]]);
            expect(credited(b)).toEqual(credited(a));
          }
        }),
      );
    });
  });
});
