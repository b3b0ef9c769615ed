import { compareModels, creditByChannel } from './attribution-credit';
import { AttributionRow, ModelAttribution } from './queries';

const row = (channel: string, attributionWeight: number, attributedValue: string): AttributionRow => ({
  touchpointIndex: 0,
  touchpointType: 'click',
  touchpointTimestamp: '2026-03-01T10:00:00Z',
  touchpointSource: null,
  touchpointMedium: null,
  touchpointCampaign: null,
  channel,
  attributionWeight,
  attributedValue,
  positionInJourney: 'middle',
});

const model = (name: string, rows: AttributionRow[]): ModelAttribution => ({ model: { id: name, name, modelType: name, isDefault: false }, marketingInfluenced: true, fallback: null, rows });

describe('credit per channel', () => {
  it('adds up touches of one channel in micros, so thirds of a cent still sum to the deal', () => {
    const credits = creditByChannel(model('linear', [row('Email', 1 / 3, '33.333334'), row('Search', 1 / 3, '33.333333'), row('Email', 1 / 3, '33.333333')]));
    expect(credits.map((credit) => [credit.channel, credit.value])).toEqual([
      ['Email', '66.666667'],
      ['Search', '33.333333'],
    ]);
    expect(credits[0].weight).toBeCloseTo(2 / 3);
  });

  it('lines channels up across models in the order of the first, with nothing where a model gave none', () => {
    const comparison = compareModels([model('last', [row('Search', 0, '0'), row('Email', 1, '100')]), model('first', [row('Social', 1, '100')])]);
    expect(comparison.models.map((entry) => entry.name)).toEqual(['last', 'first']);
    expect(comparison.channels.map((line) => [line.channel, ...line.credits.map((credit) => credit.value)])).toEqual([
      ['Email', '100', '0'],
      ['Search', '0', '0'],
      ['Social', '0', '100'],
    ]);
  });
});
