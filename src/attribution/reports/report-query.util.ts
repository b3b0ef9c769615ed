import { AttributionGroupBy } from 'src/attribution/reports/attribution-report.dto';
import { StoredTouchpoint } from 'src/attribution/touchpoints.repository';
import { ValidationFailure } from 'src/common/errors/validation-failure';

const NONE = '(none)';

/** The group a touch falls in: its channel, its utm source or campaign ("(none)" without one), or its link's id. */
export function groupKey(groupBy: AttributionGroupBy, channel: string, touch: StoredTouchpoint): string {
  switch (groupBy) {
    case AttributionGroupBy.CHANNEL:
      return channel;
    case AttributionGroupBy.SOURCE:
      return touch.source?.trim() || NONE;
    case AttributionGroupBy.CAMPAIGN:
      return touch.campaign?.trim() || NONE;
    case AttributionGroupBy.LINK:
      return touch.trackedLinkId ?? NONE;
  }
}

/** A report's [from, to): valid dates, in order, at most `maxDays` long. */
export function checkPeriod(from: Date, to: Date, maxDays: number): void {
  if (Number.isNaN(from.getTime())) throw new ValidationFailure('from', 'must be a valid date');
  if (Number.isNaN(to.getTime())) throw new ValidationFailure('to', 'must be a valid date');
  if (from.getTime() >= to.getTime()) throw new ValidationFailure('to', 'must be after from');
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) throw new ValidationFailure('to', `the period must be at most ${maxDays} days`);
}
