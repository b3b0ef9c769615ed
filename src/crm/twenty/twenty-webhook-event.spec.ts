import { deliveryKey, parseTwentyWebhook } from 'src/crm/twenty/twenty-webhook-event';

const delivery = {
  targetUrl: 'https://trackflow.example/webhooks/twenty',
  eventName: 'person.created',
  objectMetadata: { id: 'obj-1', nameSingular: 'person' },
  workspaceId: 'tw-1',
  webhookId: 'wh-1',
  eventDate: '2026-11-22T10:00:00.000Z',
  record: { id: 'p-1', trackflowVisitorId: 'visitor-123' },
};

describe('Twenty webhook events', () => {
  it('parses a delivery', () => {
    expect(parseTwentyWebhook(delivery)).toMatchObject({ eventName: 'person.created', workspaceId: 'tw-1', record: { id: 'p-1' } });
  });

  it.each([
    [{ ...delivery, eventName: 'person' }, 'eventName: must look like <object>.<created|updated|deleted|destroyed>'],
    [{ ...delivery, workspaceId: undefined }, 'workspaceId: is required and must be a string'],
    [{ ...delivery, record: {} }, 'record.id: is required'],
    [{ ...delivery, eventDate: 'yesterday' }, 'eventDate: must be an ISO date'],
    [{ ...delivery, updatedFields: [1] }, 'updatedFields: must be a list of field names'],
    [[], 'body: must be a JSON object'],
  ])('refuses %j', (body, message) => {
    expect(() => parseTwentyWebhook(body)).toThrow(message);
  });

  it('keys a change on webhook, record, event and date, not on the retry', () => {
    const first = deliveryKey(parseTwentyWebhook(delivery));
    expect(deliveryKey(parseTwentyWebhook({ ...delivery, targetUrl: 'x' }))).toBe(first);
    expect(deliveryKey(parseTwentyWebhook({ ...delivery, eventDate: '2026-11-22T10:00:01.000Z' }))).not.toBe(first);
    expect(deliveryKey(parseTwentyWebhook({ ...delivery, eventName: 'person.updated' }))).not.toBe(first);
  });
});
