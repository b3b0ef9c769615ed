/**
 * Picks one of the variants with a positive weight, with probability proportional to its weight,
 * the same one every time for the same `stickyKey` (e.g. `${visitorId}:${linkId}`).
 *
 * Weighted rendezvous hashing: every variant draws u = hash(stickyKey, id) in (0, 1) and scores
 * -ln(u) / weight, an exponential variable with rate `weight`; the lowest score wins, which happens
 * with probability weight / sum of weights. Unlike cutting [0, 1) into cumulative slices, a visitor
 * keeps their variant when another variant is added, paused or re-weighted (only the visitors that
 * the change has to move do move), and the order of `variants` does not matter.
 *
 * Returns undefined when no variant has a positive, finite weight.
 */
export function chooseVariant<T extends { id: string; weight: number }>(
  variants: readonly T[],
  stickyKey: string,
): T | undefined {
  let chosen: T | undefined;
  let lowestScore = Number.POSITIVE_INFINITY;
  for (const variant of variants) {
    const weight = variant.weight;
    if (!(weight > 0) || weight === Number.POSITIVE_INFINITY) {
      continue;
    }
    const score = -Math.log(unitIntervalHash(stickyKey, variant.id)) / weight;
    // The id breaks exact ties so that the answer never depends on the order of the input.
    if (score < lowestScore || (score === lowestScore && chosen !== undefined && variant.id < chosen.id)) {
      chosen = variant;
      lowestScore = score;
    }
  }
  return chosen;
}

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_53 = 2 ** 53;
// Outside the UTF-16 code unit range, so (key, id) pairs cannot collide by shifting characters.
const SEPARATOR = 0x1_0000;

/**
 * A 53-bit hash of the two strings mapped into the open interval (0, 1). Two 32-bit
 * multiply-xor lanes over the code units with murmur3's finaliser constants to cross-mix them:
 * fast enough for the redirect path and well spread even for keys that differ in one character.
 * Not cryptographic: a visitor who forges their id can choose their variant, which is harmless.
 */
export function unitIntervalHash(first: string, second: string): number {
  let h1 = 0x2f1a_9c3d;
  let h2 = 0x6b84_20e5;
  for (let i = 0; i < first.length; i++) {
    const code = first.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x9e37_79b1);
    h2 = Math.imul(h2 ^ code, 0x5f35_6495);
  }
  h1 = Math.imul(h1 ^ SEPARATOR, 0x9e37_79b1);
  h2 = Math.imul(h2 ^ SEPARATOR, 0x5f35_6495);
  for (let i = 0; i < second.length; i++) {
    const code = second.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x9e37_79b1);
    h2 = Math.imul(h2 ^ code, 0x5f35_6495);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85eb_ca6b);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 0xc2b2_ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85eb_ca6b);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 0xc2b2_ae35);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85eb_ca6b);
  h1 ^= h1 >>> 13;
  const bits53 = (h2 & 0x1f_ffff) * TWO_POW_32 + (h1 >>> 0);
  // The half step keeps the result off 0, whose logarithm would be -Infinity.
  return (bits53 + 0.5) / TWO_POW_53;
}
