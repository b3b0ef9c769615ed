import { compareText } from 'src/attribution/engine/compare-text.util';
import { CurrencyAmount, CurrencyTotals } from 'src/attribution/engine/money/currency-totals.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';

interface AssistedConversionsRow {
  key: string;
  /** Conversions whose last touch was this group, and their value per currency. */
  lastTouchConversions: number;
  lastTouchValue: CurrencyAmount[];
  /** Conversions where this group touched before the last touch, and their value per currency. */
  assistedConversions: number;
  assistedValue: CurrencyAmount[];
  /** assisted / last touch: above 1 the group mostly assists, below 1 it mostly closes; null when it closed none. */
  assistedToLastRatio: number | null;
}

type Tally = { last: number; lastValue: CurrencyTotals; assisted: number; assistedValue: CurrencyTotals };

/**
 * GA's classic Assisted Conversions: a group is credited a last-touch conversion when it made the
 * journey's last touch, and an assist when it appears anywhere before it, once per conversion however
 * often it appears. A group both assisting and closing the same journey counts in both columns, as in GA.
 */
export function summariseAssistedConversions(journeys: readonly ConvertingJourney[]): AssistedConversionsRow[] {
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string): Tally => {
    let tally = tallies.get(key);
    if (!tally) {
      tally = { last: 0, lastValue: new CurrencyTotals(), assisted: 0, assistedValue: new CurrencyTotals() };
      tallies.set(key, tally);
    }
    return tally;
  };
  for (const journey of journeys) {
    const lastIndex = journey.keys.length - 1;
    const closer = tallyOf(journey.keys[lastIndex]);
    closer.last += 1;
    closer.lastValue.add(journey.currencyCode, journey.valueMicros);
    for (const key of new Set(journey.keys.slice(0, lastIndex))) {
      const assistant = tallyOf(key);
      assistant.assisted += 1;
      assistant.assistedValue.add(journey.currencyCode, journey.valueMicros);
    }
  }
  return [...tallies.entries()]
    .sort(([keyA, a], [keyB, b]) => b.assisted - a.assisted || b.last - a.last || compareText(keyA, keyB))
    .map(([key, tally]) => ({
      key,
      lastTouchConversions: tally.last,
      lastTouchValue: tally.lastValue.list(),
      assistedConversions: tally.assisted,
      assistedValue: tally.assistedValue.list(),
      assistedToLastRatio: tally.last === 0 ? null : tally.assisted / tally.last,
    }));
}
