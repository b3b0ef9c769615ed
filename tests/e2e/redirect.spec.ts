import { TestServer, BROWSER_UA, GOOGLEBOT_UA } from 'tests/support/test-server';

type LinkResult = { createTrackedLink: { id: string; shortCode: string; shortUrl: string } };
type Counters = { click_count: string; unique_visitor_count: string; last_click: Date | null };

const CREATE_LINK = `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode shortUrl } }`;

describe('GET/HEAD /r/:code', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    // Every request comes from 127.0.0.1: lift the per-address hourly limit, tested in security-api-keys.spec.ts.
    await server.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
  });
  afterAll(() => server.stop());

  async function createLink(input: Record<string, unknown>): Promise<LinkResult['createTrackedLink']> {
    return (await server.ok<LinkResult>(key, CREATE_LINK, { input })).createTrackedLink;
  }

  function click(code: string, options: { cookie?: string; ua?: string; method?: string; query?: string; ip?: string } = {}): Promise<Response> {
    return fetch(`${server.url}/r/${code}${options.query ?? ''}`, {
      method: options.method ?? 'GET',
      redirect: 'manual',
      headers: { 'user-agent': options.ua ?? BROWSER_UA, ...(options.cookie ? { cookie: options.cookie } : {}) },
    });
  }

  async function counters(linkId: string): Promise<Counters> {
    const rows: Counters[] = await server.dataSource.query(`SELECT click_count, unique_visitor_count, last_click FROM trackflow.tracked_link WHERE id = $1`, [linkId]);
    return rows[0];
  }

  it('redirects an active link with UTMs merged, the destination winning, and visitor and click ids appended', async () => {
    const campaign = (await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Launch", source: "newsletter", medium: "email"}) { id } }`)).createCampaign;
    const link = await createLink({ destinationUrl: 'https://shop.example.com/p?utm_source=kept&x=1#top', campaignId: campaign.id, content: 'hero banner', additionalParameters: { ref: 'tf' } });

    const response = await click(link.shortCode);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe('https://shop.example.com/p');
    expect(location.hash).toBe('#top');
    expect(location.searchParams.get('utm_source')).toBe('kept');
    expect(location.searchParams.getAll('utm_source')).toHaveLength(1);
    expect(location.searchParams.get('utm_medium')).toBe('email');
    expect(location.searchParams.get('utm_campaign')).toBe('Launch');
    expect(location.searchParams.get('utm_content')).toBe('hero banner');
    expect(location.searchParams.get('ref')).toBe('tf');
    expect(location.searchParams.get('x')).toBe('1');
    const visitorId = location.searchParams.get('tf_vid') as string;
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(location.searchParams.get('tf_cid')).toMatch(/^[0-9a-f-]{36}$/);

    const cookie = response.headers.get('set-cookie') as string;
    expect(cookie).toContain(`tf_vid=${visitorId}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).not.toMatch(/Secure/);
    expect(response.headers.get('cache-control')).toContain('no-store');

    const again = await click(link.shortCode, { cookie: `other=1; tf_vid=${visitorId}` });
    expect(new URL(again.headers.get('location') as string).searchParams.get('tf_vid')).toBe(visitorId);
  });

  it('marks the cookie Secure behind an https proxy only when the proxy is trusted', async () => {
    const link = await createLink({ destinationUrl: 'https://example.com/' });
    const response = await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https', 'user-agent': BROWSER_UA } });
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('answers 404 for unknown codes and 410 for paused, expired and deleted links, without naming other links', async () => {
    const unknown = await click('doesNotExist1');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
    const paused = await createLink({ destinationUrl: 'https://example.com/paused' });
    await server.ok(key, `mutation($id: ID!) { updateTrackedLink(id: $id, input: {status: PAUSED}) { status } }`, { id: paused.id });
    const pausedResponse = await click(paused.shortCode);
    expect(pausedResponse.status).toBe(410);
    expect(await pausedResponse.text()).not.toContain('example.com');

    const expired = await createLink({ destinationUrl: 'https://example.com/expired', expiryDate: new Date(Date.now() + 60_000).toISOString() });
    expect((await click(expired.shortCode)).status).toBe(302);
    await server.dataSource.query(`UPDATE trackflow.tracked_link SET expiry_date = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    await server.ok(key, `mutation($id: ID!) { updateTrackedLink(id: $id, input: {title: "touch to refresh caches"}) { status } }`, { id: expired.id });
    expect((await click(expired.shortCode)).status).toBe(410);
    const status = await server.ok<{ trackedLink: { status: string } }>(key, `query($id: ID!) { trackedLink(id: $id) { status } }`, { id: expired.id });
    expect(status.trackedLink.status).toBe('EXPIRED');

    const deleted = await createLink({ destinationUrl: 'https://example.com/deleted' });
    expect((await click(deleted.shortCode)).status).toBe(302);
    await server.ok(key, `mutation($id: ID!) { deleteTrackedLink(id: $id) }`, { id: deleted.id });
    expect((await click(deleted.shortCode)).status).toBe(410);
  });

  it('sends paused links with a fallback URL to the fallback, recording no click', async () => {
    const link = await createLink({ destinationUrl: 'https://example.com/live', fallbackUrl: 'https://example.com/sorry' });
    await server.ok(key, `mutation($id: ID!) { updateTrackedLink(id: $id, input: {status: PAUSED}) { id } }`, { id: link.id });
    const response = await click(link.shortCode);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.com/sorry');
    await server.drainClicks();
    expect(Number((await counters(link.id)).click_count)).toBe(0);
  });

  it('answers HEAD like GET but records no click', async () => {
    const link = await createLink({ destinationUrl: 'https://example.com/head' });
    const response = await click(link.shortCode, { method: 'HEAD' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^https:\/\/example\.com\/head\?tf_vid=/);
    await server.drainClicks();
    const rows: unknown[] = await server.dataSource.query(`SELECT 1 FROM trackflow.click_event WHERE tracked_link_id = $1`, [link.id]);
    expect(rows).toHaveLength(0);
  });

  it('stops redirecting a paused link within a second on another server process', async () => {
    const other = await TestServer.start();
    try {
      const link = await createLink({ destinationUrl: 'https://example.com/two-processes' });
      const warm = await fetch(`${other.url}/r/${link.shortCode}`, { method: 'HEAD', redirect: 'manual' });
      expect(warm.status).toBe(302);
      await server.ok(key, `mutation($id: ID!) { updateTrackedLink(id: $id, input: {status: PAUSED}) { id } }`, { id: link.id });
      const pausedAt = Date.now();
      let status = 302;
      while (status === 302 && Date.now() - pausedAt < 1000) {
        status = (await fetch(`${other.url}/r/${link.shortCode}`, { method: 'HEAD', redirect: 'manual' })).status;
      }
      expect(status).toBe(410);
    } finally {
      await other.stop();
    }
  });

  it('splits traffic among active variants by weight and keeps each visitor on one variant', async () => {
    const link = await createLink({ destinationUrl: 'https://example.com/original' });
    const add = (variantName: string, destinationUrl: string, weight: number) =>
      server.ok(key, `mutation($input: CreateLinkVariantInput!) { createLinkVariant(input: $input) { id } }`, { input: { trackedLinkId: link.id, variantName, destinationUrl, weight } });
    await add('A', 'https://example.com/a', 1);
    await add('B', 'https://example.com/b', 3);
    await add('off', 'https://example.com/never', 0);

    const seen = { a: 0, b: 0, other: 0 };
    const visits = 1200;
    for (let batch = 0; batch < visits / 50; batch++) {
      const responses = await Promise.all(Array.from({ length: 50 }, () => click(link.shortCode, { method: 'HEAD' })));
      for (const response of responses) {
        const path = new URL(response.headers.get('location') as string).pathname;
        if (path === '/a') seen.a++;
        else if (path === '/b') seen.b++;
        else seen.other++;
      }
    }
    expect(seen.other).toBe(0);
    // Binomial(1200, 0.25): mean 300, sd 15; five standard deviations keep this test from flaking.
    expect(Math.abs(seen.a - 300)).toBeLessThan(75);

    const first = await click(link.shortCode, { cookie: 'tf_vid=11111111-2222-4333-8444-555555555555' });
    const firstPath = new URL(first.headers.get('location') as string).pathname;
    for (let i = 0; i < 10; i++) {
      const again = await click(link.shortCode, { cookie: 'tf_vid=11111111-2222-4333-8444-555555555555', method: 'HEAD' });
      expect(new URL(again.headers.get('location') as string).pathname).toBe(firstPath);
    }
  });

  it('counts each redirect once, unique visitors once, and stores bots flagged but uncounted', async () => {
    const campaign = (await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Counting"}) { id } }`)).createCampaign;
    const link = await createLink({ destinationUrl: 'https://example.com/count', campaignId: campaign.id });
    const visitors = ['a1a1a1a1-0000-4000-8000-000000000001', 'a1a1a1a1-0000-4000-8000-000000000002', 'a1a1a1a1-0000-4000-8000-000000000003'];
    const responses = await Promise.all([
      ...visitors.flatMap((visitor) => [click(link.shortCode, { cookie: `tf_vid=${visitor}` }), click(link.shortCode, { cookie: `tf_vid=${visitor}` })]),
      click(link.shortCode, { ua: GOOGLEBOT_UA }),
      click(link.shortCode, { query: '?qr=1' }),
    ]);
    expect(responses.every((response) => response.status === 302)).toBe(true);
    await server.drainClicks();

    const rows: { is_bot: boolean; is_qr: boolean; event_type: string; device_type: string; browser: string; session_id: string | null }[] = await server.dataSource.query(
      `SELECT is_bot, is_qr, event_type, device_type, browser, session_id FROM trackflow.click_event WHERE tracked_link_id = $1`,
      [link.id],
    );
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.is_bot)).toHaveLength(1);
    expect(rows.filter((row) => row.is_qr && row.event_type === 'qr_scan')).toHaveLength(1);
    expect(rows.every((row) => row.session_id !== null)).toBe(true);
    expect(rows.find((row) => !row.is_bot)?.browser).toBe('Chrome');

    const linkCounters = await counters(link.id);
    expect(Number(linkCounters.click_count)).toBe(7);
    expect(Number(linkCounters.unique_visitor_count)).toBe(4);
    expect(linkCounters.last_click).not.toBeNull();
    const [campaignCounters]: { total_clicks: string; unique_visitors: string }[] = await server.dataSource.query(
      `SELECT total_clicks, unique_visitors FROM trackflow.link_campaign WHERE id = $1`,
      [campaign.id],
    );
    expect(campaignCounters).toEqual({ total_clicks: '7', unique_visitors: '4' });

    const sessions: { click_count: number }[] = await server.dataSource.query(
      `SELECT click_count FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspaceId, visitors[0]],
    );
    expect(sessions).toEqual([{ click_count: 2 }]);
    const gql = await server.ok<{ trackedLink: { clickCount: number; uniqueVisitorCount: number } }>(key, `query($id: ID!) { trackedLink(id: $id) { clickCount uniqueVisitorCount lastClick } }`, { id: link.id });
    expect(gql.trackedLink).toMatchObject({ clickCount: 7, uniqueVisitorCount: 4 });
  });

  it('excludes internal traffic and anonymises IPs when settings say so', async () => {
    const { key: otherKey } = await server.createKey();
    await server.ok(otherKey, `mutation { updateSettings(input: {excludeInternalTraffic: true, anonymizeIpAddresses: true, internalIpRanges: [{ipRange: "127.0.0.0/8"}, {ipRange: "::1/128"}]}) { excludeInternalTraffic } }`);
    const link = (await server.ok<LinkResult>(otherKey, CREATE_LINK, { input: { destinationUrl: 'https://example.com/internal' } })).createTrackedLink;
    expect((await click(link.shortCode)).status).toBe(302);
    await server.drainClicks();
    const [row]: { is_internal: boolean; ip_address: string }[] = await server.dataSource.query(`SELECT is_internal, ip_address FROM trackflow.click_event WHERE tracked_link_id = $1`, [link.id]);
    expect(row.is_internal).toBe(true);
    expect(['127.0.0.0', '::']).toContain(row.ip_address);
    expect(Number((await counters(link.id)).click_count)).toBe(0);
  });
});
