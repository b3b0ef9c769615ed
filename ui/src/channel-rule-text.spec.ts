import { formatConditions, parseConditions } from './channel-rule-text';

describe('channel rule conditions as text', () => {
  it('reads one condition a line, a list after in, and keeps spaces inside a value', () => {
    expect(parseConditions('medium in cpc, ppc ,paid\n\n  source equals google ads \nreferrer regex ^https?://(www\\.)?bing\\.')).toEqual([
      { field: 'medium', op: 'in', value: ['cpc', 'ppc', 'paid'] },
      { field: 'source', op: 'equals', value: 'google ads' },
      { field: 'referrer', op: 'regex', value: '^https?://(www\\.)?bing\\.' },
    ]);
  });

  it('leaves an incomplete line for the API to refuse', () => {
    expect(parseConditions('medium')).toEqual([{ field: 'medium', op: '', value: '' }]);
  });

  it('writes conditions back as the lines it reads', () => {
    const conditions = [
      { field: 'campaign', op: 'prefix', value: 'spring' },
      { field: 'source', op: 'in', value: ['a', 'b'] },
    ];
    expect(parseConditions(formatConditions(conditions))).toEqual(conditions);
  });
});
