import { Touchpoint } from 'src/attribution/engine/attribution.types';
import { DEFAULT_CHANNELS } from 'src/attribution/engine/channels/default-channel-grouping.util';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';
import { SeededRandom } from './seeded-random.util';

// The default grouping's ten channels and two more, for the twelve the benchmark fits over.
export const CHANNELS = [...DEFAULT_CHANNELS, 'Video', 'SMS'] as const;

const POPULARITY = [18, 16, 14, 10, 9, 8, 7, 6, 4, 3, 3, 2];
const CUMULATIVE = POPULARITY.map((_, i) => POPULARITY.slice(0, i + 1).reduce((a, b) => a + b, 0));
/** How much one touch of each channel adds to the chance of converting. */
const LIFT = [0.004, 0.012, 0.02, 0.018, 0.006, 0.01, 0.008, 0.003, 0.015, 0.002, 0.005, 0.009];

/**
 * One visitor per journey (conversions + nulls = 1), as a workspace's nightly fit sees them:
 * 1 to 20 touches (about 2.2 on average), a third repeating the previous channel, and a
 * conversion chance that grows with the channels touched.
 */
export function generateJourneys(count: number, seed: number): Journey[] {
  const random = new SeededRandom(seed);
  const journeys: Journey[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const path: string[] = [];
    let chance = 0.01;
    let channel = random.pickCumulative(CUMULATIVE);
    do {
      path.push(CHANNELS[channel]);
      chance += LIFT[channel];
      channel = random.next() < 0.33 ? channel : random.pickCumulative(CUMULATIVE);
    } while (path.length < 20 && random.next() < 0.55);
    const converted = random.next() < chance;
    journeys[i] = { path, conversions: converted ? 1 : 0, value: converted ? 100 + random.int(9_900) : 0, nulls: converted ? 0 : 1 };
  }
  return journeys;
}

const SOURCES: readonly Omit<Touchpoint, 'at'>[] = [
  {},
  { source: 'google', medium: 'cpc', campaign: 'brand' },
  { source: 'google', medium: 'organic' },
  { source: 'newsletter', medium: 'email', campaign: 'weekly' },
  { source: 'facebook', medium: 'paid_social', campaign: 'spring' },
  { referrer: 'https://news.ycombinator.com/item?id=1' },
  { referrer: 'https://t.co/x' },
  { source: 'partner', medium: 'affiliate' },
  { source: 'gdn', medium: 'display' },
];

/** `count` touches spread over the 30 days before `conversionAt`. */
export function generateTouchpoints(count: number, seed: number, conversionAt: Date): Touchpoint[] {
  const random = new SeededRandom(seed);
  const windowMs = 30 * 86_400_000;
  return Array.from({ length: count }, () => ({
    at: new Date(conversionAt.getTime() - random.int(windowMs)),
    ...SOURCES[random.int(SOURCES.length)],
  }));
}
