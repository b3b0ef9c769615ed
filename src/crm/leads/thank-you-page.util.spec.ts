import { wantsHtml } from 'src/crm/leads/thank-you-page.util';

describe('who gets the thank-you page', () => {
  it('is a browser posting a plain form', () => {
    expect(wantsHtml('text/html,application/xhtml+xml,*/*;q=0.8', 'application/x-www-form-urlencoded')).toBe(true);
  });

  it.each([
    ['a script posting JSON', 'text/html', 'application/json'],
    ['fetch without an Accept for HTML', '*/*', 'application/x-www-form-urlencoded'],
    ['curl', undefined, 'application/x-www-form-urlencoded'],
  ])('is not %s', (_who, accept, type) => {
    expect(wantsHtml(accept, type)).toBe(false);
  });
});
