import { changedFields, leadFields } from 'src/crm/hooks/lead-fields.util';

const row = (source: string, at: string) => ({ touchpoint: { at: new Date(at), source, medium: 'email', campaign: 'spring' }, weight: 0.5, attributedValueMicros: 0n, position: 'first' as const, daysToConversion: 0, channel: 'Email' });

describe('lead fields', () => {
  it('takes the first touch for the source and both ends for the dates', () => {
    expect(leadFields([row('newsletter', '2026-11-01T10:00:00Z'), row('google', '2026-11-03T10:00:00Z')])).toEqual({
      trackflowSource: 'newsletter',
      trackflowMedium: 'email',
      trackflowCampaign: 'spring',
      trackflowFirstTouchDate: '2026-11-01T10:00:00.000Z',
      trackflowLastTouchDate: '2026-11-03T10:00:00.000Z',
      trackflowTouchCount: 2,
    });
    expect(leadFields([])).toMatchObject({ trackflowSource: null, trackflowTouchCount: 0 });
  });

  it('writes only what differs, comparing dates as instants', () => {
    const record = { trackflowSource: 'newsletter', trackflowFirstTouchDate: '2026-11-01T10:00:00Z', trackflowTouchCount: 2, trackflowMedium: null };
    expect(changedFields(record, { trackflowSource: 'newsletter', trackflowFirstTouchDate: '2026-11-01T10:00:00.000Z', trackflowTouchCount: 3, trackflowMedium: null, trackflowCampaign: 'spring' })).toEqual({
      trackflowTouchCount: 3,
      trackflowCampaign: 'spring',
    });
  });

  it('compares a currency field by field, taking micros as numbers or digit strings', () => {
    const record = { trackflowInfluencedRevenue: { amountMicros: '12500000', currencyCode: 'EUR' } };
    expect(changedFields(record, { trackflowInfluencedRevenue: { amountMicros: 12_500_000, currencyCode: 'EUR' } })).toEqual({});
    expect(changedFields(record, { trackflowInfluencedRevenue: { amountMicros: 12_500_001, currencyCode: 'EUR' } })).toEqual({ trackflowInfluencedRevenue: { amountMicros: 12_500_001, currencyCode: 'EUR' } });
    expect(changedFields({ trackflowInfluencedRevenue: null }, { trackflowInfluencedRevenue: { amountMicros: 0, currencyCode: 'USD' } })).toEqual({ trackflowInfluencedRevenue: { amountMicros: 0, currencyCode: 'USD' } });
  });
});
