import { BROWSER_UA, TestServer } from 'tests/support/test-server';

describe('previewChannelRules', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      'mutation { createTrackedLink(input: {destinationUrl: "https://example.com/spring", source: "newsletter", medium: "email"}) { shortCode } }',
    );
    await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    await server.drainClicks();
  });

  afterAll(() => server.stop());

  const preview = `query($rules: [UpdateChannelRuleInput!]!) { previewChannelRules(rules: $rules) { touchpointType source medium channel ruleName } }`;

  it("classifies the workspace's recent touches with unsaved rules, naming the rule that decided", async () => {
    const rules = [
      { name: 'Off', channelName: 'Never', priority: 1, isActive: false, matchConditions: [{ field: 'source', op: 'equals', value: 'newsletter' }] },
      { name: 'Mailings', channelName: 'Email blast', priority: 5, matchConditions: [{ field: 'medium', op: 'in', value: ['email', 'e-mail'] }] },
    ];
    expect((await server.ok<{ previewChannelRules: unknown[] }>(key, preview, { rules })).previewChannelRules).toEqual([
      { touchpointType: 'click', source: 'newsletter', medium: 'email', channel: 'Email blast', ruleName: 'Mailings' },
    ]);
    const [touch] = (await server.ok<{ previewChannelRules: { channel: string; ruleName: string | null }[] }>(key, preview, { rules: [] })).previewChannelRules;
    expect(touch.ruleName).toBeNull();
    expect(touch.channel).not.toBe('Email blast');
  });

  it('refuses a rule as saving it would, naming it', async () => {
    const result = await server.graphql(key, preview, { rules: [{ name: 'Broken', channelName: 'X', matchConditions: [{ field: 'medium', op: 'nope', value: 'x' }] }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0]?.extensions?.field).toMatch(/^channelRules\["Broken"\]/);
  });
});
