import { ValidationFailure } from 'src/common/errors/validation-failure';
import { analyticsRange, checkInterval, topLimit } from 'src/analytics/queries/analytics-input.util';

const failure = (action: () => unknown): ValidationFailure => {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationFailure) return error;
  }
  throw new Error('expected a ValidationFailure');
};

describe('analytics inputs', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2026-03-01T00:00:00Z');

  it('accepts a range with a zone, UTC by default', () => {
    expect(analyticsRange(from, to, 'Europe/Paris')).toEqual({ from, to, zone: 'Europe/Paris' });
    expect(analyticsRange(from, to, null).zone).toBe('UTC');
    expect(analyticsRange(from, to, ' ').zone).toBe('UTC');
  });

  it.each([
    [() => analyticsRange(new Date('nope'), to, null), 'from', 'must be a valid date'],
    [() => analyticsRange(from, new Date('nope'), null), 'to', 'must be a valid date'],
    [() => analyticsRange(to, from, null), 'to', 'must be after from'],
    [() => analyticsRange(from, from, null), 'to', 'must be after from'],
    [() => analyticsRange(new Date('2010-01-01T00:00:00Z'), to, null), 'to', 'the period must be at most 3660 days'],
    [() => analyticsRange(from, to, 'CET+1'), 'timeZone', 'must be an IANA time zone such as Europe/Paris or UTC'],
    [() => checkInterval({ from: new Date('2025-01-01T00:00:00Z'), to, zone: 'UTC' }, 'HOUR'), 'interval', expect.stringMatching(/^gives more than 1500 points/)],
    [() => topLimit(0), 'limit', 'must be a whole number from 1 to 100'],
    [() => topLimit(2.5), 'limit', 'must be a whole number from 1 to 100'],
  ])('names the field and the rule of a bad input (%#)', (action, field, rule) => {
    expect(failure(action)).toMatchObject({ field, rule });
  });

  it('allows hours over two months and days over years', () => {
    expect(checkInterval({ from, to, zone: 'UTC' }, 'HOUR')).toBe('HOUR');
    expect(checkInterval({ from: new Date('2023-01-01T00:00:00Z'), to, zone: 'UTC' }, 'DAY')).toBe('DAY');
    expect(topLimit(undefined)).toBe(10);
  });
});
