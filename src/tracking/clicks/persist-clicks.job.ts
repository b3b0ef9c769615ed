import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { groupBy } from 'src/common/collections/group-by.util';
import { DomainEvents } from 'src/common/events/domain-events';
import { GroupCommitOptions, GroupCommitter, jobsToKeepWritesFull } from 'src/common/queue/group-committer';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { SettingsService } from 'src/settings/settings.service';
import { ClickPersistenceRepository, EnrichedClick } from 'src/tracking/clicks/click-persistence.repository';
import { ClicksStored, StoredClick } from 'src/tracking/clicks/clicks.events';
import { CLICKS_QUEUE, RecordedClick } from 'src/tracking/clicks/recorded-click';
import { IpCountryService } from 'src/tracking/geo/ip-country.service';
import { trafficFlags } from 'src/tracking/rules/traffic-flags.util';

export type PersistClicksPayload = { clicks: RecordedClick[] };

/** Jobs stored in one transaction at most, and transactions at once: as for tracker events, jobs waiting while others are stored share the next transaction. */
const TRANSACTIONS: GroupCommitOptions = { maxBatch: 16, maxInFlight: 2, retryAlone: true };
export const CLICK_JOBS_AT_ONCE = jobsToKeepWritesFull(TRANSACTIONS);

/**
 * Turns the redirect's raw clicks into stored, flagged rows: UA parsed, bots and internal IPs
 * flagged, the country looked up from the address as received, IPs anonymised per settings; anonymous clicks arrive flagged and are stored as they are. Jobs waiting together share a transaction; one that fails
 * is tried again job by job, so a bad job never fails the others.
 */
@Injectable()
export class PersistClicksJob {
  private readonly committer = new GroupCommitter<EnrichedClick[], number>((jobs) => this.store(jobs), TRANSACTIONS);

  constructor(
    private readonly settings: SettingsService,
    private readonly persistence: ClickPersistenceRepository,
    private readonly events: DomainEvents,
    private readonly countries: IpCountryService,
  ) {}

  @JobHandler(CLICKS_QUEUE, PersistClicksJob.name)
  async process(job: Job<PersistClicksPayload>): Promise<{ stored: number; received: number }> {
    return { stored: await this.handle(job.data), received: job.data.clicks.length };
  }

  /** Resolves with how many of the job's clicks were stored (a replayed click is stored once) once they are committed. */
  async handle(payload: PersistClicksPayload): Promise<number> {
    const enriched: EnrichedClick[] = [];
    for (const click of payload.clicks) enriched.push(await this.enrich(click));
    return this.committer.submit(enriched);
  }

  private async store(jobs: EnrichedClick[][]): Promise<number[]> {
    // A journal replay and the original can meet in one transaction: each click is stored (and counted) once.
    const clicks = [...new Map(jobs.flat().map((click) => [click.id, click])).values()];
    const fresh = await this.persistence.persist(clicks);
    // Announced in batches (link.clicked webhooks: one delivery per workspace per stored batch), never for a click stored before.
    for (const [workspaceId, stored] of groupBy(fresh, (click) => click.workspace_id)) {
      await this.events.publish(ClicksStored, { workspaceId, clicks: stored.map(storedClick) });
    }
    const unclaimed = new Set(fresh.map((click) => click.id));
    return jobs.map((ofJob) => ofJob.filter((click) => unclaimed.delete(click.id)).length);
  }

  private async enrich(click: RecordedClick): Promise<EnrichedClick> {
    const ofLink = {
      id: click.id,
      workspace_id: click.workspaceId,
      tracked_link_id: click.trackedLinkId,
      variant_id: click.variantId,
      campaign_id: click.campaignId,
      short_code: click.shortCode,
      event_type: click.isQr ? 'qr_scan' : 'click',
      is_qr: click.isQr,
      referrer: click.referrer,
      utm_source: click.utm.source ?? null,
      utm_medium: click.utm.medium ?? null,
      utm_campaign: click.utm.campaign ?? null,
      utm_term: click.utm.term ?? null,
      utm_content: click.utm.content ?? null,
      click_timestamp: click.at,
      page_url: click.destination,
    } as const;
    if (click.visitorId === null) {
      return { ...ofLink, visitor_id: null, ip_address: null, user_agent: null, device_type: null, browser: null, os: null, country: null, is_bot: click.isBot, is_internal: click.isInternal };
    }
    const { settings, internalRanges } = await this.settings.get(click.workspaceId);
    const flags = trafficFlags(click.ip, click.userAgent, { ...settings, internalRanges });
    return {
      ...ofLink,
      visitor_id: click.visitorId,
      ip_address: flags.ipAddress,
      user_agent: click.userAgent,
      device_type: flags.deviceType,
      browser: flags.browser,
      os: flags.os,
      country: this.countries.countryOf(click.ip),
      is_bot: flags.isBot,
      is_internal: flags.isInternal,
    };
  }
}

function storedClick(click: EnrichedClick): StoredClick {
  return {
    clickId: click.id,
    trackedLinkId: click.tracked_link_id,
    shortCode: click.short_code,
    campaignId: click.campaign_id,
    variantId: click.variant_id,
    visitorId: click.visitor_id,
    clickedAt: click.click_timestamp,
    qr: click.is_qr,
    bot: click.is_bot,
    internal: click.is_internal,
    utm: { source: click.utm_source, medium: click.utm_medium, campaign: click.utm_campaign, term: click.utm_term, content: click.utm_content },
  };
}
