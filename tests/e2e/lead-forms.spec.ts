import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { ConnectedWorkspace, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const SITE = 'https://shop.example.com';

/** A website's lead form posting to TrackFlow: the person lands in Twenty and the lead hook runs on Twenty's webhook. */
describe('POST /api/leads', () => {
  let connected: ConnectedWorkspace;
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;
  let publicKey: string;

  beforeAll(async () => {
    connected = await startConnectedWorkspace('leads');
    ({ server, twenty, key } = connected);
    publicKey = (await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { publicKey } }`)).updateWorkspace.publicKey;
  });
  afterAll(() => stopConnectedWorkspace(connected));

  function postForm(fields: Record<string, string>, origin = SITE): Promise<Response> {
    return fetch(`${server.url}/api/leads`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() });
  }

  it('creates the person in Twenty with the visitor id, then the lead is attributed and its fields written back', async () => {
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", source: "webinar", medium: "email"}) { shortCode } }`,
    );
    const visitorId = randomUUID();
    await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    await server.drainClicks();

    const response = await postForm({ key: publicKey, name: 'Ann Lee', email: 'Ann@Example.com', trackflow_visitor_id: visitorId, redirect: `${SITE}/thanks` });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE}/thanks`);
    await settle(connected);

    const people = [...(twenty.records.get('people')?.values() ?? [])];
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@example.com' }, trackflowVisitorId: visitorId, trackflowSource: 'webinar', trackflowTouchCount: 1 });

    // The same person again, from another device: updated, not duplicated.
    const again = await fetch(`${server.url}/api/leads`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SITE }, body: JSON.stringify({ key: publicKey, email: 'ann@example.com', trackflowVisitorId: 'phone-visitor-1' }) });
    expect(again.status).toBe(202);
    await settle(connected);
    expect(twenty.records.get('people')?.size).toBe(1);
    expect([...(twenty.records.get('people')?.values() ?? [])][0].trackflowVisitorId).toBe('phone-visitor-1');
  });

  it.each([
    ['a missing email', { name: 'No Mail' }, SITE, 400, { field: 'email', rule: 'is required' }],
    ['an unknown key', { key: 'tfp_nope', email: 'a@b.co' }, SITE, 401, { field: 'key' }],
    ['another site', { email: 'a@b.co' }, 'https://evil.example', 403, { field: 'origin' }],
    ['a redirect to another site', { email: 'a@b.co', redirect: 'https://evil.example/x' }, SITE, 400, { field: 'redirect' }],
  ])('refuses %s', async (_label, fields, origin, status, expected) => {
    const response = await postForm({ key: publicKey, ...fields } as Record<string, string>, origin);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(expected);
  });
});
