import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { withEnv } from 'tests/support/waiting';

const SITE = 'https://shop.example.com';
// Addresses whose country the shipped data knows (see src/tracking/geo/ip-country.service.spec.ts).
const LONDON = '81.2.69.142';
const MOUNTAIN_VIEW = '8.8.8.8';
const PARIS = '2.16.0.1';

describe('the country of clicks, sessions and visitors', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    server = await withEnv({ TRUST_PROXY: 'true' }, () => TestServer.start());
    ({ key, workspaceId } = await server.createKey());
    await server.ok(key, 'mutation { updateSettings(input: {anonymizeIpAddresses: true}) { anonymizeIpAddresses } }');
  });
  afterAll(() => server.stop());

  const row = async (sql: string, ...params: unknown[]) => (await server.dataSource.query(sql, [workspaceId, ...params]))[0];

  it('looks the country up from the address before anonymising it, and fills the countries breakdown', async () => {
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(key, 'mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/"}) { id shortCode } }');
    const [briton, american, ipv6] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [visitor, address] of [[briton, LONDON], [briton, LONDON], [american, MOUNTAIN_VIEW], [ipv6, '2001:db8::7']]) {
      const response = await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitor}`, 'x-forwarded-for': address } });
      expect(response.status).toBe(302);
    }
    await server.drainClicks();

    expect(await row(`SELECT country, ip_address FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = $2 LIMIT 1`, briton)).toEqual({ country: 'GB', ip_address: '81.2.69.0' });
    expect(await row(`SELECT country, ip_address FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, briton)).toEqual({ country: 'GB', ip_address: '81.2.69.0' });
    expect(await row(`SELECT country FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`, american)).toEqual({ country: 'US' });
    expect(await row(`SELECT country FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, ipv6)).toEqual({ country: null });

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const { linkAnalytics } = await server.ok<{ linkAnalytics: { countries: { key: string; clicks: number; uniqueVisitors: number }[] } }>(
      key,
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { linkAnalytics(linkId: $id, from: $from, to: $to) { countries { key clicks uniqueVisitors } } }`,
      { id: link.id, from, to },
    );
    expect(linkAnalytics.countries).toEqual([
      { key: 'GB', clicks: 2, uniqueVisitors: 1 },
      { key: 'US', clicks: 1, uniqueVisitors: 1 },
    ]);
  });

  it('gives tracker visitors and their sessions the country of the address they send from, keeping it when a later address has none', async () => {
    const { updateWorkspace: workspace } = await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["${SITE}"]}) { publicKey } }`);
    const visitorId = `vis-${randomUUID()}`;
    const collect = async (address: string, ts: number) => {
      const response = await fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA, origin: SITE, 'x-forwarded-for': address },
        body: JSON.stringify({ key: workspace.publicKey, visitorId, events: [{ id: randomUUID(), type: 'pageview', url: `${SITE}/`, ts }] }),
      });
      expect(response.status).toBe(202);
      await server.drainEvents();
    };
    await collect(PARIS, Date.now() - 60_000);
    await collect('2001:db8::8', Date.now());

    type Journey = { visitor: { country: string | null; sessions: { country: string | null }[] } };
    const { visitor } = await server.ok<Journey>(key, `query($id: String!) { visitor(id: $id) { country sessions { country } } }`, { id: visitorId });
    expect(visitor).toEqual({ country: 'FR', sessions: [{ country: 'FR' }] });
    expect(await row(`SELECT ip_address FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, visitorId)).toEqual({ ip_address: '2001:db8::' });
  });
});
