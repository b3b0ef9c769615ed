import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { DealState } from 'src/crm/crm-records.repository';

export type DealFields = {
  trackflowAttributionModel: string;
  trackflowFirstTouchSource: string | null;
  trackflowLastTouchSource: string | null;
  trackflowMarketingInfluenced: boolean;
};

/** A touch without a UTM source still came through a channel (direct, organic search, a referrer); that is its source for sales staff. */
const sourceOf = (row: AttributionRow | undefined) => (row ? (row.touchpoint.source ?? row.channel) : null);

export function dealFields(modelName: string, rows: readonly AttributionRow[]): DealFields {
  return {
    trackflowAttributionModel: modelName,
    trackflowFirstTouchSource: sourceOf(rows[0]),
    trackflowLastTouchSource: sourceOf(rows[rows.length - 1]),
    trackflowMarketingInfluenced: rows.length > 0,
  };
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** What attribution needs of a Twenty opportunity record; an amount Twenty would never send is refused, not guessed. */
export function dealStateOf(record: Record<string, unknown> & { id: string }): DealState {
  const amount = record.amount as { amountMicros?: unknown; currencyCode?: unknown } | null | undefined;
  const micros = amount?.amountMicros;
  if (micros !== undefined && micros !== null && !(typeof micros === 'number' ? Number.isSafeInteger(micros) : typeof micros === 'string' && /^\d+$/.test(micros))) {
    throw new ValidationFailure('record.amount.amountMicros', 'must be a whole number of micros');
  }
  const amountMicros = micros === undefined || micros === null ? null : BigInt(micros as number | string);
  if (amountMicros !== null && amountMicros < 0n) throw new ValidationFailure('record.amount.amountMicros', 'must not be negative');
  const currencyCode = text(amount?.currencyCode) ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currencyCode)) throw new ValidationFailure('record.amount.currencyCode', 'must be an ISO 4217 code like USD');
  return { opportunityId: record.id, stage: text(record.stage), amountMicros, currencyCode, pointOfContactId: text(record.pointOfContactId), companyId: text(record.companyId) };
}

/** Attribution depends on the amount, the people and whether the deal is won; other edits (ours included) change nothing. */
export function attributionInputsChanged(before: DealState | null, after: DealState, wasWon: boolean, isWon: boolean): boolean {
  if (!before) return true;
  return before.amountMicros !== after.amountMicros || before.currencyCode !== after.currencyCode || before.pointOfContactId !== after.pointOfContactId || before.companyId !== after.companyId || wasWon !== isWon;
}
