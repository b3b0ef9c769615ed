import { Injectable } from '@nestjs/common';
import { VisitorJourneyDto } from 'src/analytics/journey/visitor-journey.dto';
import { VisitorJourneyRepository } from 'src/analytics/journey/visitor-journey.repository';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { notFound } from 'src/common/errors/trackflow.exception';
import { timeZoneOrUtc } from 'src/analytics/queries/analytics-input.util';
import { formatLocal } from 'src/common/time/zoned-time.util';
import { optionalText } from 'src/common/validation/input-rules';

const MAX_ITEMS = 5000;
const BEGINNING = new Date('1970-01-01T00:00:00Z');
const END_OF_TIME = new Date('9999-12-31T00:00:00Z');

type JourneyQuery = { visitorId?: string | null; personId?: string | null; from?: Date | null; to?: Date | null; timeZone?: string | null; limit?: number | null };

/** One person's (or one visitor's) path in time order: sessions, clicks, page views, events and conversions. */
@Injectable()
export class VisitorJourneyService {
  constructor(private readonly repository: VisitorJourneyRepository) {}

  async journey(workspaceId: string, query: JourneyQuery): Promise<VisitorJourneyDto> {
    const visitorId = optionalText(query.visitorId, 'visitorId', 64) ?? null;
    const personId = optionalText(query.personId, 'personId', 64) ?? null;
    if ((visitorId === null) === (personId === null)) throw new ValidationFailure('visitorId', 'give either visitorId or personId');
    const zone = timeZoneOrUtc(query.timeZone);
    const from = query.from ?? BEGINNING;
    const to = query.to ?? END_OF_TIME;
    if (from.getTime() >= to.getTime()) throw new ValidationFailure('to', 'must be after from');
    const limit = query.limit ?? 500;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS) throw new ValidationFailure('limit', `must be a whole number from 1 to ${MAX_ITEMS}`);

    let visitorIds: string[];
    let person = personId;
    if (visitorId !== null) {
      const visitor = await this.repository.canonicalVisitor(workspaceId, visitorId);
      if (!visitor) throw notFound('Visitor', visitorId, 'visitorId');
      visitorIds = [visitor.visitorId];
      person = visitor.personId;
    } else {
      visitorIds = await this.repository.visitorsOfPerson(workspaceId, personId as string);
    }
    // A visitor's journey holds that visitor's conversions; a person's, also those recorded against the person alone.
    const rows = await this.repository.items(workspaceId, visitorIds, visitorId === null ? person : null, from, to, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      at: row.at,
      localTime: formatLocal(zone, row.at.getTime()),
      kind: row.kind,
      visitorId: row.visitor_id,
      sessionId: row.session_id,
      title: row.title,
      url: row.url,
      source: row.source,
      medium: row.medium,
      campaign: row.campaign,
      trackedLinkId: row.tracked_link_id,
      shortCode: row.short_code,
      isQr: row.is_qr,
      pageViews: row.page_views,
      durationSeconds: row.duration_seconds,
      value: row.value_micros === null ? null : BigInt(row.value_micros),
      currencyCode: row.currency_code,
    }));
    return { visitorIds, personId: person, timeZone: zone, items, truncated: rows.length > limit };
  }
}
