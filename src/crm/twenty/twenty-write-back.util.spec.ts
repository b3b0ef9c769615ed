import { changedFields, companyFields } from 'src/crm/twenty/twenty-write-back.util';

describe('Twenty write-backs', () => {
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

  it("writes a company's influenced revenue as Twenty's currency composite", () => {
    expect(companyFields({ firstTouchSource: 'newsletter', influencedRevenueMicros: 12_500_000n, currencyCode: 'EUR' })).toEqual({
      trackflowFirstTouchSource: 'newsletter',
      trackflowInfluencedRevenue: { amountMicros: 12_500_000, currencyCode: 'EUR' },
    });
  });
});
