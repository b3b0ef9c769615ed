import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PAST_CAMPAIGNS, PAST_LINKS, demoHistory, demoSpend, HISTORY_CAMPAIGNS, HistoryJourney, PAID_CAMPAIGNS } from 'src/cli/demo/demo-history.util';
import { drainQueue } from 'src/common/queue/drain-queue.util';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { emailHash } from 'src/tracking/identity/email-hash.util';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Link = { id: string; campaignId: string | null; shortCode: string; destinationUrl: string; source: string | null; medium: string | null };

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia', 'Edsger', 'Hedy', 'Donald', 'Sophie'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Perlman', 'Dijkstra', 'Lamarr', 'Knuth', 'Wilson'];
/** Addresses in the demo's countries, so the country breakdowns show something. */
const ADDRESSES = ['81.2.69.142', '8.8.8.8', '5.135.0.1', '91.198.174.192', '1.1.1.1', '185.60.216.35'];
const DAY_MS = 86_400_000;

export type HistorySummary = { journeys: number; clicks: number; leads: number; deals: number; spendDays: number; dataDrivenModels: { id: string; name: string; journeys: number | null }[] };

const nameOf = (journey: HistoryJourney) => [FIRST_NAMES[journey.index % FIRST_NAMES.length], LAST_NAMES[Math.floor(journey.index / FIRST_NAMES.length) % LAST_NAMES.length]];

/**
 * Writes 90 days of history that the real endpoints cannot date in the past: clicks go through the
 * click queue the redirect feeds (the tracking worker stores them, with their own timestamps),
 * conversions through GraphQL with their dates, the CRM's people and deals through the CRM's own
 * repository (as its hooks would have saved them), spend through the CSV import, and the
 * data-driven models are fitted on it.
 */
export async function writeHistory(app: INestApplication, graphql: Graphql, workspaceId: string, campaignIds: Map<string, string>, now = new Date()): Promise<HistorySummary> {
  const dateOf = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
  for (const campaign of PAST_CAMPAIGNS) {
    const span = HISTORY_CAMPAIGNS.find((candidate) => candidate.key === campaign.key);
    const { key, ...input } = campaign;
    const created = await graphql<{ createCampaign: { id: string } }>(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { ...input, status: 'COMPLETED', startDate: span && dateOf(span.from), endDate: span && dateOf(span.to + 1) },
    });
    campaignIds.set(key, created.createCampaign.id);
  }
  for (const running of HISTORY_CAMPAIGNS.filter((campaign) => campaign.to === 0)) {
    const id = campaignIds.get(running.key);
    if (id) await graphql(`mutation($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id } }`, { id, input: { startDate: dateOf(running.from) } });
  }
  for (const link of PAST_LINKS) {
    await graphql(`mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id } }`, {
      input: { destinationUrl: `https://demo.trackflow.test${link.path}`, campaignId: campaignIds.get(link.campaign), source: link.source, medium: link.medium },
    });
  }
  const { trackedLinks, campaigns } = await graphql<{ trackedLinks: Link[]; campaigns: { id: string; name: string }[] }>(`{ trackedLinks { id campaignId shortCode destinationUrl source medium } campaigns { id name } }`);
  // The redirect tags a click with its campaign's name as utm_campaign; touchpoints are grouped by it.
  const campaignName = new Map(campaigns.map((campaign) => [campaign.id, campaign.name]));
  const linkOf = (campaignKey: string) => {
    const link = trackedLinks.find((candidate) => candidate.campaignId === campaignIds.get(campaignKey));
    if (!link) throw new Error(`demo: no link of campaign ${campaignKey}`);
    return link;
  };

  const history = demoHistory(now);
  const clicks = app.get(ClickQueueService);
  const visitorIds = new Map<number, string>();
  let clickCount = 0;
  for (const journey of history) {
    const visitorId = randomUUID();
    visitorIds.set(journey.index, visitorId);
    for (const touch of journey.touches) {
      const link = linkOf(touch.campaign);
      clickCount += 1;
      await clicks.record({
        id: randomUUID(),
        workspaceId,
        trackedLinkId: link.id,
        campaignId: link.campaignId,
        variantId: null,
        shortCode: link.shortCode,
        utm: { source: link.source ?? undefined, medium: link.medium ?? undefined, campaign: link.campaignId ? campaignName.get(link.campaignId) : undefined },
        isQr: false,
        at: touch.at.toISOString(),
        destination: link.destinationUrl,
        visitorId,
        ip: ADDRESSES[journey.index % ADDRESSES.length],
        userAgent: journey.userAgent,
        referrer: null,
      });
    }
  }
  await drainQueue(app, CLICKS_QUEUE, 60_000);

  const records = app.get(CrmRecordsRepository);
  let leads = 0;
  let deals = 0;
  for (const journey of history) {
    if (!journey.outcome) continue;
    const personId = randomUUID();
    const [first, last] = nameOf(journey);
    const email = `${first}.${last}${journey.index}@customers.demo.test`.toLowerCase();
    await records.withRecordLock(workspaceId, personId, (manager) => records.savePerson(manager, workspaceId, personId, null, 'QUALIFIED', { displayName: `${first} ${last}`, emailHash: emailHash(workspaceId, email) }));
    const leadAt = journey.outcome.type === 'deal' ? journey.outcome.leadAt : journey.outcome.at;
    const record = `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`;
    await graphql(record, { input: { conversionType: 'lead', visitorId: visitorIds.get(journey.index), personId, convertedAt: leadAt.toISOString() } });
    leads += 1;
    if (journey.outcome.type !== 'deal') continue;
    const opportunityId = randomUUID();
    const { recordConversion } = await graphql<{ recordConversion: { id: string } }>(record, {
      input: { conversionType: 'deal', visitorId: visitorIds.get(journey.index), personId, opportunityId, value: String(journey.outcome.value), convertedAt: journey.outcome.at.toISOString() },
    });
    const { attributeConversion } = await graphql<{ attributeConversion: { marketingInfluenced: boolean } }>(`mutation($id: ID!) { attributeConversion(conversionId: $id) { marketingInfluenced } }`, { id: recordConversion.id });
    const outcome = journey.outcome;
    await records.withRecordLock(workspaceId, opportunityId, (manager) =>
      records.saveDeal(
        manager,
        workspaceId,
        { opportunityId, stage: 'CUSTOMER', amountMicros: BigInt(outcome.value) * 1_000_000n, currencyCode: 'USD', pointOfContactId: personId, companyId: null },
        { wonAt: outcome.at, conversionId: recordConversion.id, marketingInfluenced: attributeConversion.marketingInfluenced },
        `${last} account`,
      ),
    );
    deals += 1;
  }

  const spend = demoSpend(now);
  for (const paid of PAID_CAMPAIGNS) {
    const rows = spend.filter((day) => day.platform === paid.platform).map((day) => `${day.day},${day.externalId},${paid.key},${paid.key}-set,${paid.key}-ad,${day.clicks * 40},${day.clicks},${day.spend.toFixed(2)}`);
    await graphql(`mutation($platform: String!, $csv: String!) { importAdSpend(platform: $platform, csv: $csv) { imported } }`, {
      platform: paid.platform,
      csv: ['date,campaign_id,campaign_name,adset_id,ad_id,impressions,clicks,spend', ...rows].join('\n'),
    });
  }

  const dataDrivenModels: HistorySummary['dataDrivenModels'] = [];
  for (const [name, modelType] of [['Markov chain', 'MARKOV'], ['Shapley value', 'SHAPLEY']] as const) {
    const { createAttributionModel } = await graphql<{ createAttributionModel: { id: string } }>(`mutation($input: CreateAttributionModelInput!) { createAttributionModel(input: $input) { id } }`, { input: { name, modelType } });
    const { fitAttributionModel } = await graphql<{ fitAttributionModel: { id: string; fittedModel: { inputs?: { journeys?: number } } | null } }>(
      `mutation($id: ID!, $from: DateTime!, $to: DateTime!) { fitAttributionModel(id: $id, from: $from, to: $to) { id fittedModel } }`,
      { id: createAttributionModel.id, from: new Date(now.getTime() - 91 * DAY_MS).toISOString(), to: now.toISOString() },
    );
    dataDrivenModels.push({ id: fitAttributionModel.id, name, journeys: fitAttributionModel.fittedModel?.inputs?.journeys ?? null });
  }
  return { journeys: history.length, clicks: clickCount, leads, deals, spendDays: spend.length, dataDrivenModels };
}
