import { parseCollectBody, parseConsentBody } from 'src/tracking/collect/collect-payload.util';

const NOW = Date.UTC(2026, 10, 22, 12);
const pageview = { id: 'evt-00000001', type: 'pageview', url: 'https://shop.example.com/p?utm_source=x', ts: NOW - 1000 };

function fails(body: unknown): string {
  try {
    parseCollectBody(body, NOW);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a validation failure');
}

describe('parseCollectBody', () => {
  it('accepts a batch and fills in defaults', () => {
    const batch = parseCollectBody({ key: 'tfp_abc', visitorId: 'visitor-1234', events: [pageview, { type: 'event', name: 'signup', url: 'https://shop.example.com/', properties: { plan: 'pro', seats: 3, trial: true, coupon: null } }] }, NOW);
    expect(batch.visitorId).toBe('visitor-1234');
    expect(batch.events[0]).toEqual({ id: 'evt-00000001', type: 'pageview', name: null, url: pageview.url, referrer: null, atMs: NOW - 1000, stampedOnArrival: false, properties: {} });
    expect(batch.events[1]).toMatchObject({ id: null, atMs: NOW, stampedOnArrival: true, properties: { plan: 'pro', seats: 3, trial: true, coupon: null } });
  });

  it('drops an app referrer instead of refusing the batch', () => {
    const batch = parseCollectBody({ key: 'k', events: [{ ...pageview, referrer: 'android-app://com.google.android.gm/' }, { ...pageview, referrer: 'https://www.google.com/' }] }, NOW);
    expect(batch.events.map((event) => event.referrer)).toEqual([null, 'https://www.google.com/']);
  });

  it.each([
    [null, 'body: must be a JSON object {key, visitorId?, events}'],
    [{ events: [pageview] }, 'key: is required'],
    [{ key: 'k', visitorId: 'x', events: [pageview] }, 'visitorId: must be 8 to 64 letters, digits, - or _'],
    [{ key: 'k', events: [] }, 'events: must be a non-empty list'],
    [{ key: 'k', events: Array(51).fill(pageview) }, 'events: must hold at most 50 events'],
    [{ key: 'k', events: [{ ...pageview, type: 'purchase' }] }, 'events[0].type: must be one of pageview, event, form_start, form_submit, cta, identify, engagement'],
    [{ key: 'k', events: [{ ...pageview, url: 'javascript:alert(1)' }] }, 'events[0].url: must be an absolute http or https URL'],
    [{ key: 'k', events: [{ ...pageview, url: undefined }] }, 'events[0].url: is required'],
    [{ key: 'k', events: [{ ...pageview, referrer: '/relative' }] }, 'events[0].referrer: must be an absolute http or https URL'],
    [{ key: 'k', events: [{ ...pageview, ts: NOW + 3_600_000 }] }, 'events[0].ts: is in the future'],
    [{ key: 'k', events: [{ ...pageview, ts: NOW - 8 * 86_400_000 }] }, 'events[0].ts: is more than 7 days old'],
    [{ key: 'k', events: [{ ...pageview, ts: '12' }] }, 'events[0].ts: must be milliseconds since 1970 as a whole number'],
    [{ key: 'k', events: [{ ...pageview, id: 'a b' }] }, 'events[0].id: must be 8 to 64 letters, digits, - or _'],
    [{ key: 'k', events: [{ ...pageview, properties: { nested: { a: 1 } } }] }, 'events[0].properties.nested: must be a string, a finite number, a boolean or null'],
    [{ key: 'k', events: [{ ...pageview, properties: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`p${i}`, i])) }] }, 'events[0].properties: must have at most 30 properties'],
    [{ key: 'k', events: [{ type: 'event', url: 'https://a.example' }] }, 'events[0].name: is required for event events'],
    [{ key: 'k', events: [{ type: 'identify', url: 'https://a.example' }] }, 'events[0].properties: an identify event needs email or externalId'],
    [{ key: 'k', events: [{ type: 'identify', url: 'https://a.example', properties: { email: 'not-an-email' } }] }, 'events[0].properties.email: must be an email address'],
    [{ key: 'k', events: [{ type: 'identify', url: 'https://a.example', properties: { externalId: ' ' } }] }, 'events[0].properties.externalId: must be a non-empty string of at most 255 characters'],
    [{ key: 'k', events: [{ type: 'identify', url: 'https://a.example', properties: { externalId: 'u'.repeat(256) } }] }, 'events[0].properties.externalId: must be a non-empty string of at most 255 characters'],
    [{ key: 'k', events: [{ type: 'engagement', url: 'https://a.example', properties: { scroll: 140 } }] }, 'events[0].properties.scroll: must be a percentage from 0 to 100'],
    [{ key: 'k', events: [pageview, { ...pageview, name: 'x'.repeat(101) }] }, 'events[1].name: must be at most 100 characters'],
  ])('rejects %j with "%s"', (body, message) => {
    expect(fails(body)).toBe(message);
  });
});

describe('parseConsentBody', () => {
  const message = (body: unknown) => {
    try {
      parseConsentBody(body);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a validation failure');
  };

  it('takes a yes with the visitor id and a no without one', () => {
    expect(parseConsentBody({ key: 'tf_pub_x', visitorId: 'visitor-0001', consent: true })).toEqual({ key: 'tf_pub_x', visitorId: 'visitor-0001', consent: true });
    expect(parseConsentBody({ key: 'tf_pub_x', consent: false })).toEqual({ key: 'tf_pub_x', visitorId: null, consent: false });
  });

  it('names the field and the rule of a bad body', () => {
    expect(message({ key: 'tf_pub_x', visitorId: 'visitor-0001', consent: 'yes' })).toBe('consent: must be true or false');
    expect(message({ key: 'tf_pub_x', consent: true })).toBe('visitorId: is required');
    expect(message({ key: 'tf_pub_x', visitorId: 'bad id!', consent: true })).toBe('visitorId: must be 8 to 64 letters, digits, - or _');
    expect(message({ visitorId: 'visitor-0001', consent: true })).toBe('key: is required');
  });
});
