import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { OpportunityAttribution } from 'src/crm/crm-attribution.types';
import { DealState } from 'src/crm/crm-change';

/** A touch without a UTM source still came through a channel (direct, organic search, a referrer); that is its source for sales staff. */
const sourceOf = (row: AttributionRow | undefined) => (row ? (row.touchpoint.source ?? row.channel) : null);

export function dealAttribution(modelName: string, rows: readonly AttributionRow[]): OpportunityAttribution {
  return {
    modelName,
    firstTouchSource: sourceOf(rows[0]),
    lastTouchSource: sourceOf(rows[rows.length - 1]),
    marketingInfluenced: rows.length > 0,
  };
}

/** Attribution depends on the amount, the people and whether the deal is won; other edits (ours included) change nothing. */
export function attributionInputsChanged(before: DealState | null, after: DealState, wasWon: boolean, isWon: boolean): boolean {
  if (!before) return true;
  return before.amountMicros !== after.amountMicros || before.currencyCode !== after.currencyCode || before.pointOfContactId !== after.pointOfContactId || before.companyId !== after.companyId || wasWon !== isWon;
}
