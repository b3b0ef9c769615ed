import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { ConnectedWorkspace, replayDelivery, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const AMOUNT_MICROS = 1_000_000_007;

/**
 * Two people of one company click two links and become leads; a deal with the first as point of
 * contact is attributed over both journeys, written back, mirrored, won, and survives Twenty's
 * retries and outages without a duplicate.
 */
describe('a deal through Twenty: attribution, won stage, company rollup, retries', () => {
  let connected: ConnectedWorkspace;
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;
  let workspaceId: string;
  const ids = { company: '', contact: '', colleague: '', opportunity: '', newsletterLink: '', adsLink: '' };

  async function twentyRest<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await twenty.asUser(method, `/rest/${path}`, body);
    const answer = (await response.json()) as { data: Record<string, T> };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return Object.values(answer.data)[0];
  }

  async function link(source: string, medium: string): Promise<{ id: string; shortCode: string }> {
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(
      key,
      `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", source: "${source}", medium: "${medium}", utmCampaign: "autumn"}) { id shortCode } }`,
    );
    return createTrackedLink;
  }

  const click = (shortCode: string, visitorId: string) => fetch(`${server.url}/r/${shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });

  const dealRows = (modelType?: string): Promise<{ touchpoint_source: string; attributed_value_micros: string; model_type: string; conversion_id: string | null }[]> =>
    server.dataSource.query(
      `SELECT touchpoint_source, attributed_value_micros, model_type, conversion_id FROM trackflow.deal_attribution
       WHERE workspace_id = $1 AND opportunity_id = $2 AND ($3::text IS NULL OR model_type = $3) ORDER BY touchpoint_index`,
      [workspaceId, ids.opportunity, modelType ?? null],
    );

  const mirroredAttributions = () => [...(twenty.records.get('trackflowDealAttributions')?.values() ?? [])].filter((record) => record.opportunityId === ids.opportunity && !record.deletedAt);

  beforeAll(async () => {
    connected = await startConnectedWorkspace('deal-flow');
    ({ server, twenty, key } = connected);
    [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [connected.workspaceName]);

    const adsLink = await link('google', 'cpc');
    const newsletterLink = await link('newsletter', 'email');
    ids.adsLink = adsLink.id;
    ids.newsletterLink = newsletterLink.id;
    const colleagueVisitor = randomUUID();
    const contactVisitor = randomUUID();
    await click(adsLink.shortCode, colleagueVisitor);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await click(newsletterLink.shortCode, contactVisitor);
    await server.drainClicks();

    ids.company = (await twentyRest<{ id: string }>('POST', 'companies', { name: 'Acme', domainName: { primaryLinkUrl: 'https://acme.example' } })).id;
    ids.colleague = (await twentyRest<{ id: string }>('POST', 'people', { name: { firstName: 'Bo', lastName: 'Ng' }, emails: { primaryEmail: 'bo@acme.example' }, companyId: ids.company, trackflowVisitorId: colleagueVisitor })).id;
    ids.contact = (await twentyRest<{ id: string }>('POST', 'people', { name: { firstName: 'Al', lastName: 'Ito' }, emails: { primaryEmail: 'al@acme.example' }, companyId: ids.company, trackflowVisitorId: contactVisitor })).id;
    await settle(connected);
  });
  afterAll(() => stopConnectedWorkspace(connected));

  it('attributes an open deal over the whole company journey, writes it back and mirrors the rows', async () => {
    ids.opportunity = (
      await twentyRest<{ id: string }>('POST', 'opportunities', {
        name: 'Acme renewal',
        amount: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' },
        stage: 'NEW',
        pointOfContactId: ids.contact,
        companyId: ids.company,
      })
    ).id;
    await settle(connected);

    // The default model is LAST_TOUCH: the whole amount goes to the contact's newsletter click, after the colleague's ad click.
    const rows = await dealRows();
    expect(rows.map((row) => [row.touchpoint_source, row.model_type, row.conversion_id])).toEqual([
      ['google', 'LAST_TOUCH', null],
      ['newsletter', 'LAST_TOUCH', null],
    ]);
    expect(rows.reduce((sum, row) => sum + BigInt(row.attributed_value_micros), 0n)).toBe(BigInt(AMOUNT_MICROS));
    expect(twenty.records.get('opportunities')?.get(ids.opportunity)).toMatchObject({
      trackflowAttributionModel: expect.any(String),
      trackflowFirstTouchSource: 'google',
      trackflowLastTouchSource: 'newsletter',
      trackflowMarketingInfluenced: true,
    });
    expect(mirroredAttributions()).toHaveLength(2);
    expect(mirroredAttributions().map((record) => record.attributedValue)).toEqual(expect.arrayContaining([{ amountMicros: AMOUNT_MICROS, currencyCode: 'USD' }]));
    const { dealLinks } = await server.ok<{ dealLinks: { trackedLinkId: string; associationType: string; attributionWeight: number }[] }>(
      key,
      `query($id: String!) { dealLinks(opportunityId: $id) { trackedLinkId associationType attributionWeight } }`,
      { id: ids.opportunity },
    );
    // Under the default model (last touch) the newsletter link has all the credit.
    expect(dealLinks).toEqual([
      { trackedLinkId: ids.adsLink, associationType: 'first_touch', attributionWeight: 0 },
      { trackedLinkId: ids.newsletterLink, associationType: 'last_touch', attributionWeight: 1 },
    ]);
    // The echo of our write-back changed nothing attribution depends on: one PATCH of the opportunity.
    expect(twenty.requests.filter((request) => request.method === 'PATCH' && request.path === `/rest/opportunities/${ids.opportunity}`)).toHaveLength(1);
  });

  it('with the contact-only scope, credits only the point of contact', async () => {
    const reserved = await server.graphql(key, `mutation { updateSettings(input: {leadStatusField: "type"}) { leadStatusField } }`);
    expect(reserved.errors?.[0]).toMatchObject({ message: expect.stringContaining('"type" is reserved by Twenty'), extensions: { field: 'leadStatusField' } });
    await server.ok(key, `mutation { updateSettings(input: {dealJourneyScope: "contact"}) { dealJourneyScope } }`);
    await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { amount: { amountMicros: AMOUNT_MICROS + 1, currencyCode: 'USD' } });
    await settle(connected);
    expect((await dealRows()).map((row) => row.touchpoint_source)).toEqual(['newsletter']);
    expect(mirroredAttributions()).toHaveLength(1);
    await server.ok(key, `mutation { updateSettings(input: {dealJourneyScope: "company"}) { dealJourneyScope } }`);
    await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { amount: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' } });
    await settle(connected);
    expect(await dealRows()).toHaveLength(2);
    expect(mirroredAttributions()).toHaveLength(2);
  });

  it('logs the stage move, records the deal Conversion at the won stage and rolls revenue up to the company', async () => {
    await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { stage: 'CUSTOMER' });
    await settle(connected);

    const conversions = await server.dataSource.query(`SELECT id, conversion_type, value_micros, person_id FROM trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`, [
      workspaceId,
      ids.opportunity,
    ]);
    expect(conversions).toEqual([{ id: expect.any(String), conversion_type: 'deal', value_micros: String(AMOUNT_MICROS), person_id: ids.contact }]);
    expect((await dealRows()).every((row) => row.conversion_id === conversions[0].id)).toBe(true);
    const { dealStageHistory } = await server.ok<{ dealStageHistory: { fromStage: string | null; toStage: string; changedAt: string; changedBy: string | null }[] }>(
      key,
      `query($id: String!) { dealStageHistory(opportunityId: $id) { fromStage toStage changedAt changedBy } }`,
      { id: ids.opportunity },
    );
    expect(dealStageHistory).toEqual([
      { fromStage: null, toStage: 'NEW', changedAt: expect.any(String), changedBy: twenty.workspaceMemberId },
      { fromStage: 'NEW', toStage: 'CUSTOMER', changedAt: expect.any(String), changedBy: twenty.workspaceMemberId },
    ]);
    expect(twenty.records.get('trackflowConversions')?.get(conversions[0].id)).toMatchObject({ conversionType: 'DEAL', value: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' }, personId: ids.contact });
    expect(twenty.records.get('companies')?.get(ids.company)).toMatchObject({
      trackflowFirstTouchSource: 'google',
      trackflowInfluencedRevenue: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' },
    });
  });

  it('splits the won deal exactly under every model', async () => {
    const [{ id: conversionId }] = await server.dataSource.query(`SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.opportunity]);
    for (const modelType of ['FIRST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'MARKOV', 'SHAPLEY']) {
      await server.ok(key, `mutation { createAttributionModel(input: {name: "${modelType} model", modelType: "${modelType}"}) { id } }`);
    }
    const { attributionModels } = await server.ok<{ attributionModels: { id: string; modelType: string }[] }>(key, `{ attributionModels { id modelType } }`);
    expect(attributionModels.map((model) => model.modelType).sort()).toEqual(['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'MARKOV', 'POSITION_BASED', 'SHAPLEY', 'TIME_DECAY']);
    for (const model of attributionModels) {
      await server.ok(key, `mutation { attributeConversion(conversionId: "${conversionId}", modelId: "${model.id}") { model { id } } }`);
      const rows = await dealRows(model.modelType);
      expect([model.modelType, rows.length]).toEqual([model.modelType, 2]);
      expect([model.modelType, rows.reduce((sum, row) => sum + BigInt(row.attributed_value_micros), 0n)]).toEqual([model.modelType, BigInt(AMOUNT_MICROS)]);
    }
  });

  it('processes a delivery posted twice (a proxy repeating it; Twenty itself never retries) once', async () => {
    await settle(connected);
    const before = await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.deal_stage_change WHERE workspace_id = $1`, [workspaceId]);
    const deliveriesBefore = await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1`, [workspaceId]);
    expect(await replayDelivery(connected, `${server.url}/webhooks/twenty`, 'opportunity.updated', ids.opportunity)).toBe(200);
    expect(await replayDelivery(connected, `${server.url}/webhooks/twenty`, 'opportunity.created', ids.opportunity)).toBe(200);
    await settle(connected);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.deal_stage_change WHERE workspace_id = $1`, [workspaceId])).toEqual(before);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1`, [workspaceId])).toEqual(deliveriesBefore);
  });

  it('rides out Twenty answering 500 and 429 for a while: everything arrives once it recovers, nothing twice', async () => {
    twenty.failNext(500, 3);
    await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { amount: { amountMicros: 2 * AMOUNT_MICROS, currencyCode: 'USD' } }).catch(() => undefined);
    // The PATCH above may itself have met an injected 500; the stand-in then did not change the deal, so it is sent until it lands.
    while ((twenty.records.get('opportunities')?.get(ids.opportunity)?.amount as { amountMicros: number }).amountMicros !== 2 * AMOUNT_MICROS) {
      await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { amount: { amountMicros: 2 * AMOUNT_MICROS, currencyCode: 'USD' } }).catch(() => undefined);
    }
    twenty.failNext(429, 3);
    await settle(connected);
    await settle(connected);

    const rows = await dealRows('LAST_TOUCH');
    expect(rows.reduce((sum, row) => sum + BigInt(row.attributed_value_micros), 0n)).toBe(BigInt(2 * AMOUNT_MICROS));
    expect(mirroredAttributions().filter((record) => record.modelType === 'LAST_TOUCH')).toHaveLength(2);
    expect(mirroredAttributions().map((record) => record.attributedValue)).toEqual(expect.arrayContaining([{ amountMicros: 2 * AMOUNT_MICROS, currencyCode: 'USD' }]));
    expect(twenty.records.get('companies')?.get(ids.company)).toMatchObject({ trackflowInfluencedRevenue: { amountMicros: 2 * AMOUNT_MICROS, currencyCode: 'USD' } });
    const conversions = await server.dataSource.query(`SELECT value_micros FROM trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.opportunity]);
    expect(conversions).toEqual([{ value_micros: String(2 * AMOUNT_MICROS) }]);
    expect([...(twenty.records.get('trackflowConversions')?.values() ?? [])].filter((record) => record.conversionType === 'DEAL')).toHaveLength(1);
    // Waiting out Twenty's minute-long rate limit (Retry-After) can take most of a minute on its own.
  }, 180_000);

  it('takes the deal conversion back when a won deal moves back to an open stage, in TrackFlow and in Twenty', async () => {
    const [{ id: conversionId }] = await server.dataSource.query(`SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.opportunity]);
    await twentyRest('PATCH', `opportunities/${ids.opportunity}`, { stage: 'PROPOSAL' });
    await settle(connected);
    expect(await server.dataSource.query(`SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.opportunity])).toEqual([]);
    expect(twenty.records.get('trackflowConversions')?.has(conversionId)).toBe(false);
    // Still attributed, as an open deal: the same amount, split over the same touches, tied to no conversion.
    const rows = await dealRows('LAST_TOUCH');
    expect(rows.map((row) => row.conversion_id)).toEqual([null, null]);
    expect(rows.reduce((sum, row) => sum + BigInt(row.attributed_value_micros), 0n)).toBe(BigInt(2 * AMOUNT_MICROS));
    // Twenty holds a copy of each row TrackFlow holds, and of no other.
    const held: { id: string }[] = await server.dataSource.query(`SELECT id FROM trackflow.deal_attribution WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.opportunity]);
    expect(mirroredAttributions().map((record) => record.id).sort()).toEqual(held.map((row) => row.id).sort());
    // Open pipeline is no influenced revenue.
    expect(twenty.records.get('companies')?.get(ids.company)).toMatchObject({ trackflowInfluencedRevenue: { amountMicros: 0, currencyCode: 'USD' } });
    const stages = await server.dataSource.query(`SELECT from_stage, to_stage FROM trackflow.deal_stage_change WHERE workspace_id = $1 AND opportunity_id = $2 ORDER BY change_date DESC LIMIT 1`, [workspaceId, ids.opportunity]);
    expect(stages).toEqual([{ from_stage: 'CUSTOMER', to_stage: 'PROPOSAL' }]);
  });
});
