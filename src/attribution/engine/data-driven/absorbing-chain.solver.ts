import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * A Markov chain with two absorbing states, conversion and null, given by observed transition
 * counts. Transient state 0 is the start. Self-loops are left out: they only delay absorption and
 * never change where a walk ends.
 */
export interface AbsorbingChain {
  successors: ReadonlyArray<ReadonlyMap<number, number>>;
  toConversion: ArrayLike<number>;
  toNull: ArrayLike<number>;
}

/** A dense system of this size takes 128 MiB; larger chains need a lower Markov order. */
const MAX_SOLVED_STATES = 4096;

/**
 * P(a walk from the start ends in conversion), with the `removed` states turned into dead ends
 * (a walk entering one is lost), solved exactly rather than simulated.
 *
 * With x_s the absorption probability of state s, T_s its total outgoing count and n_st the
 * counts between states: T_s·x_s − Σ_t n_st·x_t = (count s → conversion). Only the states that
 * the start reaches and that can themselves still reach conversion enter the system (every other
 * x is 0 or irrelevant), which makes it a non-singular, diagonally dominant M-matrix: Gaussian
 * elimination needs no pivoting there and is backward stable. The start is eliminated last, so
 * its value is read off the final pivot without back-substitution; zero multipliers are skipped,
 * so sparse chains cost far less than the dense worst case of m³/3.
 */
export function conversionProbability(chain: AbsorbingChain, removed: (state: number) => boolean): number {
  const active = activeStates(chain, removed);
  const m = active.length;
  if (m === 0) return 0;
  if (m > MAX_SOLVED_STATES) {
    throw new ValidationFailure('order', `the chain has ${m} states, more than the ${MAX_SOLVED_STATES} that can be solved exactly; use a lower order`);
  }
  const position = new Map<number, number>();
  active.forEach((state, index) => position.set(state, index));

  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  active.forEach((state, row) => {
    let total = chain.toConversion[state] + chain.toNull[state];
    for (const [target, weight] of chain.successors[state]) {
      total += weight;
      const column = position.get(target);
      if (column !== undefined) a[row * m + column] -= weight;
    }
    a[row * m + row] += total;
    b[row] = chain.toConversion[state];
  });

  const pivotColumns = new Int32Array(m);
  for (let k = 0; k < m; k += 1) {
    const pivotRow = k * m;
    const pivot = a[pivotRow + k];
    if (!(pivot > 0)) throw new Error(`absorbing chain: pivot ${k} is ${pivot}; the system should be an M-matrix`);
    let nonZero = 0;
    for (let j = k + 1; j < m; j += 1) if (a[pivotRow + j] !== 0) pivotColumns[nonZero++] = j;
    for (let i = k + 1; i < m; i += 1) {
      const row = i * m;
      const below = a[row + k];
      if (below === 0) continue;
      const factor = below / pivot;
      for (let c = 0; c < nonZero; c += 1) {
        const j = pivotColumns[c];
        a[row + j] -= factor * a[pivotRow + j];
      }
      b[i] -= factor * b[k];
    }
  }
  return b[m - 1] / a[(m - 1) * m + (m - 1)];
}

/**
 * States reachable from the start without entering a removed state and from which conversion
 * is still reachable, in reverse breadth-first order: farthest from the start first, the start last.
 */
function activeStates(chain: AbsorbingChain, removed: (state: number) => boolean): number[] {
  const stateCount = chain.successors.length;
  const visited = new Uint8Array(stateCount);
  const reached: number[] = [0];
  visited[0] = 1;
  for (let head = 0; head < reached.length; head += 1) {
    for (const target of chain.successors[reached[head]].keys()) {
      if (!visited[target] && !removed(target)) {
        visited[target] = 1;
        reached.push(target);
      }
    }
  }

  const predecessors = new Map<number, number[]>();
  for (const state of reached) {
    for (const target of chain.successors[state].keys()) {
      if (!visited[target]) continue;
      const list = predecessors.get(target);
      if (list) list.push(state);
      else predecessors.set(target, [state]);
    }
  }
  const converts = new Uint8Array(stateCount);
  const queue = reached.filter((state) => chain.toConversion[state] > 0);
  for (const state of queue) converts[state] = 1;
  for (let head = 0; head < queue.length; head += 1) {
    for (const source of predecessors.get(queue[head]) ?? []) {
      if (!converts[source]) {
        converts[source] = 1;
        queue.push(source);
      }
    }
  }
  if (!converts[0]) return [];
  return reached.filter((state) => converts[state] === 1).reverse();
}
