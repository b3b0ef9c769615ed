import { addDays, changedEntries, dayRangeToInstants, formatHeaderLines, formatRangeLines, formFieldOf, isoToLocalInput, localInputToIso, parseHeaderLines, parseRangeLines } from './admin-forms';

describe('admin form helpers', () => {
  it('reads one range a line with an optional description, skipping blank lines', () => {
    expect(parseRangeLines(' 10.0.0.0/8  office VPN \n\n2001:db8::/32\n')).toEqual([
      { cidr: '10.0.0.0/8', description: 'office VPN' },
      { cidr: '2001:db8::/32', description: null },
    ]);
    expect(parseRangeLines('   \n')).toEqual([]);
  });

  it('writes ranges back as the lines it reads', () => {
    const ranges = [
      { cidr: '192.168.1.0/24', description: 'Lab network' },
      { cidr: '::1/128', description: null },
    ];
    expect(parseRangeLines(formatRangeLines(ranges))).toEqual(ranges);
  });

  it('reads one response header a line as Name: value, keeping colons of the value, and writes them back', () => {
    const headers = parseHeaderLines(' X-Robots-Tag :  noindex \n\nContent-Security-Policy: default-src https://a.example:443\nNoColon ');
    expect(headers).toEqual([
      { name: 'X-Robots-Tag', value: 'noindex' },
      { name: 'Content-Security-Policy', value: 'default-src https://a.example:443' },
      { name: 'NoColon', value: '' },
    ]);
    expect(parseHeaderLines(formatHeaderLines(headers))).toEqual(headers);
    expect(parseHeaderLines('  \n')).toEqual([]);
  });

  it('turns a datetime-local value into an instant and back, empty meaning none', () => {
    const iso = localInputToIso('2031-04-05T06:07');
    expect(iso).toBe(new Date(2031, 3, 5, 6, 7).toISOString());
    expect(isoToLocalInput(iso)).toBe('2031-04-05T06:07');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('not a date')).toBeNull();
    expect(isoToLocalInput(null)).toBe('');
  });

  it('keeps only what changed, comparing lists by content', () => {
    expect(changedEntries({ a: 1, b: ['x'], c: null, d: 'same' }, { a: 2, b: ['x'], c: 'now', d: 'same' })).toEqual({ a: 2, c: 'now' });
    expect(changedEntries({ list: ['x', 'y'] }, { list: ['y', 'x'] })).toEqual({ list: ['y', 'x'] });
  });

  it('names the form field of a refusal about one item of a list', () => {
    expect(formFieldOf('internalIpRanges[2].ipRange')).toBe('internalIpRanges');
    expect(formFieldOf('input.budget')).toBe('budget');
    expect(formFieldOf('ipAllowList[0].cidr')).toBe('ipAllowList');
    expect(formFieldOf('channelRules["Paid"].conditions[0].value')).toBe('channelRules');
    expect(formFieldOf('cookieConsentText')).toBe('cookieConsentText');
  });
});

describe('day ranges', () => {
  it('counts days on the calendar, across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives the last day whole: to is the next local midnight', () => {
    const { from, to } = dayRangeToInstants('2026-10-01', '2026-10-03');
    expect(from).toBe(new Date(2026, 9, 1).toISOString());
    expect(to).toBe(new Date(2026, 9, 4).toISOString());
    expect(dayRangeToInstants('', '2026-10-03').from).toBeNull();
  });
});
