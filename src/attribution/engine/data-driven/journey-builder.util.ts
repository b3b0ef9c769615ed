import { Journey } from 'src/attribution/engine/data-driven/journey.types';

interface PersonTouch {
  /** The person (or lone visitor) the touch belongs to. */
  who: string;
  atMs: number;
  channel: string;
}

interface PersonConversion {
  who: string;
  atMs: number;
  /** In major units of the currency: fits weigh conversions, values only follow along. */
  value: number;
}

/**
 * Turns a period's touches and conversions into ChannelAttribution-style journeys: a person who
 * converted contributes the channels they touched up to their first conversion, with that
 * conversion; everyone else contributes all their touches as a journey that did not convert.
 * Journeys with the same channel path are merged.
 */
export function buildJourneys(touches: readonly PersonTouch[], conversions: readonly PersonConversion[]): Journey[] {
  const firstConversion = new Map<string, PersonConversion>();
  for (const conversion of conversions) {
    const known = firstConversion.get(conversion.who);
    if (!known || conversion.atMs < known.atMs) firstConversion.set(conversion.who, conversion);
  }
  const paths = new Map<string, string[]>();
  const ordered = [...touches].sort((a, b) => (a.who < b.who ? -1 : a.who > b.who ? 1 : a.atMs - b.atMs));
  for (const touch of ordered) {
    const conversion = firstConversion.get(touch.who);
    if (conversion && touch.atMs > conversion.atMs) continue;
    const path = paths.get(touch.who);
    if (path) path.push(touch.channel);
    else paths.set(touch.who, [touch.channel]);
  }
  const journeys = new Map<string, Journey>();
  for (const [who, path] of paths) {
    const key = path.join('\u0000');
    const journey = journeys.get(key) ?? { path, conversions: 0, value: 0, nulls: 0 };
    const conversion = firstConversion.get(who);
    if (conversion) {
      journey.conversions += 1;
      journey.value += conversion.value;
    } else {
      journey.nulls += 1;
    }
    journeys.set(key, journey);
  }
  return [...journeys.values()];
}
