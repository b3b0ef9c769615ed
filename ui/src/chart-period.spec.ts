import { chartPeriod, pointLabel } from './chart-period';

// Dates are built in the runtime's zone, as the chart builds them, so these hold in any zone.
describe('the periods of the clicks chart', () => {
  const wednesday = new Date(2026, 2, 11, 15, 30);

  it('asks for whole local days ending today', () => {
    expect(chartPeriod('7d', wednesday)).toEqual({ from: new Date(2026, 2, 5), to: new Date(2026, 2, 12), interval: 'DAY' });
    expect(chartPeriod('30d', wednesday)).toEqual({ from: new Date(2026, 1, 10), to: new Date(2026, 2, 12), interval: 'DAY' });
  });

  it('asks for whole ISO weeks ending with this one, Monday first, whatever the day', () => {
    const weeks = { from: new Date(2025, 11, 22), to: new Date(2026, 2, 16), interval: 'WEEK' };
    expect(chartPeriod('12w', wednesday)).toEqual(weeks);
    expect(chartPeriod('12w', new Date(2026, 2, 9, 0, 0))).toEqual(weeks);
    expect(chartPeriod('12w', new Date(2026, 2, 15, 23, 59))).toEqual(weeks);
    expect(chartPeriod('12w', new Date(2026, 2, 16, 0, 0)).to).toEqual(new Date(2026, 2, 23));
  });

  it('shows a day label as the same calendar day everywhere', () => {
    expect(pointLabel('2026-03-05', 'en-US')).toBe('Mar 5');
    expect(pointLabel('2026-03-05', 'en-US', { dateStyle: 'medium' })).toBe('Mar 5, 2026');
    expect(pointLabel('not a date', 'en-US')).toBe('not a date');
  });
});
