import { BROWSERS, seeded } from 'src/cli/demo/demo-traffic.util';

/**
 * The demo's past: 90 days of made-up but plausible history, the same on every run for a given
 * end (seeded). Weekdays are busier than weekends; campaigns start and end, so a link is clicked
 * only while its campaign runs; journeys span days and weeks, so time decay and linear credit
 * differ; some visitors become leads and some of those won deals.
 */

const DAY_MS = 86_400_000;

/** Campaigns with the days (counted back from the end) they ran: `from` days ago until `to` days ago. */
export const HISTORY_CAMPAIGNS = [
  { key: 'newsletter', from: 90, to: 0 },
  { key: 'search', from: 62, to: 0 },
  { key: 'social', from: 24, to: 0 },
  { key: 'webinar', from: 90, to: 48 },
  { key: 'retargeting', from: 75, to: 20 },
] as const;

/** Campaigns only the history has: they ended before today. */
export const PAST_CAMPAIGNS = [
  { key: 'webinar', name: 'Summer webinar series', source: 'webinar', medium: 'email', budget: '400' },
  { key: 'retargeting', name: 'Facebook retargeting', source: 'facebook', medium: 'paid_social', budget: '1500', externalCampaignId: 'fb-2001' },
] as const;

export const PAST_LINKS = [
  { key: 'webinar-replay', campaign: 'webinar', source: 'webinar', medium: 'email', path: '/webinar' },
  { key: 'retargeting-offer', campaign: 'retargeting', source: 'facebook', medium: 'paid_social', path: '/offer' },
] as const;

/** Which link of each campaign its history clicks go through. */
export const HISTORY_LINK_OF_CAMPAIGN: Readonly<Record<(typeof HISTORY_CAMPAIGNS)[number]['key'], string>> = {
  newsletter: 'newsletter-pricing',
  search: 'search-landing',
  social: 'social-launch',
  webinar: 'webinar-replay',
  retargeting: 'retargeting-offer',
};

/** Paid campaigns and the ad platform their spend is imported from, with their id there. */
export const PAID_CAMPAIGNS = [
  { key: 'search', platform: 'google_ads', externalId: 'g-1001', dailySpend: 38 },
  { key: 'retargeting', platform: 'facebook', externalId: 'fb-2001', dailySpend: 22 },
] as const;

export type HistoryTouch = { campaign: string; link: string; at: Date };
export type HistoryJourney = {
  index: number;
  userAgent: string;
  touches: HistoryTouch[];
  outcome: { type: 'lead'; at: Date } | { type: 'deal'; at: Date; leadAt: Date; value: number } | null;
};
export type SpendDay = { day: string; platform: string; externalId: string; spend: number; clicks: number };

/** Visitors who first arrive on a day: the working week brings three times the weekend's. */
export const arrivalsOn = (day: Date, random: () => number): number => {
  const weekday = day.getUTCDay() >= 1 && day.getUTCDay() <= 5;
  return (weekday ? 6 : 2) + Math.floor(random() * (weekday ? 4 : 2));
};

const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

export const runningOn = (daysAgo: number) => HISTORY_CAMPAIGNS.filter((campaign) => daysAgo <= campaign.from && daysAgo > campaign.to);

/**
 * Journeys of visitors first seen 90 to 2 days before `end`; every touch and conversion is at
 * least a day before `end`, so the history never mixes with what the demo sends live today.
 */
export function demoHistory(end: Date, days = 90, seed = 17): HistoryJourney[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const today = startOfUtcDay(end).getTime();
  const latest = end.getTime() - DAY_MS;
  const journeys: HistoryJourney[] = [];
  for (let daysAgo = days; daysAgo >= 2; daysAgo -= 1) {
    const day = new Date(today - daysAgo * DAY_MS);
    for (let arrival = arrivalsOn(day, random); arrival > 0; arrival -= 1) {
      const touches: HistoryTouch[] = [];
      // Office hours, UTC: 07:00 to 19:00.
      let at = day.getTime() + (7 + random() * 12) * 3_600_000;
      // Half come back once or more, one to sixteen days apart: journeys of days and weeks.
      const visits = random() < 0.5 ? 2 + Math.floor(random() * 3) : 1;
      for (let visit = 0; visit < visits && at < latest; visit += 1) {
        const running = runningOn(Math.ceil((today - startOfUtcDay(new Date(at)).getTime()) / DAY_MS));
        if (running.length > 0) {
          const campaign = pick(running).key;
          touches.push({ campaign, link: HISTORY_LINK_OF_CAMPAIGN[campaign], at: new Date(at) });
        }
        at += (1 + random() * 15) * DAY_MS;
      }
      if (touches.length === 0) continue;
      const last = touches[touches.length - 1].at.getTime();
      const convertAt = new Date(Math.min(latest, last + random() * 2 * DAY_MS));
      const roll = random() * (touches.length > 1 ? 1 : 1.6);
      const outcome: HistoryJourney['outcome'] =
        roll < 0.12
          ? { type: 'deal', leadAt: convertAt, at: new Date(Math.min(latest, convertAt.getTime() + (2 + random() * 10) * DAY_MS)), value: 1000 * (2 + Math.floor(random() * 18)) }
          : roll < 0.32
            ? { type: 'lead', at: convertAt }
            : null;
      journeys.push({ index: journeys.length, userAgent: pick(BROWSERS), touches, outcome });
    }
  }
  return journeys;
}

/** Daily spend of the paid campaigns on the days they ran, lower at weekends, with the platform's click count. */
export function demoSpend(end: Date, seed = 23): SpendDay[] {
  const random = seeded(seed);
  const today = startOfUtcDay(end).getTime();
  return PAID_CAMPAIGNS.flatMap((paid) => {
    const campaign = HISTORY_CAMPAIGNS.find((candidate) => candidate.key === paid.key);
    if (!campaign) return [];
    return Array.from({ length: campaign.from - Math.max(campaign.to, 1) }, (_, offset) => {
      const day = new Date(today - (campaign.from - offset) * DAY_MS);
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      const spend = Math.round(paid.dailySpend * (weekend ? 0.5 : 1) * (0.8 + random() * 0.4) * 100) / 100;
      return { day: day.toISOString().slice(0, 10), platform: paid.platform, externalId: paid.externalId, spend, clicks: Math.round(spend * 1.5) };
    });
  });
}
