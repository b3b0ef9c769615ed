/** mulberry32: a tiny, fast PRNG, so every run generates the very same workspaces. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** An index drawn with probability proportional to `cumulative[i] - cumulative[i - 1]`. */
  pickCumulative(cumulative: readonly number[]): number {
    const target = this.next() * cumulative[cumulative.length - 1];
    let index = 0;
    while (cumulative[index] <= target) index += 1;
    return index;
  }
}
