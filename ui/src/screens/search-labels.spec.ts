import { dealLabel, personLabel, resultsSummary, shortId } from './search-labels';

describe('labels of people and deals found', () => {
  it('names a person or deal, else says it is unnamed with the start of its id', () => {
    expect(personLabel({ personId: 'p1', displayName: 'Ada Lovelace' })).toBe('Ada Lovelace');
    expect(personLabel({ personId: '0d7e8f4a-1111-4222-8333-444455556666', displayName: null })).toBe('Unnamed person 0d7e8f4a…');
    expect(dealLabel({ opportunityId: 'deal-7', name: null })).toBe('Unnamed deal deal-7');
    expect(dealLabel({ opportunityId: 'o', name: 'Acme renewal' })).toBe('Acme renewal');
    expect(shortId('short-id')).toBe('short-id');
  });

  it('announces how many were found, and says when the list is cut', () => {
    const noun = { one: 'person', many: 'people' };
    expect(resultsSummary(0, noun, 20)).toBe('No person matches');
    expect(resultsSummary(1, noun, 20)).toBe('1 person found');
    expect(resultsSummary(3, noun, 20)).toBe('3 people found');
    expect(resultsSummary(20, noun, 20)).toBe('The first 20 people found; type more to narrow them');
  });
});
