import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

type Journey = {
  personJourney: {
    personId: string;
    visitors: { visitorId: string; clickCount: number; clicks: { shortCode: string; source: string | null }[]; sessions: { id: string }[] }[];
    conversions: { conversionType: string; opportunityId: string | null; value: string }[];
  };
};
type ByModel = { model: { modelType: string; isDefault: boolean }; marketingInfluenced: boolean; rows: { channel: string; touchpointSource: string | null; attributionWeight: number; attributedValue: string }[] };
type OpportunityAttribution = { opportunityAttribution: { opportunityId: string; conversion: { id: string } | null; value: string; currencyCode: string; byModel: ByModel[] } };

const JOURNEY = `query($personId: String!) { personJourney(personId: $personId) {
  personId visitors { visitorId clickCount clicks { shortCode source } sessions { id } } conversions { conversionType opportunityId value } } }`;
const OPPORTUNITY = `query($id: String!) { opportunityAttribution(opportunityId: $id) {
  opportunityId conversion { id } value currencyCode byModel { model { modelType isDefault } marketingInfluenced rows { channel touchpointSource attributionWeight attributedValue } } } }`;

/** The reads behind the Journey tab on people and the Attribution tab on opportunities. */
describe("a person's journey and an opportunity's attribution over GraphQL", () => {
  let server: TestServer;
  let key: string;
  const visitorId = randomUUID();
  const personId = randomUUID();
  const opportunityId = randomUUID();

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    for (const [source, medium] of [
      ['newsletter', 'email'],
      ['google', 'cpc'],
    ]) {
      const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
        key,
        `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { shortCode } }`,
        { input: { destinationUrl: `https://shop.example.com/${source}`, source, medium } },
      );
      const response = await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
      expect(response.status).toBe(302);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await server.drainClicks();
    const record = `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`;
    await server.ok(key, record, { input: { conversionType: 'lead', visitorId, personId } });
    await server.ok(key, record, { input: { conversionType: 'deal', personId, opportunityId, value: '1000', currencyCode: 'EUR' } });
  });
  afterAll(() => server.stop());

  it("answers a person's visitors with their clicks and the person's conversions, in this workspace only", async () => {
    const { personJourney } = await server.ok<Journey>(key, JOURNEY, { personId });
    expect(personJourney.visitors).toHaveLength(1);
    expect(personJourney.visitors[0]).toMatchObject({ visitorId, clickCount: 2 });
    expect(personJourney.visitors[0].clicks.map((click) => click.source)).toEqual(['newsletter', 'google']);
    expect(personJourney.conversions.map((conversion) => [conversion.conversionType, conversion.opportunityId, conversion.value])).toEqual([
      ['lead', null, '0'],
      ['deal', opportunityId, '1000'],
    ]);

    const other = await server.createKey();
    const elsewhere = await server.ok<Journey>(other.key, JOURNEY, { personId });
    expect(elsewhere.personJourney).toEqual({ personId, visitors: [], conversions: [] });
  });

  it('refuses an empty person id, naming the field', async () => {
    const refused = await server.graphql(key, JOURNEY, { personId: '  ' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
  });

  it('credits a won deal under the default model first and every other active model, storing nothing', async () => {
    await server.ok(key, `mutation { createAttributionModel(input: {name: "Even split", modelType: "LINEAR"}) { id } }`);
    const { opportunityAttribution } = await server.ok<OpportunityAttribution>(key, OPPORTUNITY, { id: opportunityId });
    expect(opportunityAttribution).toMatchObject({ opportunityId, value: '1000', currencyCode: 'EUR' });
    expect(opportunityAttribution.conversion).not.toBeNull();
    const [byDefault, linear] = opportunityAttribution.byModel;
    expect(opportunityAttribution.byModel).toHaveLength(2);
    expect(byDefault.model).toEqual({ modelType: 'LAST_TOUCH', isDefault: true });
    expect(byDefault.rows.map((row) => [row.touchpointSource, row.attributionWeight, row.attributedValue])).toEqual([
      ['newsletter', 0, '0'],
      ['google', 1, '1000'],
    ]);
    expect(linear.model).toEqual({ modelType: 'LINEAR', isDefault: false });
    expect(linear.rows.map((row) => [row.touchpointSource, row.attributionWeight, row.attributedValue])).toEqual([
      ['newsletter', 0.5, '500'],
      ['google', 0.5, '500'],
    ]);
    const [{ count }] = await server.dataSource.query(`SELECT count(*)::int AS count FROM trackflow.deal_attribution WHERE opportunity_id = $1`, [opportunityId]);
    expect(count).toBe(0);
  });

  it('says which opportunity it does not know', async () => {
    const missing = randomUUID();
    const refused = await server.graphql(key, OPPORTUNITY, { id: missing });
    expect(refused.errors?.[0].message).toContain(missing);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'opportunityId' });
  });
});
