import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { ValidationFailure } from 'src/common/errors/validation-failure';

export const SHORT_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CUSTOM_SHORT_CODE_MIN_LENGTH = 3;
const CUSTOM_SHORT_CODE_MAX_LENGTH = 64;
const GENERATED_SHORT_CODE_MAX_LENGTH = 64;

/**
 * Path segments a short code must never take: our own routes, and names that a short-link domain
 * serving codes at its root would need for itself. Lower-case; compare with `isReservedShortCode`.
 */
export const RESERVED_SHORT_CODES: ReadonlySet<string> = new Set([
  'api',
  'graphql',
  'graphiql',
  'healthz',
  'health',
  'metrics',
  'status',
  'r',
  's',
  'qr',
  'app',
  'admin',
  'webhooks',
  'webhook',
  'trackflow.js',
  'tracker.js',
  'static',
  'assets',
  'public',
  'login',
  'logout',
  'signin',
  'signout',
  'signup',
  'register',
  'auth',
  'oauth',
  'callback',
  'settings',
  'dashboard',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'humans.txt',
  'security.txt',
  '.well-known',
  'apple-app-site-association',
  'www',
]);

// 248 = 4 × 62: bytes at or above it would make the first 8 letters more likely than the rest.
const ACCEPTED_BYTE_LIMIT = 256 - (256 % SHORT_CODE_ALPHABET.length);
// A fair source rejects 1 byte in 32; this many empty-handed rounds means the source is broken.
const MAX_DRAW_ROUNDS = 64;

export function isReservedShortCode(code: string): boolean {
  return RESERVED_SHORT_CODES.has(code.toLowerCase());
}

/**
 * A random base62 code. Throws RangeError for a length outside 1..64: the length comes from
 * settings, which are validated where they are saved, so a bad one here is a programming error.
 */
export function generateShortCode(
  length: number,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
): string {
  if (!Number.isInteger(length) || length < 1 || length > GENERATED_SHORT_CODE_MAX_LENGTH) {
    throw new RangeError(`short code length must be an integer from 1 to ${GENERATED_SHORT_CODE_MAX_LENGTH}, got ${length}`);
  }
  for (;;) {
    const code = drawCode(length, randomBytes);
    // Only codes of exactly the length of a reserved word can hit one, so this rarely loops.
    if (!isReservedShortCode(code)) {
      return code;
    }
  }
}

function drawCode(length: number, randomBytes: (n: number) => Buffer): string {
  let code = '';
  for (let round = 0; round < MAX_DRAW_ROUNDS; round++) {
    // A little headroom so that one call to the source nearly always suffices.
    const bytes = randomBytes(length - code.length + 4);
    for (let i = 0; i < bytes.length && code.length < length; i++) {
      const byte = bytes[i];
      if (byte < ACCEPTED_BYTE_LIMIT) {
        code += SHORT_CODE_ALPHABET[byte % SHORT_CODE_ALPHABET.length];
      }
    }
    if (code.length === length) {
      return code;
    }
  }
  throw new Error('random source keeps returning unusable bytes');
}

const CUSTOM_SHORT_CODE_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/** Returns the code unchanged (codes are case-sensitive) or throws the first rule it breaks. */
export function validateCustomShortCode(code: string, field = 'shortCode'): string {
  if (typeof code !== 'string') {
    throw new ValidationFailure(field, 'must be a string');
  }
  if (code.length < CUSTOM_SHORT_CODE_MIN_LENGTH || code.length > CUSTOM_SHORT_CODE_MAX_LENGTH) {
    throw new ValidationFailure(
      field,
      `must be ${CUSTOM_SHORT_CODE_MIN_LENGTH} to ${CUSTOM_SHORT_CODE_MAX_LENGTH} characters long`,
    );
  }
  if (!CUSTOM_SHORT_CODE_CHARACTERS.test(code)) {
    throw new ValidationFailure(field, "may only contain letters, digits, '-' and '_'");
  }
  const first = code[0];
  const last = code[code.length - 1];
  if (first === '-' || first === '_' || last === '-' || last === '_') {
    throw new ValidationFailure(field, "must not start or end with '-' or '_'");
  }
  if (isReservedShortCode(code)) {
    throw new ValidationFailure(field, 'is a reserved word');
  }
  return code;
}
