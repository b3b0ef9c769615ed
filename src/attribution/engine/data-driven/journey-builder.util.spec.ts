import { buildJourneys } from 'src/attribution/engine/data-driven/journey-builder.util';

describe('buildJourneys', () => {
  it('cuts a converter path at the first conversion, keeps non-converters whole, and merges equal paths', () => {
    const touches = [
      { who: 'ann', atMs: 3, channel: 'Email' },
      { who: 'ann', atMs: 1, channel: 'Paid Search' },
      { who: 'ann', atMs: 9, channel: 'Direct' },
      { who: 'bob', atMs: 1, channel: 'Paid Search' },
      { who: 'bob', atMs: 2, channel: 'Email' },
      { who: 'cid', atMs: 5, channel: 'Paid Search' },
      { who: 'cid', atMs: 6, channel: 'Email' },
      { who: 'dan', atMs: 1, channel: 'Referral' },
    ];
    const conversions = [
      { who: 'ann', atMs: 5, value: 100 },
      { who: 'ann', atMs: 4, value: 40 },
      { who: 'bob', atMs: 2, value: 60 },
      { who: 'eve', atMs: 1, value: 10 },
    ];
    const journeys = buildJourneys(touches, conversions).sort((a, b) => a.path.join().localeCompare(b.path.join()));
    expect(journeys).toEqual([
      // ann converted first at 4 (Direct at 9 came after), bob at 2 (a touch at the same instant counts); cid never converted.
      { path: ['Paid Search', 'Email'], conversions: 2, value: 100, nulls: 1 },
      { path: ['Referral'], conversions: 0, value: 0, nulls: 1 },
    ]);
  });

  it('gives nothing for conversions without touches (nothing to credit)', () => {
    expect(buildJourneys([], [{ who: 'x', atMs: 1, value: 5 }])).toEqual([]);
  });
});
