import { USER_AGENT_CACHE_SIZE, describeUserAgent } from 'src/tracking/rules/user-agent.util';

const UA = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  ipad:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  androidPhone:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  smartTv: 'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/538.1 (KHTML, like Gecko) Version/6.0 TV Safari/538.1',
  playStation: 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  galaxyWatch:
    'Mozilla/5.0 (Linux; Android 11; SM-R860) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0 Mobile Safari/537.36',
  quest:
    'Mozilla/5.0 (X11; Linux x86_64; Quest 3) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/32.0.0.7.74 SamsungBrowser/4.0 Chrome/122.0.6261.119 VR Safari/537.36',
  slackDesktop:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.36.140 Chrome/120.0.6099.56 Electron/28.0.0 Safari/537.36 Sonic Slack_SSB/4.36.140',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotSmartphone:
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  bingbot:
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36',
  phantomJs:
    'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
  electronApp:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) my-app/1.0.0 Chrome/120.0.6099.56 Electron/28.0.0 Safari/537.36',
  puppeteer:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 puppeteer',
  playwright:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Playwright/1.40',
  selenium:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Selenium',
  curl: 'curl/8.5.0',
  wget: 'Wget/1.21.4',
  pythonRequests: 'python-requests/2.31.0',
  mozillaPythonRequests:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 python-requests/2.31',
  goHttp: 'Go-http-client/1.1',
};

describe('describeUserAgent', () => {
  it.each([
    ['Chrome on Windows', UA.chromeWindows, { browser: 'Chrome', os: 'Windows', deviceType: 'desktop', isBot: false }],
    ['Edge on Windows', UA.edgeWindows, { browser: 'Edge', os: 'Windows', deviceType: 'desktop', isBot: false }],
    ['Safari on a Mac', UA.safariMac, { browser: 'Safari', os: 'macOS', deviceType: 'desktop', isBot: false }],
    ['Firefox on a Mac', UA.firefoxMac, { browser: 'Firefox', os: 'macOS', deviceType: 'desktop', isBot: false }],
    ['Firefox on Ubuntu', UA.firefoxUbuntu, { browser: 'Firefox', os: 'Ubuntu', deviceType: 'desktop', isBot: false }],
    ['Chrome on a Chromebook', UA.chromeOs, { browser: 'Chrome', os: 'Chrome OS', deviceType: 'desktop', isBot: false }],
    ['Safari on an iPhone', UA.safariIphone, { browser: 'Mobile Safari', os: 'iOS', deviceType: 'mobile', isBot: false }],
    ['Chrome on an iPhone', UA.chromeIphone, { browser: 'Mobile Chrome', os: 'iOS', deviceType: 'mobile', isBot: false }],
    ['Safari on an iPad', UA.ipad, { browser: 'Mobile Safari', os: 'iOS', deviceType: 'tablet', isBot: false }],
    ['Chrome on an Android phone', UA.androidPhone, { browser: 'Mobile Chrome', os: 'Android', deviceType: 'mobile', isBot: false }],
    ['Chrome on an Android tablet', UA.androidTablet, { browser: 'Chrome', os: 'Android', deviceType: 'tablet', isBot: false }],
    ['a Samsung smart TV', UA.smartTv, { browser: 'Safari', os: 'Tizen', deviceType: 'smarttv', isBot: false }],
    ['a PlayStation 5', UA.playStation, { browser: 'WebKit', os: 'PlayStation', deviceType: 'console', isBot: false }],
    ['a Galaxy Watch', UA.galaxyWatch, { browser: 'Mobile Chrome', os: 'Android', deviceType: 'wearable', isBot: false }],
    ['a Meta Quest', UA.quest, { browser: 'Oculus Browser', os: 'Linux', deviceType: 'xr', isBot: false }],
  ])('describes %s', (_label, userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toEqual(expected);
  });

  describe('bots and automation', () => {
    it.each([
      ['Googlebot', UA.googlebot, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      [
        'Googlebot Smartphone, which claims an Android phone',
        UA.googlebotSmartphone,
        { browser: 'Mobile Chrome', os: 'Android', deviceType: 'bot', isBot: true },
      ],
      ['Bingbot', UA.bingbot, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      ['the Facebook link preview', UA.facebook, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      ['HeadlessChrome', UA.headlessChrome, { browser: 'Chrome Headless', os: 'Linux', deviceType: 'bot', isBot: true }],
      ['PhantomJS', UA.phantomJs, { browser: 'PhantomJS', os: 'Linux', deviceType: 'bot', isBot: true }],
      ['an Electron app', UA.electronApp, { browser: 'Electron', os: 'Windows', deviceType: 'bot', isBot: true }],
      // Deliberate: Electron apps open links in the system browser, so their own UA on a short link is scripted.
      ['even the Slack desktop app', UA.slackDesktop, { browser: 'Electron', os: 'macOS', deviceType: 'bot', isBot: true }],
      ['Puppeteer with a Chrome UA', UA.puppeteer, { browser: 'Chrome', os: 'Windows', deviceType: 'bot', isBot: true }],
      ['Playwright with a Chrome UA', UA.playwright, { browser: 'Chrome', os: 'Linux', deviceType: 'bot', isBot: true }],
      ['Selenium with a Chrome UA', UA.selenium, { browser: 'Chrome', os: 'Linux', deviceType: 'bot', isBot: true }],
      ['curl', UA.curl, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      ['Wget', UA.wget, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      ['python-requests', UA.pythonRequests, { browser: null, os: null, deviceType: 'bot', isBot: true }],
      [
        'python-requests behind a Chrome UA',
        UA.mozillaPythonRequests,
        { browser: 'Chrome', os: 'Windows', deviceType: 'bot', isBot: true },
      ],
      ['the Go HTTP client', UA.goHttp, { browser: null, os: null, deviceType: 'bot', isBot: true }],
    ])('flags %s', (_label, userAgent, expected) => {
      expect(describeUserAgent(userAgent)).toEqual(expected);
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   \t'],
    ])('treats a %s user agent as a bot', (_label, userAgent) => {
      expect(describeUserAgent(userAgent)).toEqual({ browser: null, os: null, deviceType: 'bot', isBot: true });
    });
  });

  it('reports an unknown device when it knows neither a device type nor a desktop OS', () => {
    expect(describeUserAgent('Mozilla/5.0 (Unknown) AppleWebKit/537.36 (KHTML, like Gecko) SomeBrowser/1.0 Safari/537.36')).toEqual({
      browser: 'Safari',
      os: null,
      deviceType: 'unknown',
      isBot: false,
    });
  });

  it('copes with a huge header quickly and without keeping all of it', () => {
    const huge = UA.chromeWindows + ' x'.repeat(500_000);
    const started = Date.now();

    expect(describeUserAgent(huge)).toEqual({ browser: 'Chrome', os: 'Windows', deviceType: 'desktop', isBot: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('returns frozen results, since they are shared between callers', () => {
    const description = describeUserAgent(UA.chromeWindows);

    expect(Object.isFrozen(description)).toBe(true);
    expect(Object.isFrozen(describeUserAgent(undefined))).toBe(true);
  });

  describe('memoisation', () => {
    it('returns the same object for a repeated user agent', () => {
      const first = describeUserAgent(UA.safariIphone);

      expect(describeUserAgent(UA.safariIphone)).toBe(first);
    });

    it('forgets the least recently used entry beyond its capacity, and only that one', () => {
      const keptWarm = describeUserAgent(`${UA.chromeWindows} warm`);
      const leftCold = describeUserAgent(`${UA.chromeWindows} cold`);
      for (let i = 0; i < USER_AGENT_CACHE_SIZE - 2; i++) {
        describeUserAgent(`${UA.chromeWindows} filler-${i}`);
      }
      // Touching "warm" makes "cold" the oldest entry, so the next new string evicts "cold" only.
      expect(describeUserAgent(`${UA.chromeWindows} warm`)).toBe(keptWarm);
      describeUserAgent(`${UA.chromeWindows} one more`);

      expect(describeUserAgent(`${UA.chromeWindows} warm`)).toBe(keptWarm);
      const recomputed = describeUserAgent(`${UA.chromeWindows} cold`);
      expect(recomputed).not.toBe(leftCold);
      expect(recomputed).toEqual(leftCold);
    });

    it('answers repeated user agents much faster than new ones', () => {
      const distinct = Array.from({ length: 300 }, (_, i) => `${UA.androidPhone} build-${i}`);
      const coldStart = process.hrtime.bigint();
      for (const userAgent of distinct) {
        describeUserAgent(userAgent);
      }
      const cold = process.hrtime.bigint() - coldStart;
      const warmStart = process.hrtime.bigint();
      for (const userAgent of distinct) {
        describeUserAgent(userAgent);
      }
      const warm = process.hrtime.bigint() - warmStart;

      expect(warm * 5n).toBeLessThan(cold);
    });
  });
});
