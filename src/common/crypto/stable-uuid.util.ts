import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name (RFC 9562 version 8 layout over SHA-256): the same parts always give
 * the same id. Rows mirrored into Twenty carry such ids, so writing them again updates the same
 * record instead of creating a twin.
 */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
