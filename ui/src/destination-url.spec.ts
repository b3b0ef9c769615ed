import { suggestHttps } from './destination-url';

describe('suggestHttps', () => {
  it('offers https:// for an address typed without a scheme, keeping its path, query and port', () => {
    expect(suggestHttps(' example.com/spring?utm=1 ')).toBe('https://example.com/spring?utm=1');
    expect(suggestHttps('www.shop.example.co.uk')).toBe('https://www.shop.example.co.uk');
    expect(suggestHttps('//cdn.example.com/a')).toBe('https://cdn.example.com/a');
    expect(suggestHttps('shop.example.com:8443/x')).toBe('https://shop.example.com:8443/x');
  });

  it('offers nothing when a scheme is there or the text is not an address', () => {
    for (const typed of ['', 'https://example.com', 'HTTP://example.com', 'mailto:a@example.com', 'localhost/x', 'spring sale.com', 'example.', '.com']) expect(suggestHttps(typed)).toBeNull();
  });
});
