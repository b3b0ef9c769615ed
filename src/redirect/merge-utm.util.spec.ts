import { buildRedirectUrl, LinkUtm } from 'src/redirect/merge-utm.util';

const tracking = { visitorId: 'v-123', clickId: 'c-456' };
const ids = 'tf_vid=v-123&tf_cid=c-456';

function build(destination: string, utm: LinkUtm = {}, additional: Record<string, string> = {}): string {
  return buildRedirectUrl(destination, utm, additional, tracking);
}

describe('buildRedirectUrl', () => {
  it('appends every UTM in a fixed order, then the visitor and click ids', () => {
    expect(
      build('https://example.com/landing', {
        term: 'shoes',
        content: 'banner',
        campaign: 'spring',
        medium: 'email',
        source: 'newsletter',
      }),
    ).toBe(
      'https://example.com/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring' +
        `&utm_content=banner&utm_term=shoes&${ids}`,
    );
  });

  it('only adds the ids when there is nothing else to add', () => {
    expect(build('https://example.com/')).toBe(`https://example.com/?${ids}`);
  });

  it('appends no ids for a visitor who may not be tracked, and removes any the destination carries', () => {
    expect(buildRedirectUrl('https://example.com/landing?tf_vid=old&plan=pro#top', { source: 'newsletter' }, {}, null)).toBe(
      'https://example.com/landing?plan=pro&utm_source=newsletter#top',
    );
    expect(buildRedirectUrl('https://example.com/landing?tf_cid=old#top', {}, {}, null)).toBe('https://example.com/landing#top');
  });

  it('leaves out empty, blank, null and missing UTM values', () => {
    expect(build('https://example.com/', { source: '', medium: '   ', campaign: null, content: undefined, term: 'x' })).toBe(
      `https://example.com/?utm_term=x&${ids}`,
    );
  });

  it('lets a parameter already in the destination win, even an empty one', () => {
    expect(build('https://example.com/?utm_source=partner&utm_medium=', { source: 'newsletter', medium: 'email', campaign: 'spring' })).toBe(
      `https://example.com/?utm_source=partner&utm_medium=&utm_campaign=spring&${ids}`,
    );
  });

  it('recognises an existing parameter written without a value or with an encoded name', () => {
    expect(build('https://example.com/?utm_source&utm%5Fmedium=x', { source: 'a', medium: 'b', campaign: 'c' })).toBe(
      `https://example.com/?utm_source&utm%5Fmedium=x&utm_campaign=c&${ids}`,
    );
  });

  it('compares parameter names case-sensitively, as servers read them', () => {
    expect(build('https://example.com/?UTM_SOURCE=x', { source: 'a' })).toBe(
      `https://example.com/?UTM_SOURCE=x&utm_source=a&${ids}`,
    );
  });

  it('keeps the existing parameters in order and byte for byte', () => {
    const destination = "https://example.com/p?b=2&a=1&q=hello%20world&plus=a+b&odd=it's&sig=AbC%2Fd%3D&a=again";

    expect(build(destination, { source: 's' })).toBe(`${destination}&utm_source=s&${ids}`);
  });

  it('keeps a malformed escape in an existing parameter as it is', () => {
    expect(build('https://example.com/?bad%zz=1&x=%E0%A4%A', { source: 's' })).toBe(
      `https://example.com/?bad%zz=1&x=%E0%A4%A&utm_source=s&${ids}`,
    );
  });

  it('puts the fragment back at the end, untouched', () => {
    expect(build('https://example.com/page?a=1#section-2', { source: 's' })).toBe(
      `https://example.com/page?a=1&utm_source=s&${ids}#section-2`,
    );
    expect(build('https://example.com/page#top', { source: 's' })).toBe(`https://example.com/page?utm_source=s&${ids}#top`);
  });

  it('reads the query before the fragment only, even when the fragment looks like a query', () => {
    expect(build('https://app.example.com/#/route?utm_source=inner&tf_vid=inner', { source: 's' })).toBe(
      `https://app.example.com/?utm_source=s&${ids}#/route?utm_source=inner&tf_vid=inner`,
    );
  });

  it('handles a bare "?" and a trailing "&" without doubling separators', () => {
    expect(build('https://example.com/?', { source: 's' })).toBe(`https://example.com/?utm_source=s&${ids}`);
    expect(build('https://example.com/?a=1&', { source: 's' })).toBe(`https://example.com/?a=1&utm_source=s&${ids}`);
    expect(build('https://example.com/?#f')).toBe(`https://example.com/?${ids}#f`);
  });

  it('encodes spaces, reserved characters and Unicode', () => {
    expect(
      build('https://example.com/', { campaign: 'Spring Sale & more', content: 'a=b#c?d/e+f%', term: 'Größe 🚀 日本' }),
    ).toBe(
      'https://example.com/?utm_campaign=Spring%20Sale%20%26%20more&utm_content=a%3Db%23c%3Fd%2Fe%2Bf%25' +
        `&utm_term=Gr%C3%B6%C3%9Fe%20%F0%9F%9A%80%20%E6%97%A5%E6%9C%AC&${ids}`,
    );
  });

  it('encodes CR and LF so that they cannot split the Location header', () => {
    const url = build('https://example.com/', { source: 'x\r\nSet-Cookie: a=b' }, { 'k\n': 'v\r' });

    expect(url).toBe(`https://example.com/?utm_source=x%0D%0ASet-Cookie%3A%20a%3Db&k%0A=v%0D&${ids}`);
    expect(url).not.toMatch(/[\r\n]/);
  });

  it('replaces a lone surrogate instead of throwing', () => {
    expect(build('https://example.com/', { source: 'a\ud800b', medium: '\udc00' })).toBe(
      `https://example.com/?utm_source=a%EF%BF%BDb&utm_medium=%EF%BF%BD&${ids}`,
    );
  });

  describe('additional parameters', () => {
    it('are appended after the UTMs in their own order, encoded', () => {
      expect(build('https://example.com/?a=1', { source: 's' }, { ref: 'mail list', 'gclid': 'X/Y', 'naïve key': 'ü' })).toBe(
        `https://example.com/?a=1&utm_source=s&ref=mail%20list&gclid=X%2FY&na%C3%AFve%20key=%C3%BC&${ids}`,
      );
    });

    it('lose to a parameter already in the destination', () => {
      expect(build('https://example.com/?ref=partner', {}, { ref: 'ours', extra: '1' })).toBe(
        `https://example.com/?ref=partner&extra=1&${ids}`,
      );
    });

    it('lose to the UTM field of the link', () => {
      expect(build('https://example.com/', { source: 'field' }, { utm_source: 'extra', utm_medium: 'extra' })).toBe(
        `https://example.com/?utm_source=field&utm_medium=extra&${ids}`,
      );
    });

    it('keep an empty value, which may be a deliberate flag', () => {
      expect(build('https://example.com/', {}, { preview: '' })).toBe(`https://example.com/?preview=&${ids}`);
    });

    it('cannot set our own ids or an empty name', () => {
      expect(build('https://example.com/', {}, { tf_vid: 'forged', tf_cid: 'forged', '': 'nameless' })).toBe(
        `https://example.com/?${ids}`,
      );
    });
  });

  describe('tf_vid and tf_cid', () => {
    it('replace any the destination carries, wherever they stand', () => {
      expect(build('https://example.com/?tf_vid=old&a=1&tf_cid=old&b=2', { source: 's' })).toBe(
        `https://example.com/?a=1&b=2&utm_source=s&${ids}`,
      );
    });

    it('replace encoded, repeated and value-less forms too', () => {
      expect(build('https://example.com/?tf%5Fvid=old&tf_vid&tf_vid=again&keep=1')).toBe(`https://example.com/?keep=1&${ids}`);
    });

    it('leave a query made only of them replaced entirely', () => {
      expect(build('https://example.com/?tf_vid=old&tf_cid=old#f')).toBe(`https://example.com/?${ids}#f`);
    });

    it('do not disturb look-alike names', () => {
      expect(build('https://example.com/?tf_vidx=1&xtf_cid=2')).toBe(`https://example.com/?tf_vidx=1&xtf_cid=2&${ids}`);
    });

    it('are encoded', () => {
      expect(buildRedirectUrl('https://example.com/', {}, {}, { visitorId: 'a b&c', clickId: 'é' })).toBe(
        'https://example.com/?tf_vid=a%20b%26c&tf_cid=%C3%A9',
      );
    });
  });

  it('produces what a URL parser reads back as the intended parameters', () => {
    const url = new URL(
      build('https://example.com/path?keep=1&tf_cid=old#frag', { source: 'news letter', term: 'ü&=' }, { ref: 'a+b' }),
    );

    expect([...url.searchParams]).toEqual([
      ['keep', '1'],
      ['utm_source', 'news letter'],
      ['utm_term', 'ü&='],
      ['ref', 'a+b'],
      ['tf_vid', 'v-123'],
      ['tf_cid', 'c-456'],
    ]);
    expect(url.hash).toBe('#frag');
    expect(url.pathname).toBe('/path');
  });
});
