import { conversionRate, formatDate, formatLag, formatMoney, formatRoi, sumAmounts, trafficShares } from './format';

describe('display rules', () => {
  it('shows money in its currency, an unknown code as text, and nothing as a dash', () => {
    expect(formatMoney('2500', 'USD', 'en-US')).toBe('$2,500.00');
    expect(formatMoney('12.5', 'EUR', 'de-DE')).toMatch(/^12,50\s€$/);
    expect(formatMoney('7', 'ZZZZ', 'en-US')).toBe('7 ZZZZ');
    expect(formatMoney(null, 'USD')).toBe('—');
  });

  it('shows a calendar date as the same day everywhere', () => {
    expect(formatDate('2026-03-01', 'en-US')).toBe('Mar 1, 2026');
    expect(formatDate(null)).toBe('—');
  });

  it('gives no conversion rate before the first click', () => {
    expect(conversionRate(0, 0)).toBeNull();
    expect(conversionRate(1, 4)).toBe(0.25);
  });

  it('spells out the sign of an ROI, and shows none as a dash', () => {
    expect(formatRoi(380, 'en-US')).toBe('+380%');
    expect(formatRoi(-100, 'en-US')).toBe('-100%');
    expect(formatRoi(433.3333, 'en-US')).toBe('+433.3%');
    expect(formatRoi(0, 'en-US')).toBe('0%');
    expect(formatRoi(null)).toBe('—');
  });

  it('splits traffic among active variants by weight', () => {
    expect(
      trafficShares([
        { weight: 1, active: true },
        { weight: 3, active: true },
        { weight: 5, active: false },
      ]),
    ).toEqual([0.25, 0.75, 0]);
    expect(trafficShares([{ weight: 0, active: true }])).toEqual([0]);
  });

  it('says a lag in the unit people use, and nothing as a dash', () => {
    expect([null, 0, 45, 89, 90, 300, 5400, 7200, 129_600, 259_200].map(formatLag)).toEqual(['—', '0 s', '45 s', '89 s', '2 min', '5 min', '2 h', '2 h', '2 days', '3 days']);
  });
});

describe('sumAmounts', () => {
  it('adds decimal amounts exactly, where floats would not', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumAmounts(['12.5', '3', '0.000001'])).toBe('15.500001');
    expect(sumAmounts(['1', '-2.25'])).toBe('-1.25');
    expect(sumAmounts([])).toBe('0');
  });
});
