import fc from 'fast-check';
import { attributeConversion } from 'src/attribution/engine/attribute-conversion.util';
import { AttributionModelConfig } from 'src/attribution/engine/attribution-model.config';
import { AttributionResult, Touchpoint } from 'src/attribution/engine/attribution.types';
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
