import { ValidationFailure } from 'src/common/errors/validation-failure';
import { anonymizeIp, compareCidrs, isIpInRanges, normalizeIp, parseCidr } from 'src/common/net/ip-address.util';

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

const ranges = (...texts: string[]) => texts.map((text) => parseCidr(text));

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', 4, 8, '10.0.0.0/8'],
    ['192.168.1.0/24', 4, 24, '192.168.1.0/24'],
    ['203.0.113.7', 4, 32, '203.0.113.7/32'],
    ['203.0.113.7/32', 4, 32, '203.0.113.7/32'],
    ['0.0.0.0/0', 4, 0, '0.0.0.0/0'],
    ['  172.16.0.0/12  ', 4, 12, '172.16.0.0/12'],
    ['10.1.2.3/8', 4, 8, '10.0.0.0/8'],
    ['192.168.1.77/26', 4, 26, '192.168.1.64/26'],
    ['2001:db8::/32', 6, 32, '2001:db8::/32'],
    ['2001:DB8:0:0:0:0:0:0/32', 6, 32, '2001:db8::/32'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 6, 128, '2001:db8:85a3::8a2e:370:7334/128'],
    ['2001:db8:85a3::8a2e:370:7334/64', 6, 64, '2001:db8:85a3::/64'],
    ['::1', 6, 128, '::1/128'],
    ['::1/128', 6, 128, '::1/128'],
    ['::/0', 6, 0, '::/0'],
    ['fe80::/10', 6, 10, 'fe80::/10'],
    ['fc00::/7', 6, 7, 'fc00::/7'],
    ['2001:db8::1:0:0:1/127', 6, 127, '2001:db8:0:0:1::/127'],
    ['::ffff:10.0.0.0/104', 4, 8, '10.0.0.0/8'],
    ['::ffff:192.168.1.5', 4, 32, '192.168.1.5/32'],
    ['::ffff:c0a8:105/128', 4, 32, '192.168.1.5/32'],
    ['::ffff:0:0/96', 4, 0, '0.0.0.0/0'],
    ['::ffff:0:0/80', 6, 80, '::/80'],
  ])('parses %p', (text, family, prefixLength, cidr) => {
    const parsed = parseCidr(text);

    expect(parsed.family).toBe(family);
    expect(parsed.prefixLength).toBe(prefixLength);
    expect(parsed.cidr).toBe(cidr);
  });

  it('stores the network with host bits cleared and the matching mask', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({
      family: 4,
      network: 0x0a00_0000n,
      mask: 0xff00_0000n,
      prefixLength: 8,
      cidr: '10.0.0.0/8',
    });
    expect(parseCidr('::/0').mask).toBe(0n);
    expect(parseCidr('::1').mask).toBe((1n << 128n) - 1n);
  });

  it.each([
    '',
    '   ',
    'localhost',
    '10.0.0',
    '10.0.0.256',
    '010.0.0.1',
    '10.0.0.0.0',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '2001:db8::g',
    'fe80::1%eth0',
    'fe80::1%eth0/64',
    '[::1]',
    '/8',
    '10.0.0.0 /8',
  ])('rejects the address in %p', (text) => {
    const failure = failureOf(() => parseCidr(text));

    expect(failure.field).toBe('ipRange');
    expect(failure.message).toBe('ipRange: must be an IPv4 or IPv6 address, optionally followed by /prefix');
  });

  it.each([
    ['10.0.0.0/33', 4],
    ['10.0.0.0/-1', 4],
    ['10.0.0.0/', 4],
    ['10.0.0.0/8/8', 4],
    ['10.0.0.0/8.5', 4],
    ['10.0.0.0/ 8', 4],
    ['10.0.0.0/0x8', 4],
    ['10.0.0.0/1000', 4],
    ['2001:db8::/129', 6],
    ['2001:db8::/', 6],
    ['::1/abc', 6],
  ])('rejects the prefix in %p', (text, family) => {
    const bits = family === 4 ? 32 : 128;

    expect(failureOf(() => parseCidr(text)).message).toBe(
      `ipRange: prefix must be a number from 0 to ${bits} for an IPv${family} address`,
    );
  });

  it('names the field the caller passes', () => {
    expect(failureOf(() => parseCidr('nope', 'internalIpRanges[2]')).message).toBe(
      'internalIpRanges[2]: must be an IPv4 or IPv6 address, optionally followed by /prefix',
    );
  });

  it('rejects a value that is not a string at run time', () => {
    expect(failureOf(() => parseCidr(42 as unknown as string)).field).toBe('ipRange');
  });
});

describe('compareCidrs', () => {
  it('puts IPv4 before IPv6, then orders by network, a range before the narrower ones inside it', () => {
    const ranges = ['2001:db8::/32', '192.168.0.0/16', '10.0.0.0/16', '10.0.0.0/8', '9.255.0.0/16', '::ffff:172.16.0.0/108'];
    expect(ranges.map((range) => parseCidr(range)).sort(compareCidrs).map((range) => range.cidr)).toEqual([
      '9.255.0.0/16', '10.0.0.0/8', '10.0.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '2001:db8::/32',
    ]);
  });
});

describe('isIpInRanges', () => {
  const office = ranges('10.0.0.0/8', '192.168.1.0/24', '2001:db8:abcd::/48', '::1');

  it.each([
    ['10.0.0.1', true],
    ['10.255.255.255', true],
    ['11.0.0.0', false],
    ['9.255.255.255', false],
    ['192.168.1.200', true],
    ['192.168.2.1', false],
    ['2001:db8:abcd::1', true],
    ['2001:db8:abcd:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:DB8:ABCD:0012::42', true],
    ['2001:0db8:abcd:0000:0000:0000:0000:0001', true],
    ['2001:db8:abce::1', false],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::2', false],
    ['::', false],
    ['::ffff:10.0.0.1', true],
    ['::FFFF:10.0.0.1', true],
    ['::ffff:a00:1', true],
    ['0:0:0:0:0:ffff:c0a8:0101', true],
    ['::ffff:11.0.0.1', false],
    ['[2001:db8:abcd::1]', true],
    ['fe80::1%eth0', false],
    [' 10.0.0.1 ', true],
  ])('%p → %p', (ip, expected) => {
    expect(isIpInRanges(ip, office)).toBe(expected);
  });

  it('strips a zone id before matching', () => {
    expect(isIpInRanges('fe80::1%eth0', ranges('fe80::/10'))).toBe(true);
  });

  it.each(['', 'not-an-ip', '10.0.0', '010.0.0.1', '10.0.0.1:8080', '1::2::3', '10.0.0.1, 10.0.0.2', undefined as unknown as string])(
    'matches nothing for the invalid address %p',
    (ip) => {
      expect(isIpInRanges(ip, ranges('0.0.0.0/0', '::/0'))).toBe(false);
    },
  );

  it('matches nothing against no ranges', () => {
    expect(isIpInRanges('10.0.0.1', [])).toBe(false);
  });

  it('keeps the families apart: ::/0 covers IPv6 only and 0.0.0.0/0 IPv4 only', () => {
    const allIpv6 = ranges('::/0');
    const allIpv4 = ranges('0.0.0.0/0');

    expect(isIpInRanges('2001:db8::1', allIpv6)).toBe(true);
    expect(isIpInRanges('::', allIpv6)).toBe(true);
    expect(isIpInRanges('10.0.0.1', allIpv6)).toBe(false);
    expect(isIpInRanges('::ffff:10.0.0.1', allIpv6)).toBe(false);
    expect(isIpInRanges('10.0.0.1', allIpv4)).toBe(true);
    expect(isIpInRanges('::ffff:10.0.0.1', allIpv4)).toBe(true);
    expect(isIpInRanges('::1', allIpv4)).toBe(false);
  });

  it('matches a /32 and a /128 exactly', () => {
    expect(isIpInRanges('203.0.113.7', ranges('203.0.113.7/32'))).toBe(true);
    expect(isIpInRanges('203.0.113.8', ranges('203.0.113.7/32'))).toBe(false);
    expect(isIpInRanges('2001:db8::7', ranges('2001:db8::7/128'))).toBe(true);
    expect(isIpInRanges('2001:db8::8', ranges('2001:db8::7/128'))).toBe(false);
  });

  it('matches an IPv4 client against a range written as mapped IPv6', () => {
    expect(isIpInRanges('10.9.8.7', ranges('::ffff:10.0.0.0/104'))).toBe(true);
  });

  it('handles prefixes that do not fall on group boundaries', () => {
    const range = ranges('2001:db8::/33');

    expect(isIpInRanges('2001:db8:7fff::1', range)).toBe(true);
    expect(isIpInRanges('2001:db8:8000::1', range)).toBe(false);
  });
});

describe('anonymizeIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['10.0.0.255', '10.0.0.0'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.0'],
    ['::ffff:203.0.113.77', '203.0.113.0'],
    ['::ffff:cb00:714d', '203.0.113.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:DB8:85A3:FFFF:FFFF:FFFF:FFFF:FFFF', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8::'],
    ['::1', '::'],
    ['::', '::'],
    ['fe80::1%eth0', 'fe80::'],
    ['[2a00:1450:4001:82b::200e]', '2a00:1450:4001::'],
  ])('%p → %p', (ip, expected) => {
    expect(anonymizeIp(ip)).toBe(expected);
  });

  it.each(['', 'unknown', '10.0.0', '10.0.0.1\r\nX-Injected: 1', '10.0.0.1, 10.0.0.2', '<script>', undefined as unknown as string])(
    'returns an empty string for %p rather than keep what it cannot anonymise',
    (ip) => {
      expect(anonymizeIp(ip)).toBe('');
    },
  );
});

describe('normalizeIp', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    [' 10.0.0.1\n', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['::ffff:a00:1', '10.0.0.1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['::1.2.3.4', '::102:304'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['[::1]', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('%p → %p', (ip, expected) => {
    expect(normalizeIp(ip)).toBe(expected);
  });

  it.each(['', 'localhost', '999.0.0.1', '10.0.0.1:443', '::ffff:10.0.0', '%eth0', '1.2.3.4\u0000'])(
    'returns an empty string for the invalid address %p',
    (ip) => {
      expect(normalizeIp(ip)).toBe('');
    },
  );
});
