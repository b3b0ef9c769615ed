import { isOriginAllowed, normaliseSiteDomain } from 'src/common/http/site-origin.util';

describe('site domains', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['https://www.example.com/pricing?x=1', 'www.example.com'],
    ['localhost:8080', 'localhost:8080'],
    ['127.0.0.1:3000', '127.0.0.1:3000'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normaliseSiteDomain(input, 'siteDomains[0]')).toBe(expected);
  });

  it.each(['exa mple.com', '-bad.com', 'example.com:99999', 'a:b:c', ''])('rejects %j naming the field', (input) => {
    expect(() => normaliseSiteDomain(input, 'siteDomains[2]')).toThrow(/^siteDomains\[2\]: /);
  });

  it('allows the domain, its subdomains and the exact port only', () => {
    const domains = ['example.com', 'localhost:8080', '10.0.0.1'];
    expect(isOriginAllowed('https://example.com', domains)).toBe(true);
    expect(isOriginAllowed('https://shop.example.com', domains)).toBe(true);
    expect(isOriginAllowed('https://badexample.com', domains)).toBe(false);
    expect(isOriginAllowed('https://example.com.evil.io', domains)).toBe(false);
    expect(isOriginAllowed('http://localhost:8080', domains)).toBe(true);
    expect(isOriginAllowed('http://localhost:9090', domains)).toBe(false);
    expect(isOriginAllowed('http://10.0.0.1', domains)).toBe(true);
    expect(isOriginAllowed('http://1.10.0.0.1', domains)).toBe(false);
    expect(isOriginAllowed('null', domains)).toBe(false);
    expect(isOriginAllowed('file:///x', ['x'])).toBe(false);
  });
});
