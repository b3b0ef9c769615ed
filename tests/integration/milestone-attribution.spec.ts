import { randomUUID } from 'node:crypto';
import { decimalToMicros } from 'src/common/money/micros.util';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

type Row = { touchpointSource: string | null; attributedValue: string };

const ATTRIBUTE = `mutation($id: ID!, $model: ID) { attributeConversion(conversionId: $id, modelId: $model) { marketingInfluenced rows { touchpointSource attributedValue } } }`;
const CREATE_MODEL = `mutation($input: CreateAttributionModelInput!) { createAttributionModel(input: $input) { id modelType milestoneWeights { firstTouch leadCreated opportunityCreated closedWon spread } } }`;
const REPORT = `query($model: String, $from: DateTime!, $to: DateTime!) {
  attributionReport(model: $model, groupBy: SOURCE, from: $from, to: $to) { modelType conversions rows { key value } } }`;

/**
 * One deal's journey, made by hand, all in September 2026 (10:00 UTC), inside the 30-day window:
 *   t0 09-01 google · t1 09-04 newsletter · t2 09-07 facebook · t3 09-11 bing · t4 09-16 newsletter · t5 09-21 google
 * Milestones: lead created 09-06 (credited to t1, the last touch at or before it), opportunity
 * created 09-13 (t3), won 09-21 at 10:00 (t5, a touch at the very instant). The deal is worth
 * 12,000,000 micros; the person's lead conversion 2,000,000.
 */
const at = (day: number) => `2026-09-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const TOUCHES: [number, string][] = [
  [1, 'google'],
  [4, 'newsletter'],
  [7, 'facebook'],
  [11, 'bing'],
  [16, 'newsletter'],
  [21, 'google'],
];
const SOURCES = TOUCHES.map(([, source]) => source);

describe('milestone models on a hand-made deal journey', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let dealConversionId: string;
  let leadConversionId: string;

  const credit = async (conversionId: string, modelId: string) => {
    const { attributeConversion } = await server.ok<{ attributeConversion: { marketingInfluenced: boolean; rows: Row[] } }>(key, ATTRIBUTE, { id: conversionId, model: modelId });
    expect(attributeConversion.marketingInfluenced).toBe(true);
    return attributeConversion.rows.map((row) => [row.touchpointSource, decimalToMicros(row.attributedValue, 'attributedValue')]);
  };
  const createModel = async (input: Record<string, unknown>) => (await server.ok<{ createAttributionModel: { id: string } }>(key, CREATE_MODEL, { input })).createAttributionModel.id;
  const expected = (...micros: bigint[]) => micros.map((value, index) => [SOURCES[index], value]);

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    const rows = new TrackingRows(server.dataSource, workspaceId);
    const personId = randomUUID();
    const opportunityId = randomUUID();
    const visitorId = randomUUID();
    await rows.visitor(visitorId, at(1), { personId });
    const linkId = await rows.link(`ms${process.pid}`, null);
    for (const [day, source] of TOUCHES) await rows.click(visitorId, linkId, at(day), { utm: { source, medium: 'cpc' } });
    leadConversionId = await rows.conversion('lead', at(6), { personId, valueMicros: 2_000_000n });
    dealConversionId = await rows.conversion('deal', at(21), { personId, opportunityId, valueMicros: 12_000_000n });
    const records = server.get(CrmRecordsRepository);
    await records.withRecordLock(workspaceId, opportunityId, (manager) =>
      records.saveDeal(
        manager,
        workspaceId,
        { opportunityId, stage: 'CUSTOMER', amountMicros: 12_000_000n, currencyCode: 'USD', pointOfContactId: personId, companyId: null },
        { wonAt: new Date(at(21)), conversionId: dealConversionId, marketingInfluenced: true },
        'Milestone deal',
        new Date(at(13)),
      ),
    );
  });
  afterAll(() => server.stop());

  it('U_SHAPED: 40 to t0, 40 to t1 (the lead), 20 over t2..t5', async () => {
    // 12e6 × 0.4 = 4,800,000 each; 12e6 × 0.2 / 4 = 600,000 each.
    const model = await createModel({ name: 'U', modelType: 'U_SHAPED' });
    expect(await credit(dealConversionId, model)).toEqual(expected(4_800_000n, 4_800_000n, 600_000n, 600_000n, 600_000n, 600_000n));
  });

  it('W_SHAPED: 30 to t0, t1 and t3 (the opportunity), 10 over t2, t4 and t5', async () => {
    // 12e6 × 0.3 = 3,600,000 each; 12e6 × 0.1 / 3 = 400,000 each.
    const model = await createModel({ name: 'W', modelType: 'W_SHAPED' });
    expect(await credit(dealConversionId, model)).toEqual(expected(3_600_000n, 3_600_000n, 400_000n, 3_600_000n, 400_000n, 400_000n));
  });

  it('FULL_PATH: 22.5 to t0, t1, t3 and t5 (won), 10 over t2 and t4', async () => {
    // 12e6 × 0.225 = 2,700,000 each; 12e6 × 0.1 / 2 = 600,000 each.
    const model = await createModel({ name: 'Full path', modelType: 'FULL_PATH' });
    expect(await credit(dealConversionId, model)).toEqual(expected(2_700_000n, 2_700_000n, 600_000n, 2_700_000n, 600_000n, 2_700_000n));
  });

  it('CUSTOM_MILESTONE 10/20/30/30 and 10 spread', async () => {
    // t0 10 → 1,200,000; t1 20 → 2,400,000; t3 30 → 3,600,000; t5 30 → 3,600,000; t2 and t4 5 → 600,000 each.
    const milestoneWeights = { firstTouch: 10, leadCreated: 20, opportunityCreated: 30, closedWon: 30, spread: 10 };
    const model = await createModel({ name: 'Custom milestones', modelType: 'CUSTOM_MILESTONE', milestoneWeights });
    expect(await credit(dealConversionId, model)).toEqual(expected(1_200_000n, 2_400_000n, 600_000n, 3_600_000n, 600_000n, 3_600_000n));
  });

  it('W_SHAPED on the lead: the opportunity came later, and t0 and t1 are both milestones, so they split it 50/50', async () => {
    // Window up to 09-06: t0 and t1. Opportunity missing: 30 + 30 take its 30 (45 each); no other touch takes the 10: 50 each.
    const model = await createModel({ name: 'W for leads', modelType: 'W_SHAPED' });
    expect(await credit(leadConversionId, model)).toEqual([['google', 1_000_000n], ['newsletter', 1_000_000n]]);
  });

  it('reports September under W_SHAPED by source, the lead and the deal together', async () => {
    // Deal: google 3.6M + 0.4M, newsletter 3.6M + 0.4M, bing 3.6M, facebook 0.4M; lead: google 1M, newsletter 1M.
    const { attributionReport } = await server.ok<{ attributionReport: { modelType: string; conversions: number; rows: { key: string; value: string }[] } }>(key, REPORT, {
      model: 'W_SHAPED',
      from: '2026-09-01T00:00:00Z',
      to: '2026-10-01T00:00:00Z',
    });
    expect(attributionReport.modelType).toBe('W_SHAPED');
    expect(attributionReport.conversions).toBe(2);
    const bySource = Object.fromEntries(attributionReport.rows.map((row) => [row.key, decimalToMicros(row.value, 'value')]));
    expect(bySource).toEqual({ google: 5_000_000n, newsletter: 5_000_000n, bing: 3_600_000n, facebook: 400_000n });
  });

  it('refuses custom milestone weights that do not sum to 100, naming the field', async () => {
    const refused = await server.graphql(key, CREATE_MODEL, {
      input: { name: 'Bad', modelType: 'CUSTOM_MILESTONE', milestoneWeights: { firstTouch: 40, leadCreated: 40, opportunityCreated: 10, closedWon: 0, spread: 0 } },
    });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'milestoneWeights' });
    expect(refused.errors?.[0].message).toContain('must be 100, got 40 + 40 + 10 + 0 + 0 = 90');
    const missing = await server.graphql(key, CREATE_MODEL, { input: { name: 'Bare', modelType: 'CUSTOM_MILESTONE' } });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'milestoneWeights' });
  });
});
