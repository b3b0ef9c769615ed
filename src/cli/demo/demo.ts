import { randomBytes, randomUUID } from 'node:crypto';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { fillAdminScreens, DemoWebhookReceiver } from 'src/cli/demo/demo-admin';
import { writeHistory } from 'src/cli/demo/demo-history';
import { DEMO_CAMPAIGNS, DEMO_LINKS, demoVisitors, DemoVisitor } from 'src/cli/demo/demo-traffic.util';
import { drainQueue } from 'src/common/queue/drain-queue.util';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { RunningServer, startServer } from 'src/server';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { EVENTS_QUEUE } from 'src/tracking/events/received-event-batch';
import { settleTwenty } from 'standin/twenty/settle';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const SITE = 'demo.trackflow.test';
const DRAIN_TIMEOUT_MS = 60_000;
/** Enough for every model to disagree, few enough that Twenty's writes fit the outbox's 90 a minute. */
export const DEMO_VISITORS = 20;
const MODELS = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'POSITION_BASED', 'TIME_DECAY'];

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

function graphqlClient(url: string, key: string): Graphql {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!body.data || body.errors) throw new Error(`demo: GraphQL failed: ${body.errors?.map((error) => error.message).join('; ')}`);
    return body.data;
  };
}

/** One visitor's clicks through the real redirect, then what they do on the site through the real collect endpoint. */
async function browse(url: string, publicKey: string, codes: Map<string, string>, visitor: DemoVisitor, visitorId: string): Promise<void> {
  for (const visit of visitor.visits) {
    const redirect = await fetch(`${url}/r/${codes.get(visit.link)}`, {
      redirect: 'manual',
      headers: { 'user-agent': visitor.userAgent, cookie: `tf_vid=${visitorId}`, ...(visit.referrer ? { referer: visit.referrer } : {}) },
    });
    const landing = redirect.headers.get('location');
    if (redirect.status !== 302 || !landing) throw new Error(`demo: the redirect answered ${redirect.status}`);
    const events = [
      { type: 'pageview', url: landing, referrer: visit.referrer },
      ...visit.pages.map((path) => ({ type: 'pageview', url: `https://${SITE}${path}` })),
      ...(visit.cta ? [{ type: 'cta', name: 'Book a demo', url: `https://${SITE}/pricing` }] : []),
      ...(visit.form ? [{ type: 'form_start', url: `https://${SITE}/contact` }, { type: 'form_submit', url: `https://${SITE}/contact` }] : []),
    ].map((event) => ({ id: randomUUID(), properties: {}, ...event }));
    const collected = await fetch(`${url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `https://${SITE}`, 'user-agent': visitor.userAgent },
      body: JSON.stringify({ key: publicKey, visitorId, events }),
    });
    if (collected.status !== 202) throw new Error(`demo: /api/collect answered ${collected.status}: ${await collected.text()}`);
  }
}

/** A lead form on the demo site posting to TrackFlow, as a website wires it. */
async function submitLeadForm(url: string, publicKey: string, visitor: DemoVisitor, visitorId: string): Promise<void> {
  const response = await fetch(`${url}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${SITE}`, 'user-agent': visitor.userAgent },
    body: new URLSearchParams({ key: publicKey, email: demoEmail(visitor), name: `Demo Lead ${visitor.index}`, trackflow_visitor_id: visitorId }).toString(),
  });
  if (response.status !== 202) throw new Error(`demo: /api/leads answered ${response.status}: ${await response.text()}`);
}

const demoEmail = (visitor: DemoVisitor) => `lead-${visitor.index}@customers.demo.test`;

/** Sales staff in Twenty open a deal for the lead and win it; TrackFlow hears both through the webhook. */
async function winDeal(twenty: TwentyStandIn, visitor: DemoVisitor): Promise<void> {
  const person = [...(twenty.records.get('people')?.values() ?? [])].find((record) => (record.emails as { primaryEmail?: string } | undefined)?.primaryEmail === demoEmail(visitor));
  if (!person) throw new Error(`demo: the lead ${demoEmail(visitor)} did not reach Twenty`);
  const created = await twenty.asUser('POST', '/rest/opportunities', {
    name: `Deal with Demo Lead ${visitor.index}`,
    amount: { amountMicros: visitor.dealValue * 1_000_000, currencyCode: 'USD' },
    stage: 'NEW',
    pointOfContactId: person.id,
  });
  if (created.status !== 201) throw new Error(`demo: Twenty refused the deal: ${created.status} ${await created.text()}`);
  const { data } = (await created.json()) as { data: { createOpportunity: { id: string } } };
  const won = await twenty.asUser('PATCH', `/rest/opportunities/${data.createOpportunity.id}`, { stage: 'CUSTOMER' });
  if (won.status !== 200) throw new Error(`demo: Twenty refused the won stage: ${won.status} ${await won.text()}`);
}

type ModelComparisonRow = { key: string; byModel: { modelName: string; value: string }[] };

/** Attributed revenue per campaign over a period under each of the models (ids or types). */
async function compareModels(graphql: Graphql, period: { from: string; to: string }, models: string[]): Promise<ModelComparisonRow[]> {
  const answer = await graphql<{ compareAttributionModels: { rows: ModelComparisonRow[] } }>(
    `query($from: DateTime!, $to: DateTime!, $models: [String!]!) { compareAttributionModels(from: $from, to: $to, groupBy: CAMPAIGN, models: $models) {
       rows { key byModel { modelName value } } } }`,
    { ...period, models },
  );
  return answer.compareAttributionModels.rows;
}

const money = (value: string) => Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

type DemoReport = { workspace: string; apiKey: string; campaigns: string[]; revenueByModel: { campaign: string; byModel: { modelName: string; value: string }[] }[] };

/**
 * A test may give the demo its own server and Twenty stand-in, to look at the filled workspace
 * afterwards: it then keeps both, still connected. The demo's own server allows private webhook
 * targets, since its webhook receiver listens on this machine.
 */
export type DemoStage = { server: RunningServer; twenty: TwentyStandIn };

/**
 * `npm run demo`: a demo workspace filled through the public endpoints of a server started for the
 * occasion (short-link redirects, the tracker's collect endpoint, lead forms, GraphQL) and connected
 * to a Twenty stand-in in which deals are opened and won, then rolled up, and a report of
 * attributed revenue per campaign under each model side by side. The stand-in lives only as long
 * as the demo, so its connection is removed at the end; the workspace's data stays. Besides, a
 * webhook subscription delivering to a receiver that lives as long as the demo (and is paused with
 * it), a link template with a link made from it, and two short-link domains, so that every admin
 * screen has something.
 */
export async function runDemo(log: (line: string) => void, given?: DemoStage): Promise<DemoReport> {
  // The demo's Twenty connection is removed before it ends, so a key of its own serves when none is configured.
  process.env.TRACKFLOW_SECRET_KEY ??= randomBytes(32).toString('hex');
  if (!given) process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
  const server = given?.server ?? (await startServer({ port: 0, logLevels: ['error', 'warn'] }));
  // The demo's Twenty delivers to this machine, as one whose admin turned outbound safe mode off.
  const twenty = given?.twenty ?? (await TwentyStandIn.start({ outboundSafeMode: false }));
  twenty.deliverTo = `${server.url}/webhooks/twenty`;
  const receiver = await DemoWebhookReceiver.start();
  const workspace = `demo-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 4)}`;
  const installer = server.app.get(TwentyInstallService);
  try {
    const { plaintext: key, workspaceId } = await server.app.get(ApiKeyService).createKey(workspace, 'demo', ['*']);
    const graphql = graphqlClient(server.url, key);
    const { updateWorkspace } = await graphql<{ updateWorkspace: { publicKey: string } }>(`mutation($domains: [String!]!) { updateWorkspace(input: {siteDomains: $domains}) { publicKey } }`, { domains: [SITE] });
    await installer.install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName: workspace, dryRun: false, log: () => undefined });
    // Installing spends most of a minute's 100 requests; in real use the leads and deals come long after.
    twenty.forgetRateLimits();

    const campaigns = new Map<string, { id: string; name: string }>();
    for (const campaign of DEMO_CAMPAIGNS) {
      const { key: campaignKey, ...input } = campaign;
      const created = await graphql<{ createCampaign: { id: string; name: string } }>(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id name } }`, { input: { ...input, status: 'ACTIVE' } });
      campaigns.set(campaignKey, created.createCampaign);
    }
    const codes = new Map<string, string>();
    for (const link of DEMO_LINKS) {
      const input = { destinationUrl: `https://${SITE}${link.path}`, campaignId: campaigns.get(link.campaign)?.id, source: link.source, medium: link.medium };
      const created = await graphql<{ createTrackedLink: { id: string; shortCode: string } }>(`mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`, { input });
      codes.set(link.key, created.createTrackedLink.shortCode);
      for (const variantName of link.variants ?? []) {
        const variant = { trackedLinkId: created.createTrackedLink.id, variantName, destinationUrl: `https://${SITE}${link.path}?layout=${encodeURIComponent(variantName)}`, weight: 1, active: true };
        await graphql(`mutation($input: CreateLinkVariantInput!) { createLinkVariant(input: $input) { id } }`, { input: variant });
      }
    }
    const extras = await fillAdminScreens(graphql, SITE, `${workspace}.${SITE}`, campaigns.get('newsletter')?.id ?? '');
    log(`Workspace "${workspace}": ${campaigns.size} campaigns, ${codes.size} links on ${server.url}, connected to a Twenty stand-in on ${twenty.url}`);
    log(`Privacy policy link set; link template "${extras.template}" and a link made from it (${extras.link}); domains ${extras.domains.join(' and ')} added, not primary`);
    const history = await writeHistory(server.app, graphql, workspaceId, new Map([...campaigns].map(([campaignKey, campaign]) => [campaignKey, campaign.id])));
    log(
      `90 days of history: ${history.journeys} visitors clicked ${history.clicks} times over days and weeks, ${history.leads} became leads and ${history.deals} won deals; ` +
        `${history.spendDays} days of ad spend; ${history.dataDrivenModels.map((model) => `${model.name} fitted on ${model.journeys ?? '?'} journeys`).join(', ')}`,
    );

    await receiver.subscribe(graphql);
    const visitors = demoVisitors(DEMO_VISITORS).map((visitor) => ({ visitor, visitorId: randomUUID() }));
    for (const { visitor, visitorId } of visitors) await browse(server.url, updateWorkspace.publicKey, codes, visitor, visitorId);
    await drainQueue(server.app, CLICKS_QUEUE, DRAIN_TIMEOUT_MS);
    await drainQueue(server.app, EVENTS_QUEUE, DRAIN_TIMEOUT_MS);
    const crawlers = visitors.filter(({ visitor }) => visitor.isBot).length;
    log(`${visitors.length} visitors (${crawlers} ${crawlers === 1 ? 'crawler' : 'crawlers'} among them) clicked ${visitors.reduce((sum, { visitor }) => sum + visitor.visits.length, 0)} times and browsed the site`);

    const converting = visitors.filter(({ visitor }) => visitor.becomes);
    for (const { visitor, visitorId } of converting) await submitLeadForm(server.url, updateWorkspace.publicKey, visitor, visitorId);
    await settleTwenty(server.app, twenty, DRAIN_TIMEOUT_MS);
    const deals = converting.filter(({ visitor }) => visitor.becomes === 'deal');
    for (const { visitor } of deals) await winDeal(twenty, visitor);
    await settleTwenty(server.app, twenty, DRAIN_TIMEOUT_MS);
    const today = new Date().toISOString().slice(0, 10);
    const spend = ['date,campaign_id,campaign_name,adset_id,ad_id,impressions,clicks,spend', `${today},g-1001,CRM attribution,g-as-1,g-ad-1,4200,96,640.00`].join('\n');
    await graphql(`mutation($csv: String!) { importAdSpend(platform: "google_ads", csv: $csv) { imported } }`, { csv: spend });
    // This workspace's deliveries, not the whole queue: a queue shared with other deployments may hold their retries for minutes.
    for (const deadline = Date.now() + DRAIN_TIMEOUT_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const { webhookDeliveries } = await graphql<{ webhookDeliveries: unknown[] }>(`{ webhookDeliveries(status: "pending", limit: 1) { id } }`);
      if (webhookDeliveries.length === 0) break;
    }
    log(`${receiver.received} conversion.created webhooks delivered to a receiver on ${receiver.url} while the demo ran (its subscription is paused when the demo ends)`);
    await server.app.get(RollupsService).runWorkspace(workspaceId);
    await server.app.get(CampaignMetricsService).refreshWorkspace(workspaceId);
    log(`${converting.length} leads sent by the site's form to TrackFlow and on to Twenty, ${deals.length} of them won as deals in Twenty, a day of Google Ads spend imported, rollups and campaign metrics refreshed`);

    const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };
    const dataDriven = history.dataDrivenModels.map((model) => model.id);
    const comparison = await compareModels(graphql, period, [...MODELS, ...dataDriven]);
    const names = comparison[0]?.byModel.map((credit) => credit.modelName) ?? [];
    log('');
    log('Attributed revenue (USD) by campaign under each model:');
    log(`${pad('campaign', 30)}${names.map((name) => pad(name, 16)).join('')}`);
    for (const row of [...comparison].sort((a, b) => Number(b.byModel[0]?.value ?? 0) - Number(a.byModel[0]?.value ?? 0)).slice(0, 5)) {
      log(`${pad(row.key, 30)}${row.byModel.map((credit) => pad(money(credit.value), 16)).join('')}`);
    }
    const quarter = { from: new Date(Date.now() - 91 * 86_400_000).toISOString(), to: period.to };
    const ninetyDays = await compareModels(graphql, quarter, ['LINEAR', 'TIME_DECAY', ...dataDriven]);
    log('');
    log('Attributed revenue (USD) by campaign over the last 90 days, linear and time decay beside the fitted data-driven models:');
    log(`${pad('campaign', 30)}${(ninetyDays[0]?.byModel ?? []).map((credit) => pad(credit.modelName, 16)).join('')}`);
    for (const row of ninetyDays) log(`${pad(row.key, 30)}${row.byModel.map((credit) => pad(money(credit.value), 16)).join('')}`);
    log('');
    log('Campaign performance today (last click):');
    for (const campaign of campaigns.values()) {
      const { campaignStats: stats } = await graphql<{ campaignStats: { clicks: number; uniqueVisitors: number; conversions: number; revenue: string; cost: string | null; roiPercentage: number | null } }>(
        `query($id: ID!, $from: DateTime!, $to: DateTime!) { campaignStats(campaignId: $id, from: $from, to: $to) { clicks uniqueVisitors conversions revenue cost roiPercentage } }`,
        { id: campaign.id, ...period },
      );
      const roi = stats.roiPercentage === null ? 'n/a' : `${stats.roiPercentage.toFixed(1)} %`;
      log(`${pad(campaign.name, 30)}${stats.clicks} clicks, ${stats.uniqueVisitors} visitors, ${stats.conversions} conversions, revenue ${money(stats.revenue)}, cost ${stats.cost === null ? 'n/a' : money(stats.cost)}, ROI ${roi}`);
    }
    log('');
    log(`API key of the demo workspace (shown once): ${key}`);
    log('Start the server with `npm start` and try: curl -s localhost:3300/graphql -H "Authorization: Bearer <key>" -H "content-type: application/json" -d \'{"query":"{ campaigns { name totalClicks conversions } }"}\'');
    return { workspace, apiKey: key, campaigns: [...campaigns.values()].map((campaign) => campaign.name), revenueByModel: comparison.map((row) => ({ campaign: row.key, byModel: row.byModel })) };
  } finally {
    // A demo failing on its way still closes everything it started.
    await receiver.stop().catch((error: Error) => log(`The demo's webhook subscription could not be paused: ${error.message}`));
    if (!given) {
      await installer.uninstall(workspace, () => undefined).catch(() => undefined);
      await twenty.stop();
      await server.close();
    }
  }
}
