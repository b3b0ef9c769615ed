import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { attributionInputsChanged, dealAttribution } from 'src/crm/hooks/deal-attribution.util';
import { opportunityFields } from 'src/crm/twenty/twenty-write-back.util';

const row = (source: string | null, channel: string): AttributionRow =>
  ({ touchpoint: { at: new Date('2026-11-01T10:00:00Z'), source }, weight: 0.5, attributedValueMicros: 1n, position: 'first', daysToConversion: 1, channel }) as AttributionRow;

describe('deal attribution', () => {
  it('names the first and last touch by source, else by channel, and says whether marketing touched the deal, as Twenty opportunity fields', () => {
    expect(opportunityFields(dealAttribution('Last touch', [row('newsletter', 'Email'), row(null, 'Direct')]))).toEqual({
      trackflowAttributionModel: 'Last touch',
      trackflowFirstTouchSource: 'newsletter',
      trackflowLastTouchSource: 'Direct',
      trackflowMarketingInfluenced: true,
    });
    expect(opportunityFields(dealAttribution('Linear', []))).toEqual({ trackflowAttributionModel: 'Linear', trackflowFirstTouchSource: null, trackflowLastTouchSource: null, trackflowMarketingInfluenced: false });
  });

  it('recomputes only when the amount, the people or the won state change', () => {
    const before = { opportunityId: 'o', stage: 'NEW', amountMicros: 5n, currencyCode: 'USD', pointOfContactId: 'p', companyId: 'c' };
    expect(attributionInputsChanged(null, before, false, false)).toBe(true);
    expect(attributionInputsChanged(before, { ...before, stage: 'MEETING' }, false, false)).toBe(false);
    expect(attributionInputsChanged(before, { ...before, stage: 'CUSTOMER' }, false, true)).toBe(true);
    expect(attributionInputsChanged(before, { ...before, amountMicros: 6n }, false, false)).toBe(true);
    expect(attributionInputsChanged(before, { ...before, pointOfContactId: 'q' }, false, false)).toBe(true);
    expect(attributionInputsChanged(before, { ...before, companyId: null }, false, false)).toBe(true);
  });
});
