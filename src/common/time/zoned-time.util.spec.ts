import { addDays, daysBetween, formatLocal, isoWeekday, isTimeZone, localDate, offsetMs, startOfLocalDay, startOfLocalHour } from 'src/common/time/zoned-time.util';

const at = (iso: string) => Date.parse(iso);

describe('zoned time', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  // Expected instants were checked against PostgreSQL: min(t) WHERE (t AT TIME ZONE zone)::date = day.
  it.each([
    ['UTC', '2026-11-03', '2026-11-03T00:00:00.000Z'],
    ['Europe/Paris', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['Europe/Paris', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Europe/Paris', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-01', '2025-12-31T18:30:00.000Z'],
    // Chile skips midnight when summer time starts: the day begins at 01:00 local.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z'],
  ])('starts %s day %s at %s', (zone, date, expected) => {
    expect(new Date(startOfLocalDay(zone, date)).toISOString()).toBe(expected);
    expect(localDate(zone, startOfLocalDay(zone, date))).toBe(date);
    expect(localDate(zone, startOfLocalDay(zone, date) - 1)).toBe(addDays(date, -1));
  });

  it('gives offsets, local hours and wall-clock text across a daylight-saving change', () => {
    expect(offsetMs('Europe/Paris', at('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(offsetMs('Europe/Paris', at('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(offsetMs('Asia/Kolkata', at('2026-06-01T12:00:00.750Z'))).toBe(19_800_000);
    expect(formatLocal('Europe/Paris', at('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(formatLocal('America/New_York', at('2026-11-03T04:59:00Z'))).toBe('2026-11-02T23:59:00-05:00');
    expect(new Date(startOfLocalHour('Asia/Kolkata', at('2026-06-01T12:10:00Z'))).toISOString()).toBe('2026-06-01T11:30:00.000Z');
    expect(new Date(startOfLocalHour('UTC', at('2026-06-01T12:10:09.5Z'))).toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-11-22', '2026-11-22')).toBe(365);
    expect(isoWeekday('2026-11-02')).toBe(0);
    expect(isoWeekday('2026-11-08')).toBe(6);
  });
});
