import { addDays, change, dateIn, reportPeriod, startOfDay } from './report-period';

const choice = (preset: 'custom' | '7d' | '30d' | '90d' | 'quarter', timeZone = 'UTC', customFrom = '', customTo = '') => ({ preset, timeZone, customFrom, customTo });
const periodOf = (result: ReturnType<typeof reportPeriod>) => {
  if (!('period' in result)) throw new Error(result.error);
  return result.period;
};

describe('report periods', () => {
  it('starts days at local midnight of the chosen zone, across a clock change', () => {
    expect(startOfDay('Europe/Paris', '2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDay('Europe/Paris', '2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDay('America/New_York', '2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('America/New_York', '2026-03-09').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    // Santiago's clock jumps from 24:00 to 01:00: the day starts at 01:00 local.
    expect(dateIn('America/Santiago', startOfDay('America/Santiago', '2026-09-06'))).toBe('2026-09-06');
  });

  it('makes the last N days whole days ending today in the zone', () => {
    const now = new Date('2026-05-20T02:30:00Z');
    const paris = periodOf(reportPeriod(choice('7d', 'Europe/Paris'), now));
    expect([paris.firstDay, paris.lastDay, paris.days, paris.interval]).toEqual(['2026-05-14', '2026-05-20', 7, 'DAY']);
    expect(paris.to.toISOString()).toBe('2026-05-20T22:00:00.000Z');
    // Still the 19th in Los Angeles.
    expect(periodOf(reportPeriod(choice('30d', 'America/Los_Angeles'), now)).lastDay).toBe('2026-05-19');
  });

  it('switches to weeks beyond a quarter and starts this quarter on its first day', () => {
    const now = new Date('2026-08-10T12:00:00Z');
    expect(periodOf(reportPeriod(choice('90d'), now)).interval).toBe('DAY');
    expect(periodOf(reportPeriod(choice('custom', 'UTC', '2026-01-01', '2026-06-30'), now)).interval).toBe('WEEK');
    const quarter = periodOf(reportPeriod(choice('quarter'), now));
    expect([quarter.firstDay, quarter.lastDay, quarter.days]).toEqual(['2026-07-01', '2026-08-10', 41]);
  });

  it('refuses a custom period naming the field and the rule', () => {
    expect(reportPeriod(choice('custom', 'UTC', '', '2026-01-01'), new Date())).toEqual({ field: 'from', error: 'From must be a date' });
    expect(reportPeriod(choice('custom', 'UTC', '2026-02-01', '2026-01-01'), new Date())).toEqual({ field: 'to', error: 'To must be on or after From' });
    expect(periodOf(reportPeriod(choice('custom', 'UTC', '2026-02-01', '2026-02-01'), new Date())).days).toBe(1);
  });

  it('adds days across months and gives the change from the previous period', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(change(150, 100)).toBe(0.5);
    expect(change(50, 100)).toBe(-0.5);
    expect(change(5, 0)).toBeNull();
  });
});
