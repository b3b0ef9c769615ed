import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';

type DeviceType =
  | 'desktop'
  | 'mobile'
  | 'tablet'
  | 'smarttv'
  | 'wearable'
  | 'console'
  | 'embedded'
  | 'xr'
  | 'bot'
  | 'unknown';

interface UserAgentDescription {
  /** Browser name without version, e.g. `Chrome`, `Mobile Safari`. */
  readonly browser: string | null;
  /** Operating system name without version, e.g. `Windows`, `iOS`. */
  readonly os: string | null;
  /** `bot` whenever `isBot` is true, whatever device the bot claims to be. */
  readonly deviceType: DeviceType;
  readonly isBot: boolean;
}

export const USER_AGENT_CACHE_SIZE = 1000;

// Real user agents stay well under this; the cut bounds both the cache's memory and the regex
// work an attacker can cause with a huge header. ua-parser-js itself reads only the first 500.
const MAX_USER_AGENT_LENGTH = 1024;

// What `isbot` misses: automation tools that keep a browser's user agent and add their own
// token, and HTTP libraries whose token comes after a Mozilla prefix. Electron's UA reaches a
// short link almost only from scripted fetching, because Electron apps open links in the browser.
const AUTOMATION_SIGNALS =
  /headless|phantomjs|slimerjs|electron\/|puppeteer|playwright|selenium|webdriver|cypress|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|okhttp|node-fetch|axios\/|undici|libwww-perl|scrapy|httpie/i;

const PARSER_DEVICE_TYPES: ReadonlyMap<string, DeviceType> = new Map(
  (['mobile', 'tablet', 'smarttv', 'wearable', 'console', 'embedded', 'xr'] as const).map((type) => [type, type]),
);

// ua-parser-js names a device type only for non-desktop devices; with none, one of these
// operating systems means a desktop or laptop. Lower-case.
const DESKTOP_OPERATING_SYSTEMS: ReadonlySet<string> = new Set([
  'windows',
  'macos',
  'mac os',
  'linux',
  'chrome os',
  'chromium os',
  'ubuntu',
  'kubuntu',
  'xubuntu',
  'lubuntu',
  'debian',
  'fedora',
  'centos',
  'redhat',
  'red hat',
  'suse',
  'opensuse',
  'gentoo',
  'arch',
  'mint',
  'manjaro',
  'elementary os',
  'deepin',
  'mageia',
  'mandriva',
  'slackware',
  'pclinuxos',
  'zenwalk',
  'linpus',
  'linspire',
  'knoppix',
  'sabayon',
  'vectorlinux',
  'raspbian',
  'freebsd',
  'openbsd',
  'netbsd',
  'pc-bsd',
  'ghostbsd',
  'dragonfly',
  'solaris',
  'opensolaris',
  'aix',
  'hp-ux',
  'unix',
  'haiku',
  'beos',
  'os/2',
  'arcaos',
  'amiga os',
  'morph os',
  'risc os',
  'openvms',
  'hurd',
  'gnu',
  'serenityos',
]);

const MISSING_USER_AGENT: UserAgentDescription = Object.freeze({
  browser: null,
  os: null,
  deviceType: 'bot',
  isBot: true,
});

// Insertion order doubles as recency order: a hit is moved to the end, the first key is the oldest.
const recent = new Map<string, UserAgentDescription>();

/**
 * Browser, OS, device type and bot verdict for a User-Agent header. Results are shared between
 * callers and frozen. An empty or missing user agent counts as a bot: browsers always send one.
 */
export function describeUserAgent(userAgent: string | undefined): UserAgentDescription {
  if (typeof userAgent !== 'string') {
    return MISSING_USER_AGENT;
  }
  const key = userAgent.length > MAX_USER_AGENT_LENGTH ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : userAgent;
  const cached = recent.get(key);
  if (cached !== undefined) {
    recent.delete(key);
    recent.set(key, cached);
    return cached;
  }
  const description = describeUncached(key);
  recent.set(key, description);
  if (recent.size > USER_AGENT_CACHE_SIZE) {
    const oldest = recent.keys().next();
    if (oldest.done !== true) {
      recent.delete(oldest.value);
    }
  }
  return description;
}

function describeUncached(userAgent: string): UserAgentDescription {
  if (userAgent.trim() === '') {
    return MISSING_USER_AGENT;
  }
  const parser = new UAParser(userAgent);
  const browser = parser.getBrowser().name ?? null;
  const os = parser.getOS().name ?? null;
  const isBot = isbot(userAgent) || AUTOMATION_SIGNALS.test(userAgent);
  return Object.freeze({
    browser,
    os,
    deviceType: isBot ? 'bot' : deviceTypeOf(parser.getDevice().type, os),
    isBot,
  });
}

function deviceTypeOf(parserType: string | undefined, os: string | null): DeviceType {
  if (parserType !== undefined) {
    return PARSER_DEVICE_TYPES.get(parserType) ?? 'unknown';
  }
  return os !== null && DESKTOP_OPERATING_SYSTEMS.has(os.toLowerCase()) ? 'desktop' : 'unknown';
}
