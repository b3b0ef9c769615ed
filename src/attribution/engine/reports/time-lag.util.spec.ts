import { MilestoneJourney, summariseTimeLag } from 'src/attribution/engine/reports/time-lag.util';

const DAY = 86_400_000;
const at = (day: number): number => day * DAY;
const touches = (...list: [number, string][]) => list.map(([day, key]) => ({ atMs: at(day), key }));

describe('summariseTimeLag', () => {
  const lead = (leadDay: number, ...list: [number, string][]): MilestoneJourney => ({ touches: touches(...list), leadMs: at(leadDay), opportunityMs: null, wonMs: null, stages: ['FIRST_TOUCH_TO_LEAD'] });
  const deal = (leadDay: number | null, openedDay: number | null, wonDay: number | null, ...list: [number, string][]): MilestoneJourney => ({
    touches: touches(...list),
    leadMs: leadDay === null ? null : at(leadDay),
    opportunityMs: openedDay === null ? null : at(openedDay),
    wonMs: wonDay === null ? null : at(wonDay),
    stages: ['LEAD_TO_OPPORTUNITY', 'OPPORTUNITY_TO_WON'],
  });

  it('measures each stage in the period of its end milestone, grouped by the first touch', () => {
    const [toLead, toOpportunity, toWon] = summariseTimeLag(
      [
        // Email first on day 10, lead on 12: 2 days, 2 touches (day 10 and 11).
        lead(12, [10, 'Email'], [11, 'Paid Search']),
        // Paid Search on day 20, lead the same day: 0 days, 1 touch.
        lead(20, [20, 'Paid Search'], [25, 'Email']),
        // Lead on day 40, outside [10, 40): not counted.
        lead(40, [30, 'Email']),
        // A lead without touches has no first touch to measure from.
        lead(15),
        // Lead 12 → opened 15 (3 days; touch 14 counts, 12 is the lead's own) → won 30 (15 days; touch 20 counts).
        deal(12, 15, 30, [10, 'Email'], [12, 'Email'], [14, 'Paid Search'], [20, 'Email']),
        // No touch: lead 11 → opened 11 (0 days, 0 touches); still open.
        deal(11, 11, null),
        // Opened on day 5 (before the period), won on 13: only the won stage counts, 8 days, no touches after the opening.
        deal(null, 5, 13, [2, 'Paid Search']),
        // Lead made after the deal opened: out of order.
        deal(18, 16, null, [1, 'Email']),
      ],
      at(10),
      at(40),
    );
    expect(toLead.overall).toMatchObject({ journeys: 2, days: { median: 1, p25: 0.5, p75: 1.5 }, touches: { median: 1.5 } });
    expect(toLead.groups.map((group) => [group.key, group.journeys, group.days.median, group.touches.median])).toEqual([
      ['Email', 1, 2, 2],
      ['Paid Search', 1, 0, 1],
    ]);
    // Lags 3 and 0 days, touches 1 and 0; the out-of-order deal is set apart.
    expect(toOpportunity.overall).toMatchObject({ journeys: 2, days: { median: 1.5 }, touches: { median: 0.5 } });
    expect(toOpportunity.outOfOrder).toBe(1);
    expect(toOpportunity.groups.map((group) => [group.key, group.days.median, group.touches.median])).toEqual([
      ['(no touch)', 0, 0],
      ['Email', 3, 1],
    ]);
    // Lags 15 (bucket 15–30) and 8 days (8–14).
    expect(toWon.overall.days.buckets.filter((bucket) => bucket.count > 0).map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['8–14', 1],
      ['15–30', 1],
    ]);
    expect(toWon.groups.map((group) => [group.key, group.days.median, group.touches.median])).toEqual([
      ['Email', 15, 1],
      ['Paid Search', 8, 0],
    ]);
  });
});
