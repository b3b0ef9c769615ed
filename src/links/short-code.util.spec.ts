import { ValidationFailure } from 'src/common/errors/validation-failure';
import {
  RESERVED_SHORT_CODES,
  SHORT_CODE_ALPHABET,
  generateShortCode,
  isReservedShortCode,
  validateCustomShortCode,
} from 'src/links/short-code.util';

/** A fake source that hands out the given bytes in order, as many as asked for. */
function scriptedBytes(...values: number[]): (n: number) => Buffer {
  let position = 0;
  return (n: number) => {
    const chunk = values.slice(position, position + n);
    position += chunk.length;
    return Buffer.from(chunk);
  };
}

function failureOf(action: () => unknown): ValidationFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationFailure) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ValidationFailure');
}

describe('SHORT_CODE_ALPHABET', () => {
  it('is the 62 distinct digits and ASCII letters', () => {
    expect(SHORT_CODE_ALPHABET).toHaveLength(62);
    expect(new Set(SHORT_CODE_ALPHABET).size).toBe(62);
    expect(SHORT_CODE_ALPHABET).toMatch(/^[0-9A-Za-z]+$/);
  });
});

describe('generateShortCode', () => {
  it('maps accepted bytes onto the alphabet', () => {
    expect(generateShortCode(4, scriptedBytes(0, 61, 62, 247))).toBe('0z0z');
    expect(generateShortCode(3, scriptedBytes(10, 36, 63))).toBe('Aa1');
  });

  it('rejects bytes 248..255 instead of folding them onto the first letters (no modulo bias)', () => {
    // 248 % 62 === 0 and 255 % 62 === 7: folding them would make '0'..'7' more likely.
    expect(generateShortCode(3, scriptedBytes(248, 255, 1, 250, 2, 3))).toBe('123');
  });

  it('asks the source again when a batch had too many rejected bytes', () => {
    const calls: number[] = [];
    const bytes = scriptedBytes(255, 255, 255, 255, 255, 255, 255, 255, 5, 6);
    const code = generateShortCode(2, (n) => {
      calls.push(n);
      return bytes(n);
    });

    expect(code).toBe('56');
    expect(calls.length).toBeGreaterThan(1);
  });

  it('gives up with an error when the source only ever returns unusable bytes', () => {
    expect(() => generateShortCode(6, (n) => Buffer.alloc(n, 255))).toThrow('random source keeps returning unusable bytes');
    expect(() => generateShortCode(6, () => Buffer.alloc(0))).toThrow('random source keeps returning unusable bytes');
  });

  it('draws again when the draw spells a reserved word in any case', () => {
    const index = (c: string) => SHORT_CODE_ALPHABET.indexOf(c);
    const source = scriptedBytes(...[...'ApI'].map(index), 255, 255, 255, 255, ...[...'xyz'].map(index));

    expect(generateShortCode(3, source)).toBe('xyz');
  });

  it('uses the cryptographic source by default and yields base62 of the requested length', () => {
    for (const length of [1, 6, 12, 64]) {
      const code = generateShortCode(length);
      expect(code).toHaveLength(length);
      expect(code).toMatch(/^[0-9A-Za-z]+$/);
    }
    const codes = new Set(Array.from({ length: 1000 }, () => generateShortCode(8)));
    expect(codes.size).toBe(1000);
  });

  it('spreads characters evenly over the alphabet', () => {
    const counts = new Map<string, number>();
    const code = Array.from({ length: 500 }, () => generateShortCode(62)).join('');
    for (const char of code) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    // Each count is binomial(31000, 1/62): mean 500, standard deviation ≈ 22; 6 sd is never hit by chance.
    expect(counts.size).toBe(62);
    for (const count of counts.values()) {
      expect(Math.abs(count - 500)).toBeLessThan(6 * 22);
    }
  });

  it.each([0, -1, 1.5, 65, Number.NaN, Number.POSITIVE_INFINITY])('refuses length %p', (length) => {
    expect(() => generateShortCode(length)).toThrow(RangeError);
  });
});

describe('RESERVED_SHORT_CODES', () => {
  it('covers our routes and root-level names', () => {
    for (const word of [
      'api',
      'graphql',
      'healthz',
      'r',
      'app',
      'admin',
      'webhooks',
      'trackflow.js',
      'static',
      'assets',
      'login',
      'logout',
      'settings',
      's',
      'qr',
      'favicon.ico',
      'robots.txt',
    ]) {
      expect(RESERVED_SHORT_CODES.has(word)).toBe(true);
    }
  });

  it('holds lower-case entries only, so a lower-cased lookup finds them', () => {
    for (const word of RESERVED_SHORT_CODES) {
      expect(word).toBe(word.toLowerCase());
    }
  });

  it('is matched case-insensitively', () => {
    expect(isReservedShortCode('GraphQL')).toBe(true);
    expect(isReservedShortCode('HEALTHZ')).toBe(true);
    expect(isReservedShortCode('graphqls')).toBe(false);
  });
});

describe('validateCustomShortCode', () => {
  it.each(['abc', 'Summer-Sale_2024', 'a_b', 'x-y', '123', 'A'.repeat(64), 'apis', 'my-api'])('accepts %p unchanged', (code) => {
    expect(validateCustomShortCode(code)).toBe(code);
  });

  it.each([
    ['', 'shortCode: must be 3 to 64 characters long'],
    ['ab', 'shortCode: must be 3 to 64 characters long'],
    ['a'.repeat(65), 'shortCode: must be 3 to 64 characters long'],
    ['has space', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['slash/es', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['dot.ted', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['ümlaut', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['new\nline', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['abc\u0000', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['%2e%2e', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['robots.txt', "shortCode: may only contain letters, digits, '-' and '_'"],
    ['-abc', "shortCode: must not start or end with '-' or '_'"],
    ['abc-', "shortCode: must not start or end with '-' or '_'"],
    ['_abc', "shortCode: must not start or end with '-' or '_'"],
    ['abc_', "shortCode: must not start or end with '-' or '_'"],
    ['---', "shortCode: must not start or end with '-' or '_'"],
    ['api', 'shortCode: is a reserved word'],
    ['API', 'shortCode: is a reserved word'],
    ['GraphQL', 'shortCode: is a reserved word'],
    ['healthz', 'shortCode: is a reserved word'],
    ['Webhooks', 'shortCode: is a reserved word'],
    ['settings', 'shortCode: is a reserved word'],
  ])('rejects %p with %p', (code, message) => {
    const failure = failureOf(() => validateCustomShortCode(code));

    expect(failure.message).toBe(message);
    expect(failure.field).toBe('shortCode');
  });

  it('names the field the caller passes', () => {
    const failure = failureOf(() => validateCustomShortCode('ab', 'input.shortCode'));

    expect(failure.field).toBe('input.shortCode');
    expect(failure.message).toBe('input.shortCode: must be 3 to 64 characters long');
  });

  it('rejects a value that is not a string at run time', () => {
    const notAString = 42 as unknown as string;

    expect(failureOf(() => validateCustomShortCode(notAString)).message).toBe('shortCode: must be a string');
  });
});
