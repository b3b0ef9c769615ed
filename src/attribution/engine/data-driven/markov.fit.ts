import { ValidationFailure } from 'src/common/errors/validation-failure';
import { compareText } from 'src/attribution/engine/compare-text.util';
import { AbsorbingChain, conversionProbability } from 'src/attribution/engine/data-driven/absorbing-chain.solver';
import { FitInputsCollector } from 'src/attribution/engine/data-driven/fit-inputs.collector';
import { MarkovChannelCredit, MarkovFittedModel, MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';

interface MarkovFitOptions {
  order?: MarkovOrder;
}

const START = 0;
/** A state's key packs its (up to 3) channel ids + 1 in base 2^17, which stays below 2^53. */
const KEY_BASE = 2 ** 17;

/**
 * The transient states of an order-k chain, ChannelAttribution-style: a path's states are its
 * windows of k consecutive channels (a path shorter than k is one state), and a window repeating
 * the previous one is dropped as a self-loop.
 */
class ChainBuilder {
  readonly tuples: number[][] = [[]];
  readonly successors: Map<number, number>[] = [new Map()];
  readonly toConversion: number[] = [0];
  readonly toNull: number[] = [0];
  private readonly stateIds = new Map<number, number>();

  constructor(private readonly order: MarkovOrder) {}

  addJourney(path: readonly number[], conversions: number, nulls: number): void {
    const walkers = conversions + nulls;
    const windows = Math.max(1, path.length - this.order + 1);
    let previous = START;
    for (let start = 0; start < windows; start += 1) {
      const state = this.stateOf(path, start, Math.min(path.length, start + this.order));
      if (state === previous) continue;
      const edges = this.successors[previous];
      edges.set(state, (edges.get(state) ?? 0) + walkers);
      previous = state;
    }
    this.toConversion[previous] += conversions;
    this.toNull[previous] += nulls;
  }

  private stateOf(path: readonly number[], from: number, to: number): number {
    let key = 0;
    for (let i = from; i < to; i += 1) key = key * KEY_BASE + path[i] + 1;
    const known = this.stateIds.get(key);
    if (known !== undefined) return known;
    const id = this.tuples.length;
    this.stateIds.set(key, id);
    this.tuples.push(path.slice(from, to));
    this.successors.push(new Map());
    this.toConversion.push(0);
    this.toNull.push(0);
    return id;
  }
}

/**
 * Fits the removal-effect Markov model: the chain start → channel states → conversion | null,
 * with transition probabilities from the journeys' counts (aggregated in one pass, so the cost
 * grows linearly with the journeys), solved exactly once as is and once per removed channel.
 * removal effect(c) = 1 − P(conversion | states with c removed) / P(conversion); a channel's
 * credit is its share of the summed removal effects times the total conversions (and value).
 */
export function fitMarkov(journeys: readonly Journey[], options: MarkovFitOptions = {}): MarkovFittedModel {
  const order = options.order ?? 1;
  if (![1, 2, 3].includes(order)) throw new ValidationFailure('order', `must be 1, 2 or 3, got ${order}`);
  const inputs = new FitInputsCollector();
  const builder = new ChainBuilder(order);
  journeys.forEach((journey, index) => {
    const path = inputs.accept(journey, index);
    if (path) builder.addJourney(path, journey.conversions, journey.nulls);
  });
  if (inputs.channelNames.length >= KEY_BASE) {
    throw new ValidationFailure('journeys', `have ${inputs.channelNames.length} distinct channels; at most ${KEY_BASE - 1} are supported`);
  }
  const summary = inputs.summary();
  const chain: AbsorbingChain = builder;

  const baseline = conversionProbability(chain, () => false);
  const removalEffects = inputs.channelNames.map((_, channel) => {
    if (baseline === 0) return 0;
    const without = conversionProbability(chain, (state) => builder.tuples[state].includes(channel));
    // P(without) cannot exceed the baseline; the clamp only removes rounding noise.
    return Math.min(1, Math.max(0, 1 - without / baseline));
  });
  const effectSum = removalEffects.reduce((sum, effect) => sum + effect, 0);

  const credits: MarkovChannelCredit[] = inputs.channelNames.map((channel, id) => {
    const share = effectSum > 0 ? removalEffects[id] / effectSum : 0;
    return { channel, conversions: share * summary.conversions, value: share * summary.value, removalEffect: removalEffects[id] };
  });
  credits.sort((a, b) => compareText(a.channel, b.channel));
  return { model: 'MARKOV', order, inputs: summary, states: builder.tuples.length, conversionProbability: baseline, credits };
}
