import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { CAMPAIGNS, CREATE_CAMPAIGN } from 'tests/support/links-api';
import { checkScopes } from 'src/security/api-keys/api-key-secret.util';
import { TestServer } from 'tests/support/test-server';
import * as screens from '../../ui/src/queries';
// The Twenty app's route (ui-extension/) runs this inside Twenty; here it talks to a real TrackFlow.
import { ForwardedAnswer, forwardGraphql } from '../../ui-extension/src/logic-functions/forward-graphql';

type Errors = { errors: { message: string; extensions: Record<string, string> }[] };

const errorOf = (answer: ForwardedAnswer) => (answer.body as Errors).errors[0];

describe("the Twenty app's GraphQL route, forwarding to TrackFlow", () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers the workspace's data with the app's key, variables and operation name included", async () => {
    const connection = { url: `${server.url}/`, apiKey: key };
    const created = await forwardGraphql(connection, { query: CREATE_CAMPAIGN, variables: { input: { name: 'From Twenty', source: 'newsletter' } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ data: { createCampaign: { name: 'From Twenty', source: 'newsletter' } } });

    const listed = await forwardGraphql(connection, { query: `query Mine ${CAMPAIGNS.slice('query '.length)} query Other { campaigns { id } }`, operationName: 'Mine' });
    expect(listed.status).toBe(200);
    expect((listed.body as { data: { campaigns: { name: string }[] } }).data.campaigns.map((campaign) => campaign.name)).toEqual(['From Twenty']);
  });

  it("reaches, with a TWENTY_APP key, every operation the app's screens send and nothing of erasure, keys, webhooks, settings or queues", async () => {
    const { key: appKey } = await server.createKey(undefined, checkScopes([], 'TWENTY_APP'));
    const connection = { url: server.url, apiKey: appKey };
    const codes = async (query: string, variables: Record<string, unknown> = {}) => ((await forwardGraphql(connection, { query, variables })).body as Partial<Errors>).errors?.map((error) => error.extensions.code) ?? [];
    const someId = '00000000-0000-4000-8000-000000000000';
    const created = await forwardGraphql(connection, { query: screens.CREATE_CAMPAIGN, variables: { input: { name: 'Seen from Twenty' } } });
    const campaignId = (created.body as { data: { createCampaign: { id: string } } }).data.createCampaign.id;
    const screenOperations: [string, Record<string, unknown>][] = [
      [screens.CAMPAIGNS, {}],
      [screens.CAMPAIGN, { id: campaignId }],
      [screens.CAMPAIGN_ANALYTICS, { campaignId, from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString(), interval: 'DAY' }],
      [screens.TRACKED_LINKS, { campaignId }],
      [screens.LINK_TEMPLATES, {}],
      [screens.PERSON_JOURNEY, { personId: someId }],
      // A deal TrackFlow has not seen is "not found", which is an answer, not a refusal.
      [screens.OPPORTUNITY_ATTRIBUTION, { opportunityId: someId }],
    ];
    for (const [query, variables] of screenOperations) {
      expect([query.slice(0, 40), await codes(query, variables)]).toEqual([query.slice(0, 40), query === screens.OPPORTUNITY_ATTRIBUTION ? ['NOT_FOUND'] : []]);
    }
    for (const query of [
      'query { apiKeys { id } }',
      'query { settings { enableTracking } }',
      'query { webhookSubscriptions { id } }',
      'mutation { eraseVisitorData(subject: {email: "ann@example.com"}) }',
      screens.QUEUES,
    ]) {
      expect([query, await codes(query)]).toEqual([query, ['FORBIDDEN']]);
    }
  });

  it("passes TrackFlow's own refusal through unchanged", async () => {
    const direct = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tfk_wrong' }, body: JSON.stringify({ query: CAMPAIGNS }) });
    const forwarded = await forwardGraphql({ url: server.url, apiKey: 'tfk_wrong' }, { query: CAMPAIGNS });
    expect(forwarded.status).toBe(direct.status);
    expect(forwarded.body).toEqual(await direct.json());
    expect(errorOf(forwarded).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('says which application variable is missing, without calling TrackFlow', async () => {
    for (const [connection, variable] of [
      [{ url: undefined, apiKey: key }, 'TRACKFLOW_URL'],
      [{ url: server.url, apiKey: '  ' }, 'TRACKFLOW_API_KEY'],
    ] as const) {
      const answer = await forwardGraphql(connection, { query: CAMPAIGNS });
      expect(answer.status).toBe(503);
      expect(errorOf(answer)).toMatchObject({ message: expect.stringContaining(variable), extensions: { code: 'NOT_CONFIGURED', variable } });
    }
  });

  it('names the field and the rule of a malformed request', async () => {
    const connection = { url: server.url, apiKey: key };
    for (const [body, field] of [
      [null, 'body'],
      [[CAMPAIGNS], 'body'],
      [{ variables: {} }, 'query'],
      [{ query: '   ' }, 'query'],
      [{ query: CAMPAIGNS, variables: [1] }, 'variables'],
      [{ query: CAMPAIGNS, operationName: 7 }, 'operationName'],
    ] as const) {
      const answer = await forwardGraphql(connection, body);
      expect(answer.status).toBe(400);
      expect(errorOf(answer).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule: expect.any(String) });
    }
  });

  it('answers 502 when TrackFlow is unreachable or does not answer JSON', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await forwardGraphql({ url: closedUrl, apiKey: key }, { query: CAMPAIGNS });
    expect(unreachable.status).toBe(502);
    expect(errorOf(unreachable)).toMatchObject({ message: expect.stringContaining(`${closedUrl}/graphql`), extensions: { code: 'UPSTREAM_UNREACHABLE' } });

    const html = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>not TrackFlow</h1>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const notJson = await forwardGraphql({ url: `http://127.0.0.1:${(html.address() as AddressInfo).port}`, apiKey: key }, { query: CAMPAIGNS });
      expect(notJson.status).toBe(502);
      expect(errorOf(notJson)).toMatchObject({ message: expect.stringContaining('<h1>not TrackFlow</h1>'), extensions: { code: 'UPSTREAM_BAD_ANSWER' } });
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });
});
