import { addCounters, zeroCounters } from 'src/analytics/metrics/counters.util';

describe('counters', () => {
  it('adds rows read from SQL, numeric text included, missing columns as zero', () => {
    const total = zeroCounters();
    addCounters(total, { clicks: 2, sessions: '3', session_seconds: '120' });
    addCounters(total, { clicks: '5', bounces: null });
    expect(total).toEqual({ clicks: 7, sessions: 3, bounces: 0, page_views: 0, form_starts: 0, form_submits: 0, ctas: 0, exits: 0, session_seconds: 120 });
  });
});
