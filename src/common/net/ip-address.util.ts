import { isIP } from 'node:net';
import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * A CIDR range ready for matching. Holds bigints, which JSON cannot carry: store and send the
 * `cidr` text and parse it again where it is used.
 */
export interface ParsedCidr {
  readonly family: 4 | 6;
  /** The range's first address, host bits cleared. */
  readonly network: bigint;
  readonly mask: bigint;
  readonly prefixLength: number;
  /** Canonical text, e.g. `10.0.0.0/8` or `2001:db8::/32`. */
  readonly cidr: string;
}

interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;
const IPV4_MAPPED_PREFIX = 0xffffn;
const IPV4_MAPPED_PREFIX_LENGTH = 96;
// IPv6 anonymisation keeps the /48 a provider assigns to a site and drops the last 80 bits.
const IPV6_ANONYMISED_MASK = ((1n << 48n) - 1n) << 80n;
const IPV4_ANONYMISED_MASK = 0xffff_ff00n;

const RULE_FORMAT = 'must be an IPv4 or IPv6 address, optionally followed by /prefix';

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128 range). Host bits
 * after the prefix are cleared rather than refused (`10.1.2.3/8` is `10.0.0.0/8`), as people
 * often write an address of the network they mean. An IPv4-mapped IPv6 range of /96 or longer
 * becomes the IPv4 range it maps, because client addresses are matched in their IPv4 form.
 */
export function parseCidr(text: string, field = 'ipRange'): ParsedCidr {
  if (typeof text !== 'string') {
    throw new ValidationFailure(field, RULE_FORMAT);
  }
  const trimmed = text.trim();
  const slashAt = trimmed.indexOf('/');
  const addressText = slashAt === -1 ? trimmed : trimmed.slice(0, slashAt);
  const address = parseAddress(addressText);
  if (address === null) {
    throw new ValidationFailure(field, RULE_FORMAT);
  }
  const bits = address.family === 4 ? IPV4_BITS : IPV6_BITS;
  let prefixLength = bits;
  if (slashAt !== -1) {
    const prefixText = trimmed.slice(slashAt + 1);
    prefixLength = /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (!(prefixLength <= bits)) {
      throw new ValidationFailure(
        field,
        `prefix must be a number from 0 to ${bits} for an IPv${address.family} address`,
      );
    }
  }
  if (address.family === 6 && prefixLength >= IPV4_MAPPED_PREFIX_LENGTH && isIpv4Mapped(address.value)) {
    return makeCidr(4, address.value & 0xffff_ffffn, prefixLength - IPV4_MAPPED_PREFIX_LENGTH);
  }
  return makeCidr(address.family, address.value, prefixLength);
}

/** Address order: IPv4 before IPv6, then by network, a range before the narrower ranges it holds. */
export function compareCidrs(a: ParsedCidr, b: ParsedCidr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.prefixLength - b.prefixLength;
}

/**
 * Whether a client address lies in any of the ranges. IPv4-mapped IPv6 addresses (what a
 * dual-stack socket reports for IPv4 clients) match IPv4 ranges, and only those: `::/0` does not
 * cover IPv4 clients, list `0.0.0.0/0` as well for that. Anything that is not an IP address
 * matches nothing.
 */
export function isIpInRanges(ip: string, ranges: readonly ParsedCidr[]): boolean {
  const address = parseClientAddress(ip);
  if (address === null) {
    return false;
  }
  for (const range of ranges) {
    if (range.family === address.family && (address.value & range.mask) === range.network) {
      return true;
    }
  }
  return false;
}

/**
 * IPv4 with the last octet zeroed, IPv6 with the last 80 bits zeroed, IPv4-mapped IPv6 as
 * anonymised IPv4; in canonical text. Anything else yields '': we cannot tell what part of an
 * unparseable value is personal, so none of it may be stored.
 */
export function anonymizeIp(ip: string): string {
  const address = parseClientAddress(ip);
  if (address === null) {
    return '';
  }
  return address.family === 4
    ? formatIpv4(address.value & IPV4_ANONYMISED_MASK)
    : formatIpv6(address.value & IPV6_ANONYMISED_MASK);
}

/** The address to store under a workspace's anonymisation setting; an address that cannot be anonymised is not stored at all. */
export function storedIp(ip: string | null, anonymize: boolean): string | null {
  return ip && anonymize ? anonymizeIp(ip) || null : ip;
}

/**
 * The canonical text of a client address, so that equal addresses compare equal: IPv4-mapped
 * IPv6 as plain IPv4, IPv6 lower-case and compressed as RFC 5952 says, surrounding brackets and
 * zone id dropped. Anything that is not an IP address yields '' (never stored, never matched),
 * so a forged header value cannot travel further as if it were an address.
 */
export function normalizeIp(ip: string): string {
  const address = parseClientAddress(ip);
  if (address === null) {
    return '';
  }
  return address.family === 4 ? formatIpv4(address.value) : formatIpv6(address.value);
}

function parseClientAddress(ip: string): IpAddress | null {
  if (typeof ip !== 'string') {
    return null;
  }
  let text = ip.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    text = text.slice(1, -1);
  }
  const zoneAt = text.indexOf('%');
  if (zoneAt !== -1) {
    text = text.slice(0, zoneAt);
  }
  const address = parseAddress(text);
  if (address !== null && address.family === 6 && isIpv4Mapped(address.value)) {
    return { family: 4, value: address.value & 0xffff_ffffn };
  }
  return address;
}

function parseAddress(text: string): IpAddress | null {
  // node:net does the strict syntax check (no leading zeros, one `::`, eight groups at most).
  const family = isIP(text);
  if (family === 4) {
    return { family: 4, value: parseIpv4(text) };
  }
  // isIP accepts a zone id (`fe80::1%eth0`); it names an interface of one host, so it has no
  // place in a range, and client addresses drop it before they get here.
  if (family === 6 && !text.includes('%')) {
    return { family: 6, value: parseIpv6(text) };
  }
  return null;
}

function isIpv4Mapped(value: bigint): boolean {
  return value >> 32n === IPV4_MAPPED_PREFIX;
}

function parseIpv4(text: string): bigint {
  let value = 0;
  for (const octet of text.split('.')) {
    value = value * 256 + Number(octet);
  }
  return BigInt(value);
}

/** Expects text that `isIP` accepted as IPv6. */
function parseIpv6(text: string): bigint {
  const gapAt = text.indexOf('::');
  const head = splitGroups(gapAt === -1 ? text : text.slice(0, gapAt));
  const tail = gapAt === -1 ? [] : splitGroups(text.slice(gapAt + 2));
  const missing = 8 - head.length - tail.length;
  let value = 0n;
  for (const group of head) {
    value = (value << 16n) | BigInt(group);
  }
  value <<= BigInt(16 * missing);
  for (const group of tail) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

/** Hex groups as numbers; an embedded dotted IPv4 tail counts as two groups. */
function splitGroups(part: string): number[] {
  if (part === '') {
    return [];
  }
  const groups: number[] = [];
  for (const group of part.split(':')) {
    if (group.includes('.')) {
      const ipv4 = Number(parseIpv4(group));
      groups.push(Math.floor(ipv4 / 0x1_0000), ipv4 % 0x1_0000);
    } else {
      groups.push(parseInt(group, 16));
    }
  }
  return groups;
}

function makeCidr(family: 4 | 6, value: bigint, prefixLength: number): ParsedCidr {
  const bits = family === 4 ? IPV4_BITS : IPV6_BITS;
  const mask = prefixLength === 0 ? 0n : ((1n << BigInt(prefixLength)) - 1n) << BigInt(bits - prefixLength);
  const network = value & mask;
  const text = family === 4 ? formatIpv4(network) : formatIpv6(network);
  return { family, network, mask, prefixLength, cidr: `${text}/${prefixLength}` };
}

function formatIpv4(value: bigint): string {
  const n = Number(value);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(Number((value >> shift) & 0xffffn));
  }
  let runStart = -1;
  let runLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) {
      end++;
    }
    // Strictly longer: on a tie the first run is the one compressed.
    if (end - i > runLength) {
      runStart = i;
      runLength = end - i;
    }
    i = end;
  }
  const hex = (group: number) => group.toString(16);
  if (runLength < 2) {
    return groups.map(hex).join(':');
  }
  const before = groups.slice(0, runStart).map(hex).join(':');
  const after = groups.slice(runStart + runLength).map(hex).join(':');
  return `${before}::${after}`;
}
