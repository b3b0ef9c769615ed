import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { attributionInputsChanged, dealFields, dealStateOf } from 'src/crm/hooks/deal-fields.util';

const row = (source: string | null, channel: string): AttributionRow =>
  ({ touchpoint: { at: new Date('2026-11-01T10:00:00Z'), source }, weight: 0.5, attributedValueMicros: 1n, position: 'first', daysToConversion: 1, channel }) as AttributionRow;

describe('deal fields', () => {
  it('names the first and last touch by source, else by channel, and says whether marketing touched the deal', () => {
    expect(dealFields('Last touch', [row('newsletter', 'Email'), row(null, 'Direct')])).toEqual({
      trackflowAttributionModel: 'Last touch',
      trackflowFirstTouchSource: 'newsletter',
      trackflowLastTouchSource: 'Direct',
      trackflowMarketingInfluenced: true,
    });
    expect(dealFields('Linear', [])).toEqual({ trackflowAttributionModel: 'Linear', trackflowFirstTouchSource: null, trackflowLastTouchSource: null, trackflowMarketingInfluenced: false });
  });

  it('reads an opportunity record, with micros as a number or a digit string', () => {
    expect(dealStateOf({ id: 'o1', amount: { amountMicros: '12000000', currencyCode: 'EUR' }, stage: 'NEW', pointOfContactId: 'p1', companyId: '' })).toEqual({
      opportunityId: 'o1',
      stage: 'NEW',
      amountMicros: 12_000_000n,
      currencyCode: 'EUR',
      pointOfContactId: 'p1',
      companyId: null,
    });
    expect(dealStateOf({ id: 'o2', amount: null })).toMatchObject({ amountMicros: null, currencyCode: 'USD', stage: null });
  });

  it.each([
    [{ amountMicros: 1.5, currencyCode: 'USD' }, 'record.amount.amountMicros: must be a whole number of micros'],
    [{ amountMicros: '-5', currencyCode: 'USD' }, 'record.amount.amountMicros: must be a whole number of micros'],
    [{ amountMicros: 5, currencyCode: 'usd' }, 'record.amount.currencyCode: must be an ISO 4217 code like USD'],
  ])('refuses an amount Twenty would never send: %j', (amount, message) => {
    expect(() => dealStateOf({ id: 'o3', amount })).toThrow(new ValidationFailure(message.split(': ')[0], message.split(': ')[1]));
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
