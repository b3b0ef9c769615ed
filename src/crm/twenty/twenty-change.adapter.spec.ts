import { ValidationFailure } from 'src/common/errors/validation-failure';
import { crmChangeOf, dealStateOf, editableValuesOf } from 'src/crm/twenty/twenty-change.adapter';
import { deliveryKey, TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

const event = (eventName: string, record: TwentyWebhookEvent['record'], extra: Partial<TwentyWebhookEvent> = {}): TwentyWebhookEvent => ({
  eventName,
  objectMetadata: { id: 'meta', nameSingular: eventName.split('.')[0] },
  workspaceId: 'tw',
  webhookId: 'wh',
  eventDate: '2026-11-20T09:30:00.000Z',
  record,
  ...extra,
});
const reading = { leadStatusField: 'leadStatus' };

describe('reading Twenty events as CRM changes', () => {
  it('reads a person: visitor id in either spelling, primary email, company, lead status and what TrackFlow wrote', () => {
    const person = event(
      'person.updated',
      {
        id: 'p1',
        companyId: 'c1',
        emails: { primaryEmail: 'ada@example.com', additionalEmails: [] },
        trackflow_visitor_id: 'v_0123456789abcdef',
        createdAt: '2026-11-01T08:00:00.000Z',
        leadStatus: 'QUALIFIED',
        trackflowSource: 'newsletter',
        trackflowCampaign: 'spring',
        name: { firstName: 'Ada', lastName: 'L' },
      },
      { workspaceMemberId: 'member-1' },
    );
    expect(crmChangeOf(person, reading)).toEqual({
      type: 'person.changed',
      key: deliveryKey(person),
      at: new Date('2026-11-20T09:30:00.000Z'),
      by: 'member-1',
      written: { trackflowSource: 'newsletter', trackflowCampaign: 'spring' },
      personId: 'p1',
      companyId: 'c1',
      visitorId: 'v_0123456789abcdef',
      primaryEmail: 'ada@example.com',
      displayName: 'Ada L',
      createdAt: new Date('2026-11-01T08:00:00.000Z'),
      leadStatus: 'QUALIFIED',
      sourceCampaign: 'spring',
      sourceMedium: null,
    });
  });

  it('says nothing of the lead status when the record does not carry the field, and drops a malformed visitor id', () => {
    const change = crmChangeOf(event('person.created', { id: 'p2', trackflowVisitorId: 'not a visitor id' }), reading);
    expect(change).toMatchObject({ visitorId: null, primaryEmail: null, leadStatus: undefined, by: null });
  });

  it('never dates a change in the future, whatever the sender clock says', () => {
    const change = crmChangeOf(event('company.updated', { id: 'c1' }, { eventDate: '2099-01-01T00:00:00.000Z' }), reading);
    expect(change?.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it.each(['deleted', 'destroyed'])('reads a %s person, deal or company as a deletion', (action) => {
    expect(crmChangeOf(event(`opportunity.${action}`, { id: 'o1', companyId: 'c9' }), reading)).toMatchObject({ type: 'record.deleted', object: 'opportunity', recordId: 'o1', companyId: 'c9' });
  });

  it('reads a restored deal as a change of the deal', () => {
    expect(crmChangeOf(event('opportunity.restored', { id: 'o1', amount: { amountMicros: 5_000_000, currencyCode: 'EUR' } }), reading)).toMatchObject({
      type: 'opportunity.changed',
      deal: { opportunityId: 'o1', amountMicros: 5_000_000n, currencyCode: 'EUR' },
    });
  });

  it('reads when a deal was created, the opportunity milestone', () => {
    expect(crmChangeOf(event('opportunity.updated', { id: 'o1', createdAt: '2026-02-03T04:05:06.000Z' }), reading)).toMatchObject({ type: 'opportunity.changed', createdAt: new Date('2026-02-03T04:05:06.000Z') });
    expect(crmChangeOf(event('opportunity.updated', { id: 'o1' }), reading)).toMatchObject({ type: 'opportunity.changed', createdAt: null });
  });

  it('reads edits of mirrored records as TrackFlow inputs, and a link made in Twenty', () => {
    expect(crmChangeOf(event('trackflowCampaign.updated', { id: 'k1', name: ' Spring ', budget: { amountMicros: '2500000000', currencyCode: 'USD' }, startDate: '2026-03-01T00:00:00.000Z' }), reading)).toMatchObject({
      type: 'mirror.edited',
      kind: 'campaign',
      values: { name: 'Spring', budget: 2_500_000_000n, startDate: '2026-03-01' },
    });
    expect(crmChangeOf(event('trackflowLink.created', { id: 'l1', name: 'Spring QR', destinationUrl: { primaryLinkUrl: 'https://shop.example/spring' } }), reading)).toMatchObject({
      type: 'link.created',
      linkId: 'l1',
      destinationUrl: 'https://shop.example/spring',
      title: 'Spring QR',
      shortCode: null,
    });
  });

  it('has no change for events TrackFlow has no use for', () => {
    expect(crmChangeOf(event('note.created', { id: 'n1' }), reading)).toBeNull();
    expect(crmChangeOf(event('trackflowCampaign.created', { id: 'k1' }), reading)).toBeNull();
  });

  it('reads only the editable fields a record carries', () => {
    expect(editableValuesOf('variant', { id: 'v', weight: 30, clicks: 5 })).toEqual({ weight: 30 });
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
});
