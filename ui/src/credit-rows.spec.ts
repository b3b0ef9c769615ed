import { topByValue } from './credit-rows';

const row = (key: string, value: string, currencyCode = 'USD') => ({ key, value, currencyCode });

describe('top credited groups', () => {
  it('ranks by value in one currency with shares of its total', () => {
    const top = topByValue([row('email', '100'), row('paid', '300'), row('social', '600'), row('euro', '5000', 'EUR')], 'USD', 2);
    expect(top.map(({ row: each, share }) => [each.key, share])).toEqual([
      ['social', 0.6],
      ['paid', 0.3],
    ]);
  });

  it('gives no share when nothing was credited', () => {
    expect(topByValue([row('b', '0'), row('a', '0')], 'USD', 5)).toEqual([
      { row: row('a', '0'), share: 0 },
      { row: row('b', '0'), share: 0 },
    ]);
  });
});
