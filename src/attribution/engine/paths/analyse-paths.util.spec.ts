import { readFileSync } from 'fs';
import { join } from 'path';
import { ATTRIBUTION_MODEL_TYPES, AttributionModelType, isMilestoneModel } from 'src/attribution/engine/attribution-model.config';
import { MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';
import { analysePaths } from 'src/attribution/engine/paths/analyse-paths.util';
import { parsePathsCsv } from 'src/attribution/engine/paths/paths-csv.parser';

const single: Journey[] = [{ path: ['a', 'b', 'c'], conversions: 10, value: 70, nulls: 5 }];

describe('analysePaths', () => {
  it('splits each path by the rule-based weights', () => {
    expect(analysePaths(single, { model: 'FIRST_TOUCH' })).toEqual({
      model: 'FIRST_TOUCH',
      channels: { a: { conversions: 10, value: 70 }, b: { conversions: 0, value: 0 }, c: { conversions: 0, value: 0 } },
    });
    expect(analysePaths(single, { model: 'LAST_TOUCH' }).channels.c).toEqual({ conversions: 10, value: 70 });
    expect(analysePaths(single, { model: 'LINEAR' }).channels.b).toEqual({ conversions: expect.closeTo(10 / 3, 12), value: expect.closeTo(70 / 3, 12) });
    expect(analysePaths(single, { model: 'POSITION_BASED' }).channels).toEqual({
      a: { conversions: expect.closeTo(4, 12), value: expect.closeTo(28, 12) },
      b: { conversions: expect.closeTo(2, 12), value: expect.closeTo(14, 12) },
      c: { conversions: expect.closeTo(4, 12), value: expect.closeTo(28, 12) },
    });
  });

  it('treats path touches as one day apart for TIME_DECAY, the last converting the same day', () => {
    // Ages 2, 1, 0 days with H = 1: weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7.
    expect(analysePaths(single, { model: 'TIME_DECAY', halfLifeDays: 1 }).channels).toEqual({
      a: { conversions: expect.closeTo(10 / 7, 12), value: expect.closeTo(10, 12) },
      b: { conversions: expect.closeTo(20 / 7, 12), value: expect.closeTo(20, 12) },
      c: { conversions: expect.closeTo(40 / 7, 12), value: expect.closeTo(40, 12) },
    });
  });

  it('adds up a channel that appears twice in a path', () => {
    expect(analysePaths([{ path: ['a', 'b', 'a'], conversions: 3, value: 0, nulls: 0 }], { model: 'LINEAR' }).channels.a.conversions).toBeCloseTo(2, 12);
  });

  it('reports SHAPLEY credits', () => {
    const journeys: Journey[] = [
      { path: ['a'], conversions: 4, value: 8, nulls: 0 },
      { path: ['a', 'b'], conversions: 6, value: 12, nulls: 0 },
    ];
    expect(analysePaths(journeys, { model: 'SHAPLEY' })).toEqual({ model: 'SHAPLEY', channels: { a: { conversions: 7, value: 14 }, b: { conversions: 3, value: 6 } } });
  });

  it('reports MARKOV credits with the removal effects', () => {
    const journeys: Journey[] = [
      { path: ['a', 'b'], conversions: 2, value: 20, nulls: 0 },
      { path: ['a'], conversions: 0, value: 0, nulls: 2 },
      { path: ['b'], conversions: 1, value: 10, nulls: 1 },
    ];
    expect(analysePaths(journeys, { model: 'MARKOV', order: 1 })).toEqual({
      model: 'MARKOV',
      channels: { a: { conversions: expect.closeTo(1, 12), value: expect.closeTo(10, 12) }, b: { conversions: expect.closeTo(2, 12), value: expect.closeTo(20, 12) } },
      removal_effects: { a: expect.closeTo(0.5, 15), b: expect.closeTo(1, 15) },
    });
  });

  it('keeps a channel called __proto__ as an ordinary key', () => {
    const { channels } = analysePaths([{ path: ['__proto__'], conversions: 1, value: 0, nulls: 0 }], { model: 'LINEAR' });
    expect(Object.keys(channels)).toEqual(['__proto__']);
    expect(JSON.stringify(channels)).toBe('{"__proto__":{"conversions":1,"value":0}}');
  });

  it('refuses CUSTOM and options that do not belong to the model', () => {
    expect(() => analysePaths(single, { model: 'CUSTOM' })).toThrow(/^model: CUSTOM weighs touches/);
    expect(() => analysePaths(single, { model: 'W_SHAPED' })).toThrow("model: W_SHAPED credits a deal's CRM milestones (lead, opportunity, won); aggregated paths carry none");
    expect(() => analysePaths(single, { model: 'LINEAR', order: 2 })).toThrow('order: only applies to the MARKOV model');
    expect(() => analysePaths(single, { model: 'MARKOV', halfLifeDays: 2 })).toThrow('halfLifeDays: only applies to the TIME_DECAY model');
  });

  describe('on the ChannelAttribution sample of 10,000 paths', () => {
    const parsed = parsePathsCsv(readFileSync(join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'channelattribution-paths.csv'), 'utf8'));
    const totalConversions = parsed.journeys.reduce((sum, j) => sum + j.conversions, 0);
    const totalValue = parsed.journeys.reduce((sum, j) => sum + j.value, 0);

    it('parses every row', () => {
      expect(parsed.separator).toBe(';');
      expect(parsed.badRows).toEqual([]);
      expect(parsed.journeys).toHaveLength(10_000);
      expect(totalConversions).toBe(19_785);
    });

    const cases: [AttributionModelType, MarkovOrder | undefined][] = [
      ...ATTRIBUTION_MODEL_TYPES.filter((model) => model !== 'CUSTOM' && !isMilestoneModel(model)).map((model): [AttributionModelType, undefined] => [model, undefined]),
      ['MARKOV', 2],
      ['MARKOV', 3],
    ];
    it.each(cases)(
      '%s (order %p) credits exactly the total conversions and value over the 12 channels',
      (model, order) => {
        const { channels } = analysePaths(parsed.journeys, { model, order });
        expect(Object.keys(channels)).toHaveLength(12);
        const credits = Object.values(channels);
        expect(credits.every((c) => c.conversions >= 0 && c.value >= 0)).toBe(true);
        expect(credits.reduce((sum, c) => sum + c.conversions, 0)).toBeCloseTo(totalConversions, 6);
        expect(credits.reduce((sum, c) => sum + c.value, 0)).toBeCloseTo(totalValue, 6);
      },
    );
  });
});

describe('analysePaths model names', () => {
  it('rejects a model name it does not know, naming the field', () => {
    expect(() => analysePaths([], { model: 'NOPE' as never })).toThrow('model: must be one of');
  });
});
