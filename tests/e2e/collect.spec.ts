import { randomUUID } from 'node:crypto';
import { SettingsService } from 'src/settings/settings.service';
import { engagementPoints } from 'src/tracking/events/engagement-score.util';
import { BROWSER_UA, GOOGLEBOT_UA, TestServer } from 'tests/support/test-server';

type Workspace = { id: string; publicKey: string; siteDomains: string[] };
const SITE = 'https://shop.example.com';
const MINUTE = 60_000;

describe('POST /api/collect', () => {
  let server: TestServer;
  let key: string;
  let workspace: Workspace;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    workspace = (await server.ok<{ updateWorkspace: Workspace }>(key, `mutation { updateWorkspace(input: {siteDomains: ["https://Shop.Example.com/"]}) { id publicKey siteDomains } }`)).updateWorkspace;
  });
  afterAll(() => server.stop());

  function post(body: unknown, options: { origin?: string | null; ua?: string; contentType?: string; raw?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', 'user-agent': options.ua ?? BROWSER_UA };
    if (options.origin !== null) headers.origin = options.origin ?? SITE;
    return fetch(`${server.url}/api/collect`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  }

  const pageview = (url: string, ts: number, id = `pv-${randomUUID()}`) => ({ id, type: 'pageview', url, ts, properties: { viewportWidth: 1280, viewportHeight: 720, timezone: 'Europe/Paris' } });

  async function visitor(visitorId: string) {
    const [row] = await server.dataSource.query(
      `SELECT page_views, source, campaign, last_source, last_campaign, is_bot, engagement_score::float AS score, timezone, viewport_w, merged_into_visitor_id, email_hash IS NOT NULL AS identified
       FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspace.id, visitorId],
    );
    return row;
  }

  it('lists the workspace key and normalised site domains', () => {
    expect(workspace.publicKey).toMatch(/^tfp_/);
    expect(workspace.siteDomains).toEqual(['shop.example.com']);
  });

  it('stores page views once, keeps first touch, follows last touch and splits sessions after 30 minutes', async () => {
    const visitorId = `vis-${randomUUID()}`;
    const start = Date.now() - 2 * 3_600_000;
    const first = [pageview(`${SITE}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=g1`, start), pageview(`${SITE}/pricing`, start + MINUTE)];
    const response = await post({ key: workspace.publicKey, visitorId, events: first });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await response.json()).toEqual({ accepted: 2, visitorId });
    expect((await post({ key: workspace.publicKey, visitorId, events: first })).status).toBe(202);
    await post({ key: workspace.publicKey, visitorId, events: [pageview(`${SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=summer`, start + 45 * MINUTE)] });
    await server.drainEvents();

    expect(await visitor(visitorId)).toMatchObject({ page_views: 3, source: 'google', campaign: 'spring', last_source: 'newsletter', last_campaign: 'summer', timezone: 'Europe/Paris', viewport_w: 1280 });
    const sessions = await server.dataSource.query(
      `SELECT page_views, entry_page, exit_page, is_bounce, source, campaign, duration_seconds FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY session_start`,
      [workspace.id, visitorId],
    );
    expect(sessions).toEqual([
      { page_views: 2, entry_page: first[0].url, exit_page: `${SITE}/pricing`, is_bounce: false, source: 'google', campaign: 'spring', duration_seconds: 60 },
      { page_views: 1, entry_page: `${SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=summer`, exit_page: `${SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=summer`, is_bounce: true, source: 'newsletter', campaign: 'summer', duration_seconds: 0 },
    ]);
    const [{ count, gclid }] = await server.dataSource.query(
      `SELECT count(*)::int AS count, max(event_data->'adClickIds'->>'gclid') AS gclid FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspace.id, visitorId],
    );
    expect({ count, gclid }).toEqual({ count: 3, gclid: 'g1' });
  });

  it('stores only the new events of a batch that replays some already stored, in a later job', async () => {
    const visitorId = `vis-${randomUUID()}`;
    const start = Date.now() - 3_600_000;
    const stored = [pageview(`${SITE}/`, start), pageview(`${SITE}/pricing`, start + MINUTE)];
    expect((await post({ key: workspace.publicKey, visitorId, events: stored })).status).toBe(202);
    await server.drainEvents();
    expect((await post({ key: workspace.publicKey, visitorId, events: [stored[1], pageview(`${SITE}/signup`, start + 2 * MINUTE), stored[0]] })).status).toBe(202);
    await server.drainEvents();

    const paths = await server.dataSource.query(`SELECT path FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY "timestamp"`, [workspace.id, visitorId]);
    expect(paths.map((row: { path: string }) => row.path)).toEqual(['/', '/pricing', '/signup']);
    expect(await visitor(visitorId)).toMatchObject({ page_views: 3 });
    const sessions = await server.dataSource.query(`SELECT page_views, exit_page FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`, [workspace.id, visitorId]);
    expect(sessions).toEqual([{ page_views: 3, exit_page: `${SITE}/signup` }]);
  });

  it('stores once an event sent again without ts, in a later job and twice in one', async () => {
    const visitorId = `vis-${randomUUID()}`;
    const untimed = (id: string, name: string) => ({ id, type: 'event', name, url: `${SITE}/pricing`, properties: { plan: 'pro' } });
    const body = { key: workspace.publicKey, visitorId, events: [untimed('signup-clicked-1', 'signup_clicked')] };
    expect((await post(body)).status).toBe(202);
    await server.drainEvents();
    // The client never heard back and sends it again, a few milliseconds later, so with another arrival time.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await post({ ...body, events: [...body.events, untimed('trial-started-1', 'trial_started')] })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await post({ ...body, events: [untimed('trial-started-1', 'trial_started')] })).status).toBe(202);
    await server.drainEvents();

    const names = await server.dataSource.query(`SELECT event_name FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY "timestamp"`, [workspace.id, visitorId]);
    expect(names.map((row: { event_name: string }) => row.event_name)).toEqual(['signup_clicked', 'trial_started']);
    // The visitor's score counts the two events, not the copies.
    expect((await visitor(visitorId)).score).toBeCloseTo(2 * engagementPoints('event', 0));
  });

  it("credits a visit that Microsoft Advertising auto-tagged (an msclkid, no UTMs) to bing / cpc, on the session and the visitor", async () => {
    const visitorId = `vis-${randomUUID()}`;
    expect((await post({ key: workspace.publicKey, visitorId, events: [pageview(`${SITE}/?msclkid=4b7e2a9c0d1f-auto-tagged`, Date.now() - MINUTE)] })).status).toBe(202);
    await server.drainEvents();
    const sessions = await server.dataSource.query(`SELECT source, medium FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`, [workspace.id, visitorId]);
    expect(sessions).toEqual([{ source: 'bing', medium: 'cpc' }]);
    expect(await visitor(visitorId)).toMatchObject({ source: 'bing', last_source: 'bing' });
  });

  it('accepts sendBeacon text/plain bodies and scores engagement', async () => {
    const visitorId = `vis-${randomUUID()}`;
    const now = Date.now();
    const events = [
      pageview(`${SITE}/`, now - 5000),
      { id: `cta-${randomUUID()}`, type: 'cta', name: 'Book a demo', url: `${SITE}/`, ts: now - 4000, properties: { selector: '#demo' } },
      { id: `eng-${randomUUID()}`, type: 'engagement', url: `${SITE}/`, ts: now, properties: { scroll: 80, engagedMs: 60_000 } },
    ];
    expect((await post(null, { contentType: 'text/plain;charset=UTF-8', raw: JSON.stringify({ key: workspace.publicKey, visitorId, events }) })).status).toBe(202);
    await server.drainEvents();
    // 1 (page view) + 2 (CTA) + 60 s engaged / 30 = 5.
    expect((await visitor(visitorId)).score).toBe(5);
    const [session] = await server.dataSource.query(`SELECT scroll_pct::float AS scroll, is_bounce FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`, [workspace.id, visitorId]);
    expect(session).toEqual({ scroll: 80, is_bounce: false });
  });

  it('stores text exactly as sent, backslashes, quotes and accents included', async () => {
    const visitorId = `vis-${randomUUID()}`;
    const url = `${SITE}/docs/C:\\temp\\N/"quoted"/café`;
    const referrer = 'https://ref.example/a\\tb';
    const event = { id: `ev-${randomUUID()}`, type: 'event', name: 'Say "hi" \\ bye', url, referrer, ts: Date.now(), properties: { note: 'C:\\new\\table "x" ✓', selector: '#a\\b' } };
    expect((await post({ key: workspace.publicKey, visitorId, events: [event] })).status).toBe(202);
    await server.drainEvents();
    const stored = await server.dataSource.query(
      `SELECT event_name, page_url, path, referrer, selector, event_data->>'note' AS note FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspace.id, visitorId],
    );
    expect(stored).toEqual([{ event_name: event.name, page_url: url, path: '/docs/C:\\temp\\N/"quoted"/café', referrer, selector: '#a\\b', note: event.properties.note }]);
  });

  it('stores bots flagged without counting them', async () => {
    const visitorId = `bot-${randomUUID()}`;
    await post({ key: workspace.publicKey, visitorId, events: [pageview(`${SITE}/`, Date.now())] }, { ua: GOOGLEBOT_UA });
    await server.drainEvents();
    expect(await visitor(visitorId)).toMatchObject({ page_views: 0, is_bot: true, score: 0 });
  });

  it('merges a visitor who identifies with an email already known, moving the journey without doubling it', async () => {
    const laptop = `vis-${randomUUID()}`;
    const phone = `vis-${randomUUID()}`;
    const now = Date.now();
    const identify = (visitorId: string, ts: number) => post({ key: workspace.publicKey, visitorId, events: [pageview(`${SITE}/`, ts - 1000), { id: `id-${randomUUID()}`, type: 'identify', url: `${SITE}/`, ts, properties: { email: 'Ann@Example.com' } }] });
    await identify(laptop, now - 60_000);
    await server.drainEvents();
    await identify(phone, now);
    await server.drainEvents();
    await post({ key: workspace.publicKey, visitorId: phone, events: [pageview(`${SITE}/after-merge`, now + 1000)] });
    await server.drainEvents();
    expect(await visitor(phone)).toMatchObject({ merged_into_visitor_id: laptop, page_views: 0 });
    expect(await visitor(laptop)).toMatchObject({ page_views: 3, identified: true });
    const events = await server.dataSource.query(`SELECT visitor_id, count(*)::int AS n FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id IN ($2, $3) GROUP BY visitor_id`, [workspace.id, laptop, phone]);
    expect(events).toEqual([{ visitor_id: laptop, n: 5 }]);

    type Journey = { visitor: { visitorId: string; mergedVisitorIds: string[]; pageViews: number; sessions: { pageViews: number; events: { eventType: string; path: string }[] }[]; clicks: unknown[] } };
    const journey = (
      await server.ok<Journey>(key, `query($id: String!) { visitor(id: $id) { visitorId mergedVisitorIds pageViews sessions { pageViews events { eventType path } } clicks { id } } }`, { id: phone })
    ).visitor;
    expect(journey).toMatchObject({ visitorId: laptop, mergedVisitorIds: [phone], pageViews: 3, clicks: [] });
    expect(journey.sessions.flatMap((session) => session.events.map((event) => event.eventType))).toEqual(['pageview', 'identify', 'pageview', 'identify', 'pageview']);
  });

  it('stores the external id a visitor identifies with and merges on it like on an email, both in one identify included', async () => {
    const [laptop, phone, tablet] = [`vis-${randomUUID()}`, `vis-${randomUUID()}`, `vis-${randomUUID()}`];
    const userId = `user-${randomUUID()}`;
    const now = Date.now();
    const identify = async (visitorId: string, ts: number, traits: Record<string, string>) => {
      const response = await post({ key: workspace.publicKey, visitorId, events: [pageview(`${SITE}/account`, ts - 1000), { id: `id-${randomUUID()}`, type: 'identify', url: `${SITE}/account`, ts, properties: traits }] });
      expect(response.status).toBe(202);
      await server.drainEvents();
    };
    const identity = async (visitorId: string) =>
      (await server.dataSource.query(`SELECT external_id, email_hash IS NOT NULL AS has_email, merged_into_visitor_id, page_views FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspace.id, visitorId]))[0];

    await identify(laptop, now - 120_000, { externalId: userId });
    expect(await identity(laptop)).toEqual({ external_id: userId, has_email: false, merged_into_visitor_id: null, page_views: 1 });
    await identify(phone, now - 60_000, { externalId: ` ${userId} ` });
    expect(await identity(phone)).toMatchObject({ merged_into_visitor_id: laptop, page_views: 0 });
    // A new email and the known id together: merged on the id, and the email follows, so the next device with that email finds the same visitor.
    const email = `${randomUUID()}@example.com`;
    await identify(tablet, now - 30_000, { email, externalId: userId });
    expect(await identity(tablet)).toMatchObject({ merged_into_visitor_id: laptop });
    const fourth = `vis-${randomUUID()}`;
    await identify(fourth, now, { email });
    expect(await identity(fourth)).toMatchObject({ merged_into_visitor_id: laptop });
    expect(await identity(laptop)).toEqual({ external_id: userId, has_email: true, merged_into_visitor_id: null, page_views: 4 });

    const { visitor: journey } = await server.ok<{ visitor: { visitorId: string; externalId: string; mergedVisitorIds: string[] } }>(
      key,
      `query($id: String!) { visitor(id: $id) { visitorId externalId mergedVisitorIds } }`,
      { id: phone },
    );
    expect(journey).toEqual({ visitorId: laptop, externalId: userId, mergedVisitorIds: [fourth, phone, tablet].sort() });
  });

  it('lists visitors most recent first, without bots unless asked, and validates the filter', async () => {
    const list = (filter: Record<string, unknown>) =>
      server.ok<{ visitors: { visitorId: string; isBot: boolean }[] }>(key, `query($filter: VisitorFilterInput) { visitors(filter: $filter) { visitorId isBot } }`, { filter }).then((data) => data.visitors);
    const humans = await list({ limit: 500 });
    expect(humans.length).toBeGreaterThan(0);
    expect(humans.every((visitor) => !visitor.isBot)).toBe(true);
    expect((await list({ includeBots: true, limit: 500 })).some((visitor) => visitor.isBot)).toBe(true);
    expect(await list({ source: 'google' })).toHaveLength(1);
    const bad = await server.graphql(key, `{ visitors(filter: {limit: 0}) { visitorId } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.limit' });
    const missing = await server.graphql(key, `{ visitor(id: "nobody-here") { visitorId } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers the tracker configuration for a key', async () => {
    const response = await fetch(`${server.url}/api/collect/config?key=${workspace.publicKey}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tracking: true, consentRequired: false, cookieDays: 365, consentText: null, privacyPolicyLink: null, cookiePolicyLink: null });
    expect(response.headers.get('vary')).toBe('DNT, Sec-GPC');
    expect((await fetch(`${server.url}/api/collect/config?key=nope`)).status).toBe(401);
  });

  it('answers the CORS preflight', async () => {
    const response = await fetch(`${server.url}/api/collect`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it.each([
    ['a bad field', () => ({ key: 'k', events: [{ type: 'pageview', url: 'ftp://x' }] }), {}, 400, { field: 'events[0].url', rule: 'must be an absolute http or https URL' }],
    ['an unknown key', () => ({ key: 'tfp_unknown', events: [{ type: 'pageview', url: `${SITE}/` }] }), {}, 401, { field: 'key' }],
    ['an unlisted origin', (ws: Workspace) => ({ key: ws.publicKey, events: [{ type: 'pageview', url: `${SITE}/` }] }), { origin: 'https://evil.example' }, 403, { field: 'origin' }],
    ['a wrong content type', (ws: Workspace) => ({ key: ws.publicKey }), { contentType: 'application/x-www-form-urlencoded' }, 415, { field: 'content-type' }],
    ['invalid JSON', () => null, { raw: '{"key":' }, 400, { field: 'body', rule: 'must be valid JSON' }],
    ['more than 64 KB', () => null, { raw: JSON.stringify({ key: 'k', pad: 'x'.repeat(70_000) }) }, 413, { field: 'body' }],
  ])('rejects %s', async (_label, body, options, status, expected) => {
    const response = await post(body(workspace), options as never);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(expected);
  });

  it('rate-limits one address per workspace with the hourly limit from settings', async () => {
    const { key: otherKey, workspaceId } = await server.createKey();
    const other = (await server.ok<{ updateWorkspace: Workspace }>(otherKey, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { id publicKey siteDomains } }`)).updateWorkspace;
    await server.dataSource.query(`UPDATE trackflow.trackflow_settings SET rate_limit_per_hour = 2 WHERE workspace_id = $1`, [workspaceId]);
    await server.get(SettingsService).update(workspaceId, {});
    const send = () => post({ key: other.publicKey, visitorId: 'visitor-rate-limit', events: [pageview(`${SITE}/`, Date.now())] });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses every origin while the workspace lists no site domains', async () => {
    const { key: otherKey } = await server.createKey();
    const other = (await server.ok<{ workspace: Workspace }>(otherKey, `{ workspace { id publicKey siteDomains } }`)).workspace;
    const response = await post({ key: other.publicKey, events: [pageview(`${SITE}/`, Date.now())] });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain('siteDomains');
    const invalid = await server.graphql(otherKey, `mutation { updateWorkspace(input: {siteDomains: ["not a domain"]}) { id } }`);
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siteDomains[0]' });
  });
});
