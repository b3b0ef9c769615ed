import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ATTRIBUTION_QUEUE, RefitModelsJob } from 'src/attribution/fitting/refit-models.job';
import { decimalToMicros } from 'src/common/money/micros.util';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

type Row = { channel: string; touchpointSource: string | null; attributionWeight: number; attributedValue: string; positionInJourney: string; touchpointType: string; trackedLinkId: string | null };
type Attribution = { attributeConversion: { marketingInfluenced: boolean; fallback: string | null; model: { id: string; modelType: string }; rows: Row[] } };
type Model = { id: string; name: string; modelType: string; isDefault: boolean; isActive: boolean; fittedAt: string | null; fittedModel: { credits: { channel: string; conversions: number }[] } | null };
type ReportRow = { key: string; label: string; currencyCode: string; conversions: number; value: string; touches: number };

const ATTRIBUTE = `mutation($id: ID!, $model: ID) { attributeConversion(conversionId: $id, modelId: $model) {
  marketingInfluenced fallback model { id modelType } rows { channel touchpointSource attributionWeight attributedValue positionInJourney touchpointType trackedLinkId } } }`;
const MODEL_FIELDS = 'id name modelType isDefault isActive fittedAt fittedModel';
const REPORT = `query($model: String, $groupBy: AttributionGroupBy!, $from: DateTime!, $to: DateTime!) {
  attributionReport(model: $model, groupBy: $groupBy, from: $from, to: $to) { modelName modelType conversions marketingInfluencedConversions rows { key label currencyCode conversions value touches } } }`;

describe('attribution over GraphQL', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  const links: Record<string, { id: string; shortCode: string }> = {};
  const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    for (const [name, source, medium] of [
      ['email', 'newsletter', 'email'],
      ['search', 'google', 'cpc'],
      ['social', 'facebook', 'paid_social'],
    ]) {
      const created = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(
        key,
        `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`,
        { input: { destinationUrl: `https://shop.example.com/${name}`, source, medium } },
      );
      links[name] = created.createTrackedLink;
    }
  });
  afterAll(() => server.stop());

  async function clickAs(visitorId: string, ...names: string[]): Promise<void> {
    for (const name of names) {
      const response = await fetch(`${server.url}/r/${links[name].shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
      expect(response.status).toBe(302);
      // Distinct timestamps keep the journey's order unambiguous.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await server.drainClicks();
  }

  async function recordDeal(visitorId: string, opportunityId: string, value: string): Promise<string> {
    const recorded = await server.ok<{ recordConversion: { id: string } }>(
      key,
      `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`,
      { input: { conversionType: 'deal', visitorId, opportunityId, value, currencyCode: 'USD' } },
    );
    return recorded.recordConversion.id;
  }

  function attribute(conversionId: string, modelId?: string): Promise<Attribution['attributeConversion']> {
    return server.ok<Attribution>(key, ATTRIBUTE, { id: conversionId, model: modelId }).then((data) => data.attributeConversion);
  }

  async function createModel(input: Record<string, unknown>): Promise<Model> {
    return (await server.ok<{ createAttributionModel: Model }>(key, `mutation($input: CreateAttributionModelInput!) { createAttributionModel(input: $input) { ${MODEL_FIELDS} } }`, { input })).createAttributionModel;
  }

  const sumMicros = (rows: { attributedValue?: string; value?: string }[]) => rows.reduce((sum, row) => sum + decimalToMicros(row.attributedValue ?? row.value ?? '0', 'value'), 0n);

  it('credits a deal under the default last-touch model and stores the rows, replacing them on a second run', async () => {
    const visitor = randomUUID();
    await clickAs(visitor, 'email', 'search', 'social');
    const conversionId = await recordDeal(visitor, 'opp-default', '1000');

    const models = (await server.ok<{ attributionModels: Model[] }>(key, `{ attributionModels { ${MODEL_FIELDS} } }`)).attributionModels;
    expect(models).toEqual([expect.objectContaining({ name: 'Last touch', modelType: 'LAST_TOUCH', isDefault: true })]);

    const result = await attribute(conversionId);
    expect(result.marketingInfluenced).toBe(true);
    expect(result.model.modelType).toBe('LAST_TOUCH');
    expect(result.rows.map((row) => [row.channel, row.attributionWeight, row.attributedValue, row.positionInJourney, row.touchpointType])).toEqual([
      ['Email', 0, '0', 'first', 'click'],
      ['Paid Search', 0, '0', 'middle', 'click'],
      ['Paid Social', 1, '1000', 'last', 'click'],
    ]);
    expect(result.rows[2].trackedLinkId).toBe(links.social.id);

    await attribute(conversionId);
    const stored: { opportunity_id: string; attributed_value_micros: string; channel: string }[] = await server.dataSource.query(
      `SELECT opportunity_id, attributed_value_micros, channel FROM trackflow.deal_attribution WHERE workspace_id = $1 AND conversion_id = $2 ORDER BY touchpoint_index`,
      [workspaceId, conversionId],
    );
    expect(stored).toEqual([
      { opportunity_id: 'opp-default', attributed_value_micros: '0', channel: 'Email' },
      { opportunity_id: 'opp-default', attributed_value_micros: '0', channel: 'Paid Search' },
      { opportunity_id: 'opp-default', attributed_value_micros: '1000000000', channel: 'Paid Social' },
    ]);
  });

  it('splits money exactly under linear, and reports and compares models by channel and source', async () => {
    const visitor = randomUUID();
    await clickAs(visitor, 'email', 'search', 'social');
    const conversionId = await recordDeal(visitor, 'opp-linear', '0.000001');
    const linear = await createModel({ name: 'Linear', modelType: 'LINEAR' });
    const result = await attribute(conversionId, linear.id);
    expect(result.rows.map((row) => row.attributionWeight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // One micro cannot be split three ways: exactly one touch gets it, the total stays exact.
    expect(sumMicros(result.rows)).toBe(1n);

    const report = (await server.ok<{ attributionReport: { conversions: number; marketingInfluencedConversions: number; rows: ReportRow[] } }>(key, REPORT, { model: 'LINEAR', groupBy: 'CHANNEL', ...period })).attributionReport;
    // Both deals of this workspace so far: 1000 USD and 0.000001 USD over the same three channels.
    expect(report.conversions).toBe(2);
    expect(report.marketingInfluencedConversions).toBe(2);
    expect(report.rows.map((row) => row.key).sort()).toEqual(['Email', 'Paid Search', 'Paid Social']);
    for (const row of report.rows) expect(row.conversions).toBeCloseTo(2 / 3, 12);
    expect(sumMicros(report.rows)).toBe(1_000_000_001n);

    const comparison = (
      await server.ok<{ compareAttributionModels: { rows: { key: string; spread: number; byModel: { modelName: string; conversions: number }[] }[] } }>(
        key,
        `query($from: DateTime!, $to: DateTime!) { compareAttributionModels(from: $from, to: $to, groupBy: SOURCE, models: ["FIRST_TOUCH", "LAST_TOUCH", "LINEAR"]) {
           rows { key spread byModel { modelName conversions } } } }`,
        period,
      )
    ).compareAttributionModels;
    const newsletter = comparison.rows.find((row) => row.key === 'newsletter');
    expect(newsletter?.byModel.map((credit) => [credit.modelName, credit.conversions])).toEqual([
      ['First touch', 2],
      ['Last touch', 0],
      ['Linear', 2 / 3],
    ]);
    expect(newsletter?.spread).toBe(2);
  });

  it('keeps exactly one default model and the setting in step with it', async () => {
    const decay = await createModel({ name: 'Decay', modelType: 'TIME_DECAY', timeDecayFactor: 0.5 });
    const changed = (await server.ok<{ setDefaultAttributionModel: Model }>(key, `mutation($id: ID!) { setDefaultAttributionModel(id: $id) { ${MODEL_FIELDS} } }`, { id: decay.id })).setDefaultAttributionModel;
    expect(changed.isDefault).toBe(true);
    const models = (await server.ok<{ attributionModels: Model[] }>(key, `{ attributionModels { ${MODEL_FIELDS} } }`)).attributionModels;
    expect(models.filter((model) => model.isDefault).map((model) => model.name)).toEqual(['Decay']);
    expect((await server.ok<{ settings: { defaultAttributionModel: string } }>(key, `{ settings { defaultAttributionModel } }`)).settings.defaultAttributionModel).toBe('TIME_DECAY');
    const halfLife = (await server.ok<{ attributionModel: { timeDecayHalfLifeDays: number } }>(key, `query($id: ID!) { attributionModel(id: $id) { timeDecayHalfLifeDays } }`, { id: decay.id })).attributionModel;
    expect(halfLife.timeDecayHalfLifeDays).toBeCloseTo(1, 4);

    const refused = await server.graphql(key, `mutation($id: ID!) { deleteAttributionModel(id: $id) }`, { id: decay.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const deactivate = await server.graphql(key, `mutation($id: ID!) { updateAttributionModel(id: $id, input: {isActive: false}) { id } }`, { id: decay.id });
    expect(deactivate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'isActive' });
  });

  it('rejects bad model parameters and bad channel rules naming the field and the rule', async () => {
    const weights = await server.graphql(key, `mutation { createAttributionModel(input: {name: "PB", modelType: "POSITION_BASED", positionBasedFirstWeight: 0.7, positionBasedLastWeight: 0.5}) { id } }`);
    expect(weights.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'positionBasedLastWeight' });
    const type = await server.graphql(key, `mutation { createAttributionModel(input: {name: "X", modelType: "MAGIC"}) { id } }`);
    expect(type.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'modelType' });
    const duplicate = await server.graphql(key, `mutation { createAttributionModel(input: {name: "linear", modelType: "LINEAR"}) { id } }`);
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });

    const custom = await createModel({ name: 'Custom A', modelType: 'CUSTOM' });
    const regex = await server.graphql(key, `mutation($input: ChannelRuleInput!) { createChannelRule(input: $input) { id } }`, {
      input: { attributionModelId: custom.id, name: 'Broken', channelName: 'Paid', matchConditions: [{ field: 'medium', op: 'regex', value: '(' }] },
    });
    expect(regex.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(regex.errors?.[0].extensions?.field).toBe('channelRules["Broken"].conditions[0].value');
    const field = await server.graphql(key, `mutation($input: ChannelRuleInput!) { createChannelRule(input: $input) { id } }`, {
      input: { attributionModelId: custom.id, name: 'Unknown', channelName: 'Paid', matchConditions: [{ field: 'utm_colour', op: 'equals', value: 'x' }] },
    });
    expect(field.errors?.[0].extensions?.field).toBe('channelRules["Unknown"].conditions[0].field');
  });

  it('weighs touches by their channel rule under CUSTOM', async () => {
    const custom = await createModel({ name: 'Custom B', modelType: 'CUSTOM' });
    for (const [name, channelName, medium, weight] of [
      ['Search', 'Search ads', 'cpc', 3],
      ['Mail', 'Newsletter', 'email', 1],
    ] as const) {
      await server.ok(key, `mutation($input: ChannelRuleInput!) { createChannelRule(input: $input) { id } }`, {
        input: { attributionModelId: custom.id, name, channelName, weight, matchConditions: [{ field: 'medium', op: 'equals', value: medium }] },
      });
    }
    const visitor = randomUUID();
    await clickAs(visitor, 'email', 'search', 'social');
    const result = await attribute(await recordDeal(visitor, 'opp-custom', '400'), custom.id);
    expect(result.rows.map((row) => [row.channel, row.attributionWeight, row.attributedValue])).toEqual([
      ['Newsletter', 0.25, '100'],
      ['Search ads', 0.75, '300'],
      ['Paid Social', 0, '0'],
    ]);
  });

  it('fits a Markov model on converting and non-converting journeys, on demand and in the nightly job', async () => {
    // Journeys that never converted make Paid Social look weak to the chain.
    for (let index = 0; index < 3; index += 1) await clickAs(randomUUID(), 'social');
    const markov = await createModel({ name: 'Markov', modelType: 'MARKOV' });
    const fitted = (
      await server.ok<{ fitAttributionModel: Model }>(key, `mutation($id: ID!, $from: DateTime, $to: DateTime) { fitAttributionModel(id: $id, from: $from, to: $to) { ${MODEL_FIELDS} } }`, { id: markov.id, ...period })
    ).fitAttributionModel;
    expect(fitted.fittedAt).not.toBeNull();
    const credits = new Map(fitted.fittedModel?.credits.map((credit) => [credit.channel, credit.conversions]));
    expect([...credits.keys()].sort()).toEqual(['Email', 'Paid Search', 'Paid Social']);
    // Journeys so far: 3 × Email > Paid Search > Paid Social converting, 3 × Paid Social alone not converting.
    // Order-1 chain: start → Email 1/2, start → Paid Social 1/2, Paid Social → conversion 1/2, so P(conversion) = 1/2.
    // Without Email (or Paid Search) only start → Paid Social converts: 1/4, removal effect 1/2; without Paid Social: 0, effect 1.
    // Credits ∝ 1/2 : 1/2 : 1 of the 3 conversions.
    expect(credits.get('Email')).toBeCloseTo(0.75, 9);
    expect(credits.get('Paid Search')).toBeCloseTo(0.75, 9);
    expect(credits.get('Paid Social')).toBeCloseTo(1.5, 9);

    const visitor = randomUUID();
    await clickAs(visitor, 'search', 'email');
    const result = await attribute(await recordDeal(visitor, 'opp-markov', '90'), markov.id);
    expect(result.fallback).toBeNull();
    expect(sumMicros(result.rows)).toBe(90_000_000n);

    await server.dataSource.query(`UPDATE trackflow.attribution_model SET fitted_at = now() - interval '2 days' WHERE id = $1`, [markov.id]);
    expect(await server.get(RefitModelsJob).run()).toMatchObject({ failed: 0 });
    const [refit]: { fitted_at: Date }[] = await server.dataSource.query(`SELECT fitted_at FROM trackflow.attribution_model WHERE id = $1`, [markov.id]);
    expect(Date.now() - refit.fitted_at.getTime()).toBeLessThan(86_400_000);

    const queue = server.get<Queue>(getQueueToken(ATTRIBUTION_QUEUE) as never);
    expect((await queue.getRepeatableJobs()).map((job) => job.cron)).toContain('0 3 * * *');
  });

  it('joins the touches of every visitor known to be the same person', async () => {
    const laptop = randomUUID();
    const phone = randomUUID();
    await clickAs(laptop, 'email');
    await clickAs(phone, 'search');
    const record = (input: Record<string, unknown>) =>
      server.ok<{ recordConversion: { id: string } }>(key, `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`, { input }).then((data) => data.recordConversion.id);
    await record({ conversionType: 'signup', visitorId: phone, personId: 'person-1' });
    const lead = await record({ conversionType: 'lead', visitorId: laptop, personId: 'person-1' });
    // Twenty retries: recording the same person's lead again updates it instead of adding one.
    expect(await record({ conversionType: 'lead', visitorId: laptop, personId: 'person-1', value: '5' })).toBe(lead);
    const [visitor] = await server.dataSource.query(`SELECT has_converted, conversion_count FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, laptop]);
    expect(visitor).toEqual({ has_converted: true, conversion_count: 1 });
    const result = await attribute(lead, (await createModel({ name: 'Linear for people', modelType: 'LINEAR' })).id);
    expect(result.rows.map((row) => [row.channel, row.attributedValue])).toEqual([
      ['Email', '2.5'],
      ['Paid Search', '2.5'],
    ]);
  });

  it('reports a conversion without any touch as not marketing-influenced', async () => {
    const result = await attribute(await recordDeal(randomUUID(), 'opp-direct', '50'));
    expect(result).toMatchObject({ marketingInfluenced: false, rows: [] });
  });

  it('keeps workspaces apart', async () => {
    const visitor = randomUUID();
    await clickAs(visitor, 'email');
    const conversionId = await recordDeal(visitor, 'opp-private', '10');
    const other = await server.createKey();
    const foreign = await server.graphql(other.key, ATTRIBUTE, { id: conversionId });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const models = (await server.ok<{ attributionModels: Model[] }>(other.key, `{ attributionModels { ${MODEL_FIELDS} } }`)).attributionModels;
    expect(models.map((model) => model.name)).toEqual(['Last touch']);
  });

  it('attributes one conversion asked for several times at once (a CRM delivery, a sync and a person at the screen) into one set of rows', async () => {
    const visitor = randomUUID();
    await clickAs(visitor, 'email', 'search');
    const conversionId = await recordDeal(visitor, 'opp-at-once', '300');

    const results = await Promise.all(Array.from({ length: 6 }, () => server.graphql<Attribution>(key, ATTRIBUTE, { id: conversionId })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const stored: { channel: string; attributed_value_micros: string }[] = await server.dataSource.query(
      `SELECT channel, attributed_value_micros FROM trackflow.deal_attribution WHERE workspace_id = $1 AND opportunity_id = 'opp-at-once' ORDER BY touchpoint_index`,
      [workspaceId],
    );
    // One row per touch, whatever the default model is by now, crediting the deal's value once.
    expect(stored.map((row) => row.channel)).toEqual(['Email', 'Paid Search']);
    expect(stored.reduce((sum, row) => sum + BigInt(row.attributed_value_micros), 0n)).toBe(300_000_000n);
  });
});
