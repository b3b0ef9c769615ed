import { RetentionService } from 'src/privacy/retention/retention.service';
import { ApiRequestLogService } from 'src/security/request-log/api-request-log.service';
import { TestServer } from 'tests/support/test-server';

describe('privacy settings with an audit, the API request log, security headers', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey(undefined, ['settings:write']));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('validates consent text and policy links, and records who changed what', async () => {
    const updated = await server.ok<{ updateSettings: Record<string, unknown> }>(
      key,
      `mutation { updateSettings(input: {cookieConsentRequired: true, cookieConsentText: "We count visits.", privacyPolicyLink: "https://example.com/privacy", rateLimitPerHour: 500}) {
        cookieConsentRequired cookieConsentText privacyPolicyLink cookiePolicyLink rateLimitPerHour } }`,
    );
    expect(updated.updateSettings).toEqual({ cookieConsentRequired: true, cookieConsentText: 'We count visits.', privacyPolicyLink: 'https://example.com/privacy', cookiePolicyLink: null, rateLimitPerHour: 500 });
    const script = await server.graphql(key, 'mutation { updateSettings(input: {cookieConsentText: "<script>alert(1)</script>"}) { cookieConsentText } }');
    expect(script.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cookieConsentText' });
    const link = await server.graphql(key, 'mutation { updateSettings(input: {cookiePolicyLink: "javascript:alert(1)"}) { cookiePolicyLink } }');
    expect(link.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cookiePolicyLink' });
    // Unchanged values are not audited.
    await server.ok(key, 'mutation { updateSettings(input: {cookieConsentRequired: true, privacyPolicyLink: "https://example.com/privacy-v2"}) { privacyPolicyLink } }');

    const { settingsChanges } = await server.ok<{ settingsChanges: { field: string; apiKeyId: string; oldValue: string; newValue: string }[] }>(key, '{ settingsChanges { field apiKeyId oldValue newValue } }');
    const [apiKeyId] = (await server.dataSource.query(`SELECT id FROM trackflow.api_key WHERE workspace_id = $1`, [workspaceId])).map((row: { id: string }) => row.id);
    expect(settingsChanges.map(({ field, oldValue, newValue }) => [field, oldValue, newValue]).sort()).toEqual(
      [
        ['cookieConsentRequired', 'false', 'true'],
        ['cookieConsentText', 'null', '"We count visits."'],
        ['privacyPolicyLink', 'null', '"https://example.com/privacy"'],
        ['privacyPolicyLink', '"https://example.com/privacy"', '"https://example.com/privacy-v2"'],
        ['rateLimitPerHour', '1000', '500'],
      ].sort(),
    );
    expect(new Set(settingsChanges.map((change) => change.apiKeyId))).toEqual(new Set([apiKeyId]));
  });

  it("pages through a key's logged requests for an admin, newest first, in its own workspace only", async () => {
    type Request = { id: string; requestTime: string; endpoint: string; method: string; responseCode: number; requestData: string | null; ipAddress: string };
    type Page = { apiRequests: { requests: Request[]; nextCursor: string | null } };
    const PAGE = `query($apiKeyId: ID!, $after: String) { apiRequests(apiKeyId: $apiKeyId, first: 2, after: $after) { requests { id requestTime endpoint method responseCode requestData ipAddress } nextCursor } }`;
    const admin = await server.createKey(undefined, ['admin']);
    const { apiKeys } = await server.ok<{ apiKeys: { id: string }[] }>(admin.key, '{ apiKeys { id } }');
    const apiKeyId = apiKeys[0].id;
    await server.ok(admin.key, '{ settings { rateLimitPerHour } }');
    await server.ok(admin.key, '{ webhookSubscriptions { id } }');
    await server.get(ApiRequestLogService).flush();

    const first = await server.ok<Page>(admin.key, PAGE, { apiKeyId });
    expect(first.apiRequests.requests).toHaveLength(2);
    expect(first.apiRequests.requests[0]).toMatchObject({ endpoint: '/graphql', method: 'POST', responseCode: 200, requestData: null, ipAddress: expect.stringMatching(/127\.0\.0\.1/) });
    const second = await server.ok<Page>(admin.key, PAGE, { apiKeyId, after: first.apiRequests.nextCursor });
    expect(second.apiRequests.nextCursor).toBeNull();
    const all = [...first.apiRequests.requests, ...second.apiRequests.requests];
    expect(new Set(all.map((request) => request.id)).size).toBe(3);
    expect(all.map((request) => request.requestTime)).toEqual(all.map((request) => request.requestTime).sort().reverse());

    const forged = await server.graphql(admin.key, PAGE, { apiKeyId, after: 'c29tZXdoZXJl' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const refused = await server.graphql(key, PAGE, { apiKeyId });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await server.createKey(undefined, ['admin']);
    expect(await server.ok<Page>(elsewhere.key, PAGE, { apiKeyId })).toEqual({ apiRequests: { requests: [], nextCursor: null } });
  });

  it('logs each keyed request without its body, and with the body redacted once enabled', async () => {
    const log = server.get(ApiRequestLogService);
    await server.ok(key, '{ settings { rateLimitPerHour } }');
    await log.flush();
    const rows = await server.dataSource.query(`SELECT endpoint, method, response_code, api_key_id IS NOT NULL AS keyed, host(ip_address) AS ip, request_data FROM trackflow.api_request_log WHERE workspace_id = $1`, [workspaceId]);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({ endpoint: '/graphql', method: 'POST', response_code: 200, keyed: true, request_data: null });
    expect(rows[0].ip).toMatch(/127\.0\.0\.1/);

    await server.ok(key, 'mutation { updateSettings(input: {logRequestBodies: true}) { logRequestBodies } }');
    const secret = 'tfk_verysecretvalue123456';
    await server.graphql(key, 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', { input: { name: `carries ${secret}`, scopes: ['*'] } });
    await log.flush();
    const [logged] = await server.dataSource.query(`SELECT request_data, response_data, response_code FROM trackflow.api_request_log WHERE workspace_id = $1 AND request_data LIKE '%createApiKey%'`, [workspaceId]);
    expect(logged.request_data).toContain('tfk_[redacted]');
    expect(logged.request_data).not.toContain(secret);
    // The answer is logged too (this key may not make keys: the refusal).
    expect(JSON.parse(logged.response_data).errors[0].extensions.code).toBe('FORBIDDEN');
    await server.ok(key, '{ settings { rateLimitPerHour } }');
    await log.flush();
    const answers = await server.dataSource.query(`SELECT response_data FROM trackflow.api_request_log WHERE workspace_id = $1 AND request_data LIKE '%settings { rateLimitPerHour }%' AND response_data IS NOT NULL`, [workspaceId]);
    expect(answers.map((row: { response_data: string }) => JSON.parse(row.response_data))).toEqual([{ data: { settings: { rateLimitPerHour: 500 } } }]);
  });

  it('anonymises the addresses it logs while the workspace anonymises addresses', async () => {
    const log = server.get(ApiRequestLogService);
    const addressesBetween = async (from: Date, to: Date) => {
      await log.flush();
      const rows: { ip: string }[] = await server.dataSource.query(
        `SELECT DISTINCT host(ip_address) AS ip FROM trackflow.api_request_log WHERE workspace_id = $1 AND request_time >= $2 AND request_time < $3`,
        [workspaceId, from, to],
      );
      return rows.map((row) => row.ip);
    };
    const now = async (): Promise<Date> => (await server.dataSource.query(`SELECT clock_timestamp() AS now`))[0].now;
    const turnedOn = await now();
    // Logged under the settings read when it finished: anonymised already.
    await server.ok(key, 'mutation { updateSettings(input: {anonymizeIpAddresses: true}) { anonymizeIpAddresses } }');
    await server.ok(key, '{ settings { anonymizeIpAddresses } }');
    const turnedOff = await now();
    await server.ok(key, 'mutation { updateSettings(input: {anonymizeIpAddresses: false}) { anonymizeIpAddresses } }');
    await server.ok(key, '{ settings { anonymizeIpAddresses } }');
    expect(await addressesBetween(turnedOn, turnedOff)).toEqual(['127.0.0.0']);
    expect(await addressesBetween(turnedOff, await now())).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
  });

  it("purges rows past the workspace's period (the server's 90 days unless set) and keeps the rest", async () => {
    await server.dataSource.query(
      `INSERT INTO trackflow.api_request_log (workspace_id, endpoint, method, request_time, response_code)
       SELECT $1, '/graphql', 'POST', now() - make_interval(days => d), 200 FROM unnest(ARRAY[91, 89, 40]) d`,
      [workspaceId],
    );
    const oldest = async () => (await server.dataSource.query(`SELECT floor(extract(epoch FROM now() - min(request_time)) / 86400)::int AS days FROM trackflow.api_request_log WHERE workspace_id = $1`, [workspaceId]))[0].days;
    expect(await oldest()).toBe(91);
    await server.get(RetentionService).run();
    expect(await oldest()).toBe(89);
    await server.ok(key, 'mutation { updateSettings(input: {retentionApiRequestLogDays: 30}) { retentionApiRequestLogDays } }');
    await server.get(RetentionService).run();
    expect(await oldest()).toBe(0);
  });

  it('sends security headers on JSON, HTML and redirect answers', async () => {
    for (const path of ['/healthz', '/r/nosuchcode', '/api/collect']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect([path, response.headers.get('x-content-type-options'), response.headers.get('x-frame-options')]).toEqual([path, 'nosniff', 'DENY']);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const graphql = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ settings { rateLimitPerHour } }"}' });
    expect(graphql.headers.get('x-content-type-options')).toBe('nosniff');
    expect(graphql.headers.get('access-control-allow-origin')).toBeNull();
  });
});
