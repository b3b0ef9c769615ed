import { Injectable } from '@nestjs/common';
import { ConversionRecorded } from 'src/attribution/attribution.events';
import { CONVERSION_TYPES, ConversionType, RecordConversionInput } from 'src/attribution/conversions/conversion.dto';
import { ConversionRecord, ConversionsRepository } from 'src/attribution/conversions/conversions.repository';
import type { Reads } from 'src/common/database/read-replica.service';
import type { Transaction } from 'src/common/database/transaction';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { DomainEvents } from 'src/common/events/domain-events';
import { notFound } from 'src/common/errors/trackflow.exception';
import { currencyCode, nonNegativeMicros, optionalText } from 'src/common/validation/input-rules';

// Conversions are recorded as they happen; a date far ahead is a client clock or unit mistake.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class ConversionsService {
  constructor(
    private readonly repository: ConversionsRepository,
    private readonly events: DomainEvents,
  ) {}

  async get(workspaceId: string, id: string): Promise<ConversionRecord> {
    const conversion = await this.repository.findOne(workspaceId, id);
    if (!conversion) throw notFound('Conversion', id, 'conversionId');
    return conversion;
  }

  listForPerson(workspaceId: string, personId: string): Promise<ConversionRecord[]> {
    return this.repository.listForPerson(workspaceId, personId);
  }

  findDeal(workspaceId: string, opportunityId: string): Promise<ConversionRecord | null> {
    return this.repository.findDeal(workspaceId, opportunityId);
  }

  /**
   * A won deal moved back to an open stage is no conversion any more: its deal conversion goes, and
   * with it its credits and attribution rows (returned, for their mirrors). Null when it had none.
   */
  async withdrawDeal(workspaceId: string, opportunityId: string, transaction?: Transaction): Promise<{ conversionId: string; dealAttributionIds: string[] } | null> {
    const conversion = await this.repository.findDeal(workspaceId, opportunityId, transaction);
    if (!conversion) return null;
    return { conversionId: conversion.id, dealAttributionIds: await this.repository.delete(workspaceId, conversion.id, transaction) };
  }

  /** A person deleted in Twenty: their own conversions (leads, sign-ups…; deals belong to their opportunity) go, with their rows. */
  async withdrawPerson(workspaceId: string, personId: string, transaction?: Transaction): Promise<{ conversionIds: string[]; dealAttributionIds: string[] }> {
    const withdrawn = { conversionIds: [] as string[], dealAttributionIds: [] as string[] };
    for (const conversion of await this.repository.listForPerson(workspaceId, personId, transaction)) {
      if (conversion.conversionType === 'deal') continue;
      withdrawn.dealAttributionIds.push(...(await this.repository.delete(workspaceId, conversion.id, transaction)));
      withdrawn.conversionIds.push(conversion.id);
    }
    return withdrawn;
  }

  listBetween(workspaceId: string, from: Date, to: Date, limit?: number, reads?: Reads): Promise<ConversionRecord[]> {
    return this.repository.listBetween(workspaceId, from, to, limit, reads);
  }

  /** Records (or, for the same lead, deal or idempotency key, updates) a conversion and announces it (conversion.created webhooks). */
  async record(workspaceId: string, input: RecordConversionInput, transaction?: Transaction): Promise<ConversionRecord> {
    const type = input.conversionType.trim().toLowerCase();
    if (!(CONVERSION_TYPES as readonly string[]).includes(type)) throw new ValidationFailure('conversionType', `must be one of ${CONVERSION_TYPES.join(', ')}`);
    const visitorId = optionalText(input.visitorId, 'visitorId', 64) ?? null;
    const personId = optionalText(input.personId, 'personId', 64) ?? null;
    const opportunityId = optionalText(input.opportunityId, 'opportunityId', 64) ?? null;
    if (type === 'lead' && !personId) throw new ValidationFailure('personId', 'is required for a lead (the Twenty person that converted)');
    if (type === 'deal' && !opportunityId) throw new ValidationFailure('opportunityId', 'is required for a deal (the Twenty opportunity)');
    if (!visitorId && !personId) throw new ValidationFailure('visitorId', 'give the visitor id (tf_vid) or a personId whose visitors are known');
    const convertedAt = input.convertedAt ?? new Date();
    if (Number.isNaN(convertedAt.getTime()) || convertedAt.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) throw new ValidationFailure('convertedAt', 'must be a valid date, not in the future');
    const conversion = await this.repository.upsert(workspaceId, {
      conversionType: type as ConversionType,
      visitorId,
      personId,
      opportunityId,
      valueMicros: nonNegativeMicros(input.value, 'value') ?? 0n,
      currencyCode: currencyCode(input.currencyCode, 'currencyCode') ?? 'USD',
      convertedAt,
      idempotencyKey: optionalText(input.idempotencyKey, 'idempotencyKey', 200) ?? null,
    }, transaction);
    await this.events.publish(ConversionRecorded, { workspaceId, conversion }, transaction);
    return conversion;
  }
}
