import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

/**
 * The journey reports over a hand-made CRM history. Day k is T0 + k days, T0 being 25 days before
 * today's midnight (UTC): open deals' journeys end now, so the history must lie inside the default
 * 30-day lookback window before now. Channels come from the default grouping of the clicks' UTMs:
 *   E = Email (newsletter / email, campaign spring), S = Paid Search (google / cpc, brand),
 *   P = Paid Social (facebook / paid_social, launch).
 *
 *   person  touches                     lead            deal (contact)
 *   p1      E d0, S d2, S d8            d3, 0 USD       O1: opened d5, won d10, 1000 USD (deal conversion d10)
 *   p2      S d1, P d6                  d1, 0 USD       O2: opened d4, open, 500 EUR
 *   p3      P d2, E d4, E d5, S d11     d9, 0 USD       O3: opened d12, open, 2000 USD
 *   p4      E d7                        d8, 0 USD       —
 *   p5      —                           d6, 0 USD       O5: opened d6, won d9, 300 EUR (deal conversion d9)
 *   p6      E d10, S d11                d15, 50 EUR     —
 * Another workspace has a Display click (campaign other-ws), a lead and an open deal in the same days.
 */
const DAY = 86_400_000;
const T0 = Math.floor(Date.now() / DAY) * DAY - 25 * DAY;
const day = (k: number): string => new Date(T0 + k * DAY).toISOString();
const PERIOD = { from: day(0), to: day(24) };

const UTM = {
  E: { source: 'newsletter', medium: 'email', campaign: 'spring' },
  S: { source: 'google', medium: 'cpc', campaign: 'brand' },
  P: { source: 'facebook', medium: 'paid_social', campaign: 'launch' },
  D: { source: 'gdn', medium: 'display', campaign: 'other-ws' },
} as const;

const MONEY = '{ currencyCode amount }';
const DISTRIBUTION = '{ count median p25 p75 buckets { label count } }';
const PATHS = `query($from: DateTime!, $to: DateTime!, $type: String, $top: Int) { conversionPaths(from: $from, to: $to, conversionType: $type, top: $top) {
  modelType groupBy conversions conversionsWithTouches distinctPaths paths { path touches conversions value ${MONEY} medianDaysToConvert } pathLengths { touches conversions share } } }`;
const ASSISTED = `query($from: DateTime!, $to: DateTime!) { assistedConversions(from: $from, to: $to) {
  conversions conversionsWithTouches rows { key lastTouchConversions lastTouchValue ${MONEY} assistedConversions assistedValue ${MONEY} assistedToLastRatio } } }`;
const TIME_LAG = `query($from: DateTime!, $to: DateTime!) { timeLag(from: $from, to: $to) { stages { stage outOfOrder
  overall { journeys days ${DISTRIBUTION} touches ${DISTRIBUTION} } groups { key journeys days { median } touches { median } } } } }`;
const PIPELINE = `query($from: DateTime!, $to: DateTime!) { pipelineInfluence(from: $from, to: $to) { groupBy
  rows { key currencyCode sourcedPipeline { deals amount } influencedPipeline { deals amount } sourcedRevenue { deals amount } influencedRevenue { deals amount } }
  totals { currencyCode pipeline { deals amount } revenue { deals amount } } } }`;

describe('journey reports over a hand-made CRM history', () => {
  let server: TestServer;
  let key: string;

  async function history(rows: TrackingRows, people: Record<string, { touches: [keyof typeof UTM, number][]; lead: [number, bigint, string] }>): Promise<void> {
    const link = await rows.link(`rp${process.pid}${Math.random().toString(36).slice(2, 8)}`, null);
    for (const [person, { touches, lead }] of Object.entries(people)) {
      const visitor = `${person}-visitor-${rows.workspaceId.slice(0, 8)}`;
      await rows.visitor(visitor, day(-1), { personId: person });
      for (const [channel, k] of touches) await rows.click(visitor, link, day(k), { utm: UTM[channel] });
      await rows.conversion('lead', day(lead[0]), { visitorId: visitor, personId: person, valueMicros: lead[1], currencyCode: lead[2] });
    }
  }

  async function deal(rows: TrackingRows, opportunityId: string, contact: string, amount: bigint, currency: string, stages: [string, number][], won: number | null): Promise<void> {
    await server.dataSource.query(
      `INSERT INTO trackflow.crm_deal (workspace_id, opportunity_id, stage, amount_micros, currency_code, point_of_contact_id, won_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [rows.workspaceId, opportunityId, stages[stages.length - 1][0], amount.toString(), currency, contact, won === null ? null : day(won)],
    );
    let from: string | null = null;
    for (const [stage, k] of stages) {
      await server.dataSource.query(`INSERT INTO trackflow.deal_stage_change (workspace_id, opportunity_id, from_stage, to_stage, change_date) VALUES ($1, $2, $3, $4, $5)`, [rows.workspaceId, opportunityId, from, stage, day(k)]);
      from = stage;
    }
    if (won !== null) await rows.conversion('deal', day(won), { personId: contact, opportunityId, valueMicros: amount, currencyCode: currency });
  }

  beforeAll(async () => {
    server = await TestServer.start();
    let workspaceId: string;
    ({ key, workspaceId } = await server.createKey());
    const rows = new TrackingRows(server.dataSource, workspaceId);
    await history(rows, {
      p1: { touches: [['E', 0], ['S', 2], ['S', 8]], lead: [3, 0n, 'USD'] },
      p2: { touches: [['S', 1], ['P', 6]], lead: [1, 0n, 'USD'] },
      p3: { touches: [['P', 2], ['E', 4], ['E', 5], ['S', 11]], lead: [9, 0n, 'USD'] },
      p4: { touches: [['E', 7]], lead: [8, 0n, 'USD'] },
      p5: { touches: [], lead: [6, 0n, 'USD'] },
      p6: { touches: [['E', 10], ['S', 11]], lead: [15, 50_000_000n, 'EUR'] },
    });
    await deal(rows, 'O1', 'p1', 1_000_000_000n, 'USD', [['NEW', 5], ['CUSTOMER', 10]], 10);
    await deal(rows, 'O2', 'p2', 500_000_000n, 'EUR', [['NEW', 4]], null);
    await deal(rows, 'O3', 'p3', 2_000_000_000n, 'USD', [['NEW', 12]], null);
    await deal(rows, 'O5', 'p5', 300_000_000n, 'EUR', [['NEW', 6], ['CUSTOMER', 9]], 9);

    const other = new TrackingRows(server.dataSource, (await server.createKey()).workspaceId);
    await history(other, { px: { touches: [['D', 2]], lead: [3, 7_000_000n, 'USD'] } });
    await deal(other, 'OX', 'px', 999_000_000n, 'USD', [['NEW', 4]], null);
  });
  afterAll(() => server.stop());

  it('lists conversion paths with their value per currency, median days and the path lengths', async () => {
    const { conversionPaths } = await server.ok<{ conversionPaths: Record<string, unknown> }>(key, PATHS, { ...PERIOD, top: 2 });
    // 8 conversions (6 leads, 2 deals); p5's lead and O5's deal have no touch. The 6 journeys:
    //   p1 lead  Email > Paid Search                   3 days (d0 → d3)   0 USD
    //   p2 lead  Paid Search                           0 days             0 USD
    //   p3 lead  Paid Social > Email > Email           7 days (d2 → d9)   0 USD
    //   p4 lead  Email                                 1 day  (d7 → d8)   0 USD
    //   O1 deal  Email > Paid Search > Paid Search    10 days (d0 → d10)  1000 USD
    //   p6 lead  Email > Paid Search                   5 days (d10 → d15) 50 EUR
    // "Email > Paid Search" converts twice (median of 3 and 5 = 4); of the single ones "Email" comes first by text.
    // The other workspace's Display touch and lead appear nowhere (whole answers are compared throughout).
    expect(conversionPaths).toEqual({
      modelType: 'LAST_TOUCH',
      groupBy: 'CHANNEL',
      conversions: 8,
      conversionsWithTouches: 6,
      distinctPaths: 5,
      paths: [
        { path: 'Email > Paid Search', touches: 2, conversions: 2, value: [{ currencyCode: 'EUR', amount: '50' }, { currencyCode: 'USD', amount: '0' }], medianDaysToConvert: 4 },
        { path: 'Email', touches: 1, conversions: 1, value: [{ currencyCode: 'USD', amount: '0' }], medianDaysToConvert: 1 },
      ],
      // Lengths 2, 1, 3, 1, 3, 2: two journeys of each.
      pathLengths: [1, 2, 3].map((touches) => ({ touches, conversions: 2, share: 2 / 6 })),
    });

    const deals = (await server.ok<{ conversionPaths: { conversions: number; paths: { path: string; value: unknown }[] } }>(key, PATHS, { ...PERIOD, type: 'deal' })).conversionPaths;
    expect(deals.conversions).toBe(2);
    expect(deals.paths).toEqual([expect.objectContaining({ path: 'Email > Paid Search > Paid Search', value: [{ currencyCode: 'USD', amount: '1000' }] })]);
  });

  it('counts last-touch and assisted conversions per channel, as GA did', async () => {
    const { assistedConversions } = await server.ok<{ assistedConversions: Record<string, unknown> }>(key, ASSISTED, PERIOD);
    // Last touch: Paid Search closes p1, p2, O1 (1000 USD) and p6 (50 EUR); Email closes p3 and p4.
    // Assists (once per journey, before the last touch): Email in p1, p3, O1, p6 → 4 (1000 USD, 50 EUR);
    // Paid Search in O1 → 1 (1000 USD); Paid Social in p3 → 1 (0 USD). Ratios 4/2, 1/4, none.
    expect(assistedConversions).toEqual({
      conversions: 8,
      conversionsWithTouches: 6,
      rows: [
        { key: 'Email', lastTouchConversions: 2, lastTouchValue: [{ currencyCode: 'USD', amount: '0' }], assistedConversions: 4, assistedValue: [{ currencyCode: 'EUR', amount: '50' }, { currencyCode: 'USD', amount: '1000' }], assistedToLastRatio: 2 },
        { key: 'Paid Search', lastTouchConversions: 4, lastTouchValue: [{ currencyCode: 'EUR', amount: '50' }, { currencyCode: 'USD', amount: '1000' }], assistedConversions: 1, assistedValue: [{ currencyCode: 'USD', amount: '1000' }], assistedToLastRatio: 0.25 },
        { key: 'Paid Social', lastTouchConversions: 0, lastTouchValue: [], assistedConversions: 1, assistedValue: [{ currencyCode: 'USD', amount: '0' }], assistedToLastRatio: null },
      ],
    });
  });

  it('measures the lag between milestones by the channel of the first touch', async () => {
    type Stage = { stage: string; outOfOrder: number; overall: { journeys: number; days: Record<string, unknown> & { buckets: { label: string; count: number }[] }; touches: Record<string, unknown> }; groups: { key: string; journeys: number; days: { median: number }; touches: { median: number } }[] };
    const { timeLag } = await server.ok<{ timeLag: { stages: Stage[] } }>(key, TIME_LAG, PERIOD);
    const [toLead, toOpportunity, toWon] = timeLag.stages;

    // First touch → lead: p1 3 days / 2 touches, p2 0 / 1, p3 7 / 3, p4 1 / 1, p6 5 / 2 (p5 has no touch).
    // Days sorted 0, 1, 3, 5, 7: median 3, p25 1, p75 5. Touches 1, 1, 2, 2, 3: median 2, p25 1, p75 2.
    expect(toLead.stage).toBe('FIRST_TOUCH_TO_LEAD');
    expect(toLead.overall).toMatchObject({ journeys: 5, days: { count: 5, median: 3, p25: 1, p75: 5 }, touches: { median: 2, p25: 1, p75: 2 } });
    expect(toLead.overall.days.buckets.map((bucket) => bucket.count)).toEqual([1, 1, 1, 2, 0, 0, 0]);
    // Email first for p1, p4, p6 (3, 1, 5 days → 3; 2, 1, 2 touches → 2).
    expect(toLead.groups.map((g) => [g.key, g.journeys, g.days.median, g.touches.median])).toEqual([
      ['Email', 3, 3, 2],
      ['Paid Search', 1, 0, 1],
      ['Paid Social', 1, 7, 3],
    ]);

    // Lead → opening (first stage row): O1 d3 → d5 = 2 days, no touch in (d3, d5]; O2 d1 → d4 = 3, none;
    // O3 d9 → d12 = 3, S d11; O5 d6 → d6 = 0, none. Days 0, 2, 3, 3: median 2.5, p25 1.5, p75 3;
    // touches 0, 0, 0, 1: median 0, p75 0.25.
    expect(toOpportunity.overall).toMatchObject({ journeys: 4, days: { median: 2.5, p25: 1.5, p75: 3 }, touches: { median: 0, p25: 0, p75: 0.25 } });
    expect(toOpportunity.outOfOrder).toBe(0);
    expect(toOpportunity.groups.map((g) => [g.key, g.days.median, g.touches.median])).toEqual([
      ['(no touch)', 0, 0],
      ['Email', 2, 0],
      ['Paid Search', 3, 0],
      ['Paid Social', 3, 1],
    ]);

    // Opening → won: O1 d5 → d10 = 5 days, S d8 → 1 touch; O5 d6 → d9 = 3 days, none.
    expect(toWon.overall).toMatchObject({ journeys: 2, days: { median: 4 }, touches: { median: 0.5 } });
    expect(toWon.groups.map((g) => [g.key, g.days.median, g.touches.median])).toEqual([
      ['(no touch)', 3, 0],
      ['Email', 5, 1],
    ]);
  });

  it('splits open pipeline and won revenue into sourced and influenced per campaign, never adding currencies', async () => {
    const { pipelineInfluence } = await server.ok<{ pipelineInfluence: Record<string, unknown> }>(key, PIPELINE, PERIOD);
    const money = (deals: number, amount: string) => ({ deals, amount });
    // Open: O2 500 EUR (brand d1, launch d6: sourced by brand), O3 2000 USD (launch, spring, spring, brand: sourced by launch).
    // Won: O1 1000 USD (spring, brand, brand: sourced by spring), O5 300 EUR without touches (totals only).
    // Within a currency, most influenced pipeline first, then most influenced revenue, then by name.
    expect(pipelineInfluence).toEqual({
      groupBy: 'CAMPAIGN',
      rows: [
        { key: 'brand', currencyCode: 'EUR', sourcedPipeline: money(1, '500'), influencedPipeline: money(1, '500'), sourcedRevenue: money(0, '0'), influencedRevenue: money(0, '0') },
        { key: 'launch', currencyCode: 'EUR', sourcedPipeline: money(0, '0'), influencedPipeline: money(1, '500'), sourcedRevenue: money(0, '0'), influencedRevenue: money(0, '0') },
        { key: 'brand', currencyCode: 'USD', sourcedPipeline: money(0, '0'), influencedPipeline: money(1, '2000'), sourcedRevenue: money(0, '0'), influencedRevenue: money(1, '1000') },
        { key: 'spring', currencyCode: 'USD', sourcedPipeline: money(0, '0'), influencedPipeline: money(1, '2000'), sourcedRevenue: money(1, '1000'), influencedRevenue: money(1, '1000') },
        { key: 'launch', currencyCode: 'USD', sourcedPipeline: money(1, '2000'), influencedPipeline: money(1, '2000'), sourcedRevenue: money(0, '0'), influencedRevenue: money(0, '0') },
      ],
      totals: [
        { currencyCode: 'EUR', pipeline: money(1, '500'), revenue: money(1, '300') },
        { currencyCode: 'USD', pipeline: money(1, '2000'), revenue: money(1, '1000') },
      ],
    });
  });

  it('refuses a period over 400 days, LINK grouping and an unknown conversion type, naming the field', async () => {
    const refusal = async (query: string, variables: Record<string, unknown>) => (await server.graphql(key, query, variables)).errors?.[0];
    const long = { from: day(-401), to: day(0) };
    for (const query of [PATHS, ASSISTED, TIME_LAG, PIPELINE]) {
      expect(await refusal(query, long)).toMatchObject({ message: expect.stringContaining('the period must be at most 400 days'), extensions: expect.objectContaining({ field: 'to' }) });
    }
    expect(await refusal(`query($from: DateTime!, $to: DateTime!) { timeLag(from: $from, to: $to, groupBy: LINK) { groupBy } }`, PERIOD)).toMatchObject({ extensions: expect.objectContaining({ field: 'groupBy' }) });
    expect(await refusal(PATHS, { ...PERIOD, type: 'sale' })).toMatchObject({ extensions: expect.objectContaining({ field: 'conversionType' }) });
    expect(await refusal(PATHS, { ...PERIOD, top: 201 })).toMatchObject({ extensions: expect.objectContaining({ field: 'top' }) });
  });

  it('needs the attribution:read scope', async () => {
    const { key: linksOnly } = await server.createKey(undefined, ['links:read']);
    expect((await server.graphql(linksOnly, PIPELINE, PERIOD)).errors?.[0]?.message).toContain('lacks the "attribution:read" scope');
  });
});
