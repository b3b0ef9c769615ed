import { describeParts, exportCounts, exportFileName } from './data-subject';

describe('data subject helpers', () => {
  it('counts the rows of each part of an export, ignoring what is not a list', () => {
    expect(exportCounts({ subject: { email: 'a@b.c' }, visitorIds: ['v1'], exportedAt: '2026-01-01', clicks: [{}, {}], sessions: [] })).toEqual({ visitorIds: 1, clicks: 2, sessions: 0 });
  });

  it('names the parts that hold rows, singular or plural, in a fixed order, leaving out ids and kept deals', () => {
    expect(describeParts({ clicks: 2, visitors: 1, sessions: 0, visitorIds: 1, crmDealsAsContact: 3, events: 1 })).toEqual(['1 visitor', '1 page view or event', '2 clicks']);
    expect(describeParts({})).toEqual([]);
  });

  it('names the file after the kind of subject and the day only', () => {
    expect(exportFileName('email', '2026-10-02T10:00:00.000Z')).toBe('trackflow-email-export-2026-10-02.json');
  });
});
