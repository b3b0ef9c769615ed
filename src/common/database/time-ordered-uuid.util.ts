import { randomUUID } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): the Unix time in milliseconds in its first 48 bits, random bits
 * after. Rows written with such keys land at the right edge of their B-tree indexes, on pages
 * already in memory, instead of on a random page of an index that outgrows the cache: for tables
 * that take thousands of rows a second, insertion is markedly cheaper.
 */
export function timeOrderedUuid(nowMs = Date.now()): string {
  const time = nowMs.toString(16).padStart(12, '0');
  // A version 4 UUID supplies the random bits and the variant; its version digit (index 14) becomes 7.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
