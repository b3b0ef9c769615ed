import { cleanProperties, pickVisitorId, randomId, readCookie, readLandingIds, scrollPercent } from 'src/tracking/tracker/tracker-core';

describe('tracker core', () => {
  it('reads and strips the ids the redirect appended', () => {
    expect(readLandingIds('https://shop.example.com/p?utm_source=x&tf_vid=visitor-123&tf_cid=click-4567#top')).toEqual({
      visitorId: 'visitor-123',
      clickId: 'click-4567',
      cleanUrl: 'https://shop.example.com/p?utm_source=x#top',
    });
    expect(readLandingIds('https://shop.example.com/p?x=1')).toEqual({ visitorId: null, clickId: null, cleanUrl: 'https://shop.example.com/p?x=1' });
    expect(readLandingIds('https://shop.example.com/').cleanUrl).toBe('https://shop.example.com/');
    expect(readLandingIds('https://a.example/?tf_vid=<script>').visitorId).toBeNull();
  });

  it('prefers the landing id, then the cookie, then storage, else creates one', () => {
    expect(pickVisitorId([null, 'cookie-123', 'stored-123'], () => 'new')).toBe('cookie-123');
    expect(pickVisitorId(['landing-12', 'cookie-123'], () => 'new')).toBe('landing-12');
    expect(pickVisitorId([undefined, 'bad id', null], () => 'created')).toBe('created');
  });

  it('makes 28-character base-36 ids from four random words', () => {
    expect(randomId([0, 1, 0xffffffff, 123456789])).toBe('0000000' + '0000001' + '1z141z3' + '021i3v9');
    expect(randomId(new Uint32Array([4e9, 3e9, 2e9, 1e9]))).toMatch(/^[a-z0-9]{24,28}$/);
  });

  it('reads cookies and scroll depth', () => {
    expect(readCookie('a=1; tf_vid=abc-123; b=2', 'tf_vid')).toBe('abc-123');
    expect(readCookie('xtf_vid=no', 'tf_vid')).toBeNull();
    expect(readCookie('a=1', 'tf_vid')).toBeNull();
    expect(scrollPercent(0, 800, 4000)).toBe(20);
    expect(scrollPercent(3200, 800, 4000)).toBe(100);
    expect(scrollPercent(0, 800, 500)).toBe(100);
    expect(scrollPercent(0, 0, 0)).toBe(100);
  });

  it('keeps only properties the collect endpoint accepts', () => {
    expect(cleanProperties({ plan: 'pro', seats: 3, ok: true, none: null, nested: { a: 1 }, nan: NaN, list: [1], long: 'x'.repeat(600) })).toEqual({
      plan: 'pro',
      seats: 3,
      ok: true,
      none: null,
      long: 'x'.repeat(500),
    });
    expect(cleanProperties(undefined)).toEqual({});
  });
});
