import { filteredSummary } from './filtered-clicks';

describe('the filtered clicks figure', () => {
  it('says nothing when nothing was filtered', () => {
    expect(filteredSummary({ bots: 0, internal: 0 })).toBeNull();
  });

  it('totals bots and internal traffic and says which', () => {
    expect(filteredSummary({ bots: 1, internal: 0 })).toBe('1 filtered (1 bot)');
    expect(filteredSummary({ bots: 2, internal: 3 })).toBe('5 filtered (2 bots, 3 internal)');
    expect(filteredSummary({ bots: 0, internal: 1 })).toBe('1 filtered (1 internal)');
  });
});
