import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; .ci/run installs it. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What a visitor's desktop Chrome sends; headless Chromium announces itself as HeadlessChrome, which isbot rightly flags. */
export const DESKTOP_CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/**
 * `userAgent` is given to Chromium itself: a context's user agent override does not reach
 * sendBeacon and keepalive requests, which would then announce HeadlessChrome. `hostResolverRules`
 * (e.g. `MAP *.test 127.0.0.1`) lets a test give a site and TrackFlow host names of their own,
 * since cookies of 127.0.0.1 are shared by every port.
 */
export function launchChromium(options: { userAgent?: string; hostResolverRules?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      ...(options.userAgent ? [`--user-agent=${options.userAgent}`] : []),
      ...(options.hostResolverRules ? [`--host-resolver-rules=${options.hostResolverRules}`] : []),
    ],
  });
}
