import { AbsorbingChain, conversionProbability } from 'src/attribution/engine/data-driven/absorbing-chain.solver';

/** Builds a chain from "from→to": count edges, with 'conv' and 'null' as the absorbing states. */
function chain(stateCount: number, edges: [number, number | 'conv' | 'null', number][]): AbsorbingChain {
  const successors = Array.from({ length: stateCount }, () => new Map<number, number>());
  const toConversion = new Array<number>(stateCount).fill(0);
  const toNull = new Array<number>(stateCount).fill(0);
  for (const [from, to, count] of edges) {
    if (to === 'conv') toConversion[from] += count;
    else if (to === 'null') toNull[from] += count;
    else successors[from].set(to, count);
  }
  return { successors, toConversion, toNull };
}

describe('conversionProbability', () => {
  it('solves a cycle exactly', () => {
    // 0 → 1 (1). 1 → 2 (1), 1 → conv (1). 2 → 1 (1), 2 → null (3).
    // x1 = x2/2 + 1/2, x2 = x1/4 ⇒ x1 = x1/8 + 1/2 ⇒ x1 = 4/7; x0 = x1 = 4/7.
    const c = chain(3, [[0, 1, 1], [1, 2, 1], [1, 'conv', 1], [2, 1, 1], [2, 'null', 3]]);
    expect(conversionProbability(c, () => false)).toBeCloseTo(4 / 7, 15);
    // Removing state 2 turns 1 → 2 into a loss: x1 = 1/2.
    expect(conversionProbability(c, (state) => state === 2)).toBeCloseTo(1 / 2, 15);
    // Removing state 1 leaves no way to convert.
    expect(conversionProbability(c, (state) => state === 1)).toBe(0);
  });

  it('ignores states the start cannot reach or that cannot convert', () => {
    // State 3 is unreachable and would make the system singular (a closed loop 3 ↔ 4).
    const c = chain(5, [[0, 1, 2], [0, 2, 2], [1, 'conv', 1], [1, 'null', 1], [2, 'null', 5], [3, 4, 1], [4, 3, 1]]);
    expect(conversionProbability(c, () => false)).toBeCloseTo(1 / 4, 15);
  });

  it('returns 0 when nothing converts', () => {
    expect(conversionProbability(chain(2, [[0, 1, 3], [1, 'null', 3]]), () => false)).toBe(0);
  });

  it('solves a long chain with many loops to machine precision', () => {
    // A birth–death chain 1..n: from k, forward with weight 2, back with weight 1, conv after n, null before 1.
    // Gambler's ruin with p = 2/3 from state 1: P(reach the top) = (1 - r) / (1 - r^n), r = q/p = 1/2.
    const n = 60;
    const edges: [number, number | 'conv' | 'null', number][] = [[0, 1, 1]];
    for (let k = 1; k <= n; k += 1) {
      edges.push([k, k === n ? 'conv' : k + 1, 2]);
      edges.push([k, k === 1 ? 'null' : k - 1, 1]);
    }
    expect(conversionProbability(chain(n + 1, edges), () => false)).toBeCloseTo((1 - 0.5) / (1 - 0.5 ** n), 14);
  });
});
