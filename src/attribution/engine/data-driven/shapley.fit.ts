import { compareText } from 'src/attribution/engine/compare-text.util';
import { FitInputsCollector } from 'src/attribution/engine/data-driven/fit-inputs.collector';
import { ChannelCredit, ShapleyFittedModel } from 'src/attribution/engine/data-driven/fitted-model.types';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';

/**
 * Fits the Shapley model of the game v(S) = conversions of the journeys whose channel set ⊆ S,
 * exactly, for any number of channels, in one pass over the journeys.
 *
 * Why no 2^n enumeration is needed: grouping journeys by their exact channel set T gives
 * v = Σ_T conv(T)·u_T, where u_T(S) = 1 if T ⊆ S is the unanimity game on T. conv(T) are thus
 * v's Möbius coefficients (Harsanyi dividends), which the journeys hand us directly — the zeta
 * transform would only rebuild v from them. The Shapley value is linear and gives 1/|T| of u_T
 * to each member of T, so φ_c = Σ_{T ∋ c} conv(T)/|T|: each journey's conversions are shared
 * equally by its distinct channels. The value credit does the same with the conversion value.
 * Exactness is checked against the permutation definition in shapley.fit.spec.ts.
 */
export function fitShapley(journeys: readonly Journey[]): ShapleyFittedModel {
  const inputs = new FitInputsCollector();
  const conversions: number[] = [];
  const values: number[] = [];
  const lastSeenIn: number[] = [];
  const distinct: number[] = [];
  journeys.forEach((journey, index) => {
    const path = inputs.accept(journey, index);
    if (!path) return;
    distinct.length = 0;
    for (const channel of path) {
      while (conversions.length <= channel) {
        conversions.push(0);
        values.push(0);
        lastSeenIn.push(-1);
      }
      if (lastSeenIn[channel] !== index) {
        lastSeenIn[channel] = index;
        distinct.push(channel);
      }
    }
    for (const channel of distinct) {
      conversions[channel] += journey.conversions / distinct.length;
      values[channel] += journey.value / distinct.length;
    }
  });
  const credits: ChannelCredit[] = inputs.channelNames.map((channel, id) => ({ channel, conversions: conversions[id], value: values[id] }));
  credits.sort((a, b) => compareText(a.channel, b.channel));
  return { model: 'SHAPLEY', inputs: inputs.summary(), credits };
}
