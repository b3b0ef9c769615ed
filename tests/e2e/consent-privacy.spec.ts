import { randomUUID } from 'node:crypto';
import { SettingsWithoutGdprFlag1764499200001 } from 'migrations/1764499200001-settings-without-gdpr-flag';
import { BROWSER_UA, GOOGLEBOT_UA, TestServer } from 'tests/support/test-server';

type Privacy = { enableTracking: boolean; cookieConsentRequired: boolean; respectDoNotTrack: boolean };
type StoredClick = {
  visitor_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  referrer: string | null;
  campaign_id: string | null;
  variant_id: string | null;
  is_qr: boolean;
  is_bot: boolean;
  browser: string | null;
  session_id: string | null;
};

const SITE = 'https://shop.example.com';
const OPEN: Privacy = { enableTracking: true, cookieConsentRequired: false, respectDoNotTrack: false };

/**
 * Privacy settings on the redirect and the tracker's endpoints: a visitor who may not be tracked is
 * still sent on, but leaves only an anonymous count; one who consented on the site is tracked.
 */
describe('consent, Do Not Track and tracking off', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let publicKey: string;
  let campaignId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    await server.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
    publicKey = (await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { publicKey } }`)).updateWorkspace.publicKey;
    campaignId = (await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Spring", source: "newsletter", medium: "email"}) { id } }`)).createCampaign.id;
  });
  afterAll(() => server.stop());

  async function settle(privacy: Privacy): Promise<void> {
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { enableTracking } }`, { input: privacy });
  }

  async function createLink(withVariant = false): Promise<{ id: string; shortCode: string; variantId: string | null }> {
    const link = (
      await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(key, `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`, {
        input: { destinationUrl: `${SITE}/landing?plan=pro`, campaignId },
      })
    ).createTrackedLink;
    if (!withVariant) return { ...link, variantId: null };
    const variant = await server.ok<{ createLinkVariant: { id: string } }>(key, `mutation($input: CreateLinkVariantInput!) { createLinkVariant(input: $input) { id } }`, {
      input: { trackedLinkId: link.id, variantName: 'B', destinationUrl: `${SITE}/landing-b`, weight: 1, active: true },
    });
    return { ...link, variantId: variant.createLinkVariant.id };
  }

  function click(code: string, headers: Record<string, string> = {}, query = ''): Promise<Response> {
    return fetch(`${server.url}/r/${code}${query}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, referer: 'https://mail.example.com/inbox/42?user=ann@example.com', ...headers } });
  }

  async function storedClicks(linkId: string): Promise<StoredClick[]> {
    await server.drainClicks();
    return server.dataSource.query(
      `SELECT visitor_id, ip_address, user_agent, referrer, campaign_id, variant_id, is_qr, is_bot, browser, session_id
         FROM trackflow.click_event WHERE workspace_id = $1 AND tracked_link_id = $2 ORDER BY click_timestamp`,
      [workspaceId, linkId],
    );
  }

  async function counters(linkId: string): Promise<{ click_count: number; unique_visitor_count: number }> {
    const [row] = await server.dataSource.query(`SELECT click_count::int, unique_visitor_count::int FROM trackflow.tracked_link WHERE workspace_id = $1 AND id = $2`, [workspaceId, linkId]);
    return row;
  }

  function expectAnonymousAnswer(response: Response): void {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') as string);
    expect(location.pathname.startsWith('/landing')).toBe(true);
    expect(location.searchParams.get('utm_source')).toBe('newsletter');
    expect(location.searchParams.has('tf_vid')).toBe(false);
    expect(location.searchParams.has('tf_cid')).toBe(false);
    expect(response.headers.get('set-cookie')).toBeNull();
  }

  function expectIdentifiedAnswer(response: Response, visitorId?: string): string {
    expect(response.status).toBe(302);
    const id = new URL(response.headers.get('location') as string).searchParams.get('tf_vid') as string;
    if (visitorId) expect(id).toBe(visitorId);
    expect(id).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(response.headers.get('set-cookie')).toContain(`tf_vid=${id}`);
    return id;
  }

  const anonymousRow = (link: { variantId: string | null }, extra: Partial<StoredClick> = {}): StoredClick => ({
    visitor_id: null,
    ip_address: null,
    user_agent: null,
    referrer: 'https://mail.example.com',
    campaign_id: campaignId,
    variant_id: link.variantId,
    is_qr: false,
    is_bot: false,
    browser: null,
    session_id: null,
    ...extra,
  });

  it('with consent required, sends the visitor on and counts the click without cookie, ids, address or user agent', async () => {
    await settle({ ...OPEN, cookieConsentRequired: true });
    const link = await createLink(true);
    const known = `visitor-${randomUUID()}`;
    // Even a visitor id cookie from an earlier, consented time is not used without consent for this workspace.
    expectAnonymousAnswer(await click(link.shortCode, { cookie: `tf_vid=${known}` }));
    expectAnonymousAnswer(await click(link.shortCode, {}, '?qr=1'));
    expectAnonymousAnswer(await click(link.shortCode, { 'user-agent': GOOGLEBOT_UA }));

    expect(await storedClicks(link.id)).toEqual([anonymousRow(link), anonymousRow(link, { is_qr: true }), anonymousRow(link, { is_bot: true })]);
    // Counted as clicks (the bot excepted), never as visitors.
    expect(await counters(link.id)).toEqual({ click_count: 2, unique_visitor_count: 0 });
    expect(await server.dataSource.query(`SELECT 1 FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, known])).toEqual([]);
  });

  it('tracks a visitor who consented on the site, and only for the workspace they consented to', async () => {
    await settle({ ...OPEN, cookieConsentRequired: true });
    const link = await createLink();
    const visitorId = `visitor-${randomUUID()}`;
    const consent = await fetch(`${server.url}/api/collect/consent`, {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'text/plain' },
      body: JSON.stringify({ key: publicKey, visitorId, consent: true }),
    });
    expect(consent.status).toBe(204);
    expect(consent.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(consent.headers.get('access-control-allow-credentials')).toBe('true');
    const cookies = consent.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(new RegExp(`^tf_consent_${workspaceId}=1; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax$`));
    expect(cookies[1]).toMatch(new RegExp(`^tf_vid=${visitorId}; `));
    const jar = cookies.map((cookie) => cookie.split(';')[0]).join('; ');

    expectIdentifiedAnswer(await click(link.shortCode, { cookie: jar }), visitorId);
    expectAnonymousAnswer(await click(link.shortCode, { cookie: `tf_consent_${randomUUID()}=1; tf_vid=${visitorId}` }));
    const [tracked, anonymous] = await storedClicks(link.id);
    expect(tracked).toMatchObject({ visitor_id: visitorId, user_agent: BROWSER_UA, referrer: 'https://mail.example.com/inbox/42?user=ann@example.com', browser: 'Chrome' });
    expect(tracked.ip_address).not.toBeNull();
    expect(tracked.session_id).not.toBeNull();
    expect(anonymous).toEqual(anonymousRow({ variantId: null }));
    expect(await counters(link.id)).toEqual({ click_count: 2, unique_visitor_count: 1 });
  });

  it('honours a refusal recorded on the short-link host even where consent is not required', async () => {
    await settle(OPEN);
    const link = await createLink();
    const refusal = await fetch(`${server.url}/api/collect/consent`, {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'text/plain' },
      body: JSON.stringify({ key: publicKey, consent: false }),
    });
    expect(refusal.status).toBe(204);
    const cookies = refusal.headers.getSetCookie();
    expect(cookies).toEqual([expect.stringMatching(new RegExp(`^tf_consent_${workspaceId}=0; `))]);
    expectAnonymousAnswer(await click(link.shortCode, { cookie: cookies[0].split(';')[0] }));
    expectIdentifiedAnswer(await click(link.shortCode));
    expect((await storedClicks(link.id)).map((row) => row.visitor_id === null)).toEqual([true, false]);
  });

  it.each([
    ['Do Not Track', { dnt: '1' }],
    ['Global Privacy Control', { 'sec-gpc': '1' }],
  ])('counts a visitor sending %s anonymously when the workspace respects it, even after consent', async (_name, signal) => {
    await settle({ ...OPEN, respectDoNotTrack: true });
    const link = await createLink();
    const consented = `tf_consent_${workspaceId}=1; tf_vid=visitor-${randomUUID()}`;
    expectAnonymousAnswer(await click(link.shortCode, signal));
    expectAnonymousAnswer(await click(link.shortCode, { ...signal, cookie: consented }));
    expectIdentifiedAnswer(await click(link.shortCode, { dnt: '0' }));
    await settle(OPEN);
    expectIdentifiedAnswer(await click(link.shortCode, signal));
    expect((await storedClicks(link.id)).map((row) => row.visitor_id === null)).toEqual([true, true, false, false]);
  });

  it('with tracking off, still redirects but stores no click', async () => {
    await settle({ ...OPEN, enableTracking: false });
    const link = await createLink();
    expectAnonymousAnswer(await click(link.shortCode));
    expectAnonymousAnswer(await click(link.shortCode, { cookie: `tf_consent_${workspaceId}=1; tf_vid=visitor-${randomUUID()}` }));
    expect(await storedClicks(link.id)).toEqual([]);
    expect(await counters(link.id)).toEqual({ click_count: 0, unique_visitor_count: 0 });
    await settle(OPEN);
    expectIdentifiedAnswer(await click(link.shortCode));
    expect(await storedClicks(link.id)).toHaveLength(1);
  });

  it("gives the tracker the consent text and policy links, and says no to a Do Not Track visitor when the workspace respects it", async () => {
    await settle({ ...OPEN, cookieConsentRequired: true, respectDoNotTrack: true });
    await server.ok(key, `mutation { updateSettings(input: {cookieConsentText: "We count visits.", privacyPolicyLink: "https://shop.example.com/privacy", cookiePolicyLink: "https://shop.example.com/cookies"}) { cookieConsentText } }`);
    const config = (headers: Record<string, string> = {}) => fetch(`${server.url}/api/collect/config?key=${publicKey}`, { headers }).then((response) => response.json());
    expect(await config()).toEqual({
      tracking: true,
      consentRequired: true,
      cookieDays: 365,
      consentText: 'We count visits.',
      privacyPolicyLink: 'https://shop.example.com/privacy',
      cookiePolicyLink: 'https://shop.example.com/cookies',
    });
    expect(await config({ dnt: '1' })).toMatchObject({ tracking: false });
    expect(await config({ 'sec-gpc': '1' })).toMatchObject({ tracking: false });
    await settle(OPEN);
    expect(await config({ dnt: '1' })).toMatchObject({ tracking: true });
  });

  it('drops a tracker batch from a Do Not Track visitor when the workspace respects it', async () => {
    const visitorId = `visitor-${randomUUID()}`;
    const send = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'application/json', 'user-agent': BROWSER_UA, ...headers },
        body: JSON.stringify({ key: publicKey, visitorId, events: [{ id: `pv-${randomUUID()}`, type: 'pageview', url: `${SITE}/`, ts: Date.now() }] }),
      }).then((response) => response.json());
    await settle({ ...OPEN, respectDoNotTrack: true });
    expect(await send({ 'sec-gpc': '1' })).toMatchObject({ accepted: 0, tracking: false });
    expect(await send({ dnt: '1' })).toMatchObject({ accepted: 0, tracking: false });
    expect(await send({})).toMatchObject({ accepted: 1 });
    await server.drainEvents();
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId])).toEqual([{ n: 1 }]);
  });

  it('refuses a consent call naming the field and rule, and one from a site that is not the workspace\'s', async () => {
    const post = (body: unknown, origin = SITE) => fetch(`${server.url}/api/collect/consent`, { method: 'POST', headers: { origin, 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    const bad = await post({ key: publicKey, consent: 'yes' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'consent', rule: 'must be true or false' });
    expect(bad.headers.get('set-cookie')).toBeNull();
    const elsewhere = await post({ key: publicKey, visitorId: 'visitor-00000001', consent: true }, 'https://evil.example');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get('set-cookie')).toBeNull();
  });
});

describe('gdpr_compliance_enabled goes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('turns on consent, IP anonymisation and Do Not Track for a workspace that had it on, logging each change, and leaves the others alone', async () => {
    const strict = (await server.createKey()).workspaceId;
    const lax = (await server.createKey()).workspaceId;
    const runner = server.dataSource.createQueryRunner();
    const migration = new SettingsWithoutGdprFlag1764499200001();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await runner.query(
        `INSERT INTO trackflow.trackflow_settings (workspace_id, gdpr_compliance_enabled, anonymize_ip_addresses) VALUES ($1, true, true), ($2, false, false)
         ON CONFLICT (workspace_id) DO UPDATE SET gdpr_compliance_enabled = EXCLUDED.gdpr_compliance_enabled, anonymize_ip_addresses = EXCLUDED.anonymize_ip_addresses`,
        [strict, lax],
      );
      await migration.up(runner);
      const settings = await runner.query(
        `SELECT workspace_id, cookie_consent_required, anonymize_ip_addresses, respect_do_not_track FROM trackflow.trackflow_settings WHERE workspace_id = ANY($1) ORDER BY workspace_id = $2 DESC`,
        [[strict, lax], strict],
      );
      expect(settings).toEqual([
        { workspace_id: strict, cookie_consent_required: true, anonymize_ip_addresses: true, respect_do_not_track: true },
        { workspace_id: lax, cookie_consent_required: false, anonymize_ip_addresses: false, respect_do_not_track: false },
      ]);
      const logged = await runner.query(`SELECT workspace_id, field, old_value, new_value FROM trackflow.settings_audit_log WHERE workspace_id = ANY($1) ORDER BY field`, [[strict, lax]]);
      expect(logged).toEqual([
        { workspace_id: strict, field: 'cookieConsentRequired', old_value: false, new_value: true },
        { workspace_id: strict, field: 'respectDoNotTrack', old_value: false, new_value: true },
      ]);
      expect(await runner.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'trackflow' AND table_name = 'trackflow_settings' AND column_name = 'gdpr_compliance_enabled'`)).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
