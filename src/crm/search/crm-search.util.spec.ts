import { ValidationFailure } from 'src/common/errors/validation-failure';
import { crmSearchTermOf } from 'src/crm/search/crm-search.util';

describe('reading a search for people and deals', () => {
  it('matches an address exactly, whatever its case and surrounding spaces', () => {
    expect(crmSearchTermOf('  Ada@Example.COM ')).toEqual({ kind: 'email', email: 'ada@example.com' });
  });

  it('looks for any other text inside names, with LIKE wildcards taken literally and spaces collapsed', () => {
    expect(crmSearchTermOf('ada   love')).toEqual({ kind: 'text', text: 'ada love', pattern: '%ada love%' });
    expect(crmSearchTermOf('50%_off\\')).toEqual({ kind: 'text', text: '50%_off\\', pattern: '%50\\%\\_off\\\\%' });
    // Text with an @ and a space is a name fragment, not an address.
    expect(crmSearchTermOf('ada @ acme').kind).toBe('text');
  });

  it.each([
    ['', 'must be at least 2 characters'],
    [' a ', 'must be at least 2 characters'],
    ['x'.repeat(201), 'must be at most 200 characters'],
    ['ad\u0000a', 'must not contain control characters'],
  ])('refuses %j, naming the field and the rule', (query, rule) => {
    expect(() => crmSearchTermOf(query)).toThrow(ValidationFailure);
    expect(() => crmSearchTermOf(query)).toThrow(rule);
  });
});
