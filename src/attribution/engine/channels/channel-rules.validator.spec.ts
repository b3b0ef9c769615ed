import { ValidationFailure } from 'src/common/errors/validation-failure';
import { validateChannelRules } from 'src/attribution/engine/channels/channel-rules.validator';

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Paid Facebook',
  channelName: 'Paid Social',
  priority: 1,
  weight: 2,
  conditions: [{ field: 'source', op: 'equals', value: 'facebook' }],
  ...overrides,
});

describe('validateChannelRules', () => {
  it('returns well-formed rules, typed', () => {
    const rules = [
      rule(),
      rule({ name: 'Partners', conditions: [{ field: 'referrer_host', op: 'in', value: ['a.com', 'b.com'] }, { field: 'campaign', op: 'regex', value: '^q[1-4]-' }] }),
    ];
    expect(validateChannelRules(rules)).toEqual(rules);
  });

  it.each<[unknown, string, string]>([
    [{ rules: [] }, 'channelRules', 'must be a list of rules'],
    [['x'], 'channelRules[0]', 'must be an object'],
    [[rule({ name: ' ' })], 'channelRules[0].name', 'must be a non-empty string'],
    [[rule(), rule()], 'channelRules["Paid Facebook"].name', 'is used by another rule'],
    [[rule({ channelName: undefined })], 'channelRules["Paid Facebook"].channelName', 'must be a non-empty string'],
    [[rule({ priority: 1.5 })], 'channelRules["Paid Facebook"].priority', 'must be an integer (lower numbers are tried first)'],
    [[rule({ weight: -1 })], 'channelRules["Paid Facebook"].weight', 'must be a finite number >= 0'],
    [[rule({ conditions: [] })], 'channelRules["Paid Facebook"].conditions', 'must be a non-empty list (a rule without conditions would capture every touch)'],
    [[rule({ conditions: ['source=facebook'] })], 'channelRules["Paid Facebook"].conditions[0]', 'must be an object {field, op, value}'],
    [
      [rule({ conditions: [{ field: 'utm_source', op: 'equals', value: 'x' }] })],
      'channelRules["Paid Facebook"].conditions[0].field',
      'unknown field "utm_source"; expected one of source, medium, campaign, content, term, referrer, referrer_host, tracked_link',
    ],
    [
      [rule({ conditions: [{ field: 'source', op: 'contains', value: 'x' }] })],
      'channelRules["Paid Facebook"].conditions[0].op',
      'unknown operator "contains"; expected one of equals, in, prefix, regex',
    ],
    [[rule({ conditions: [{ field: 'source', op: 'in', value: 'x' }] })], 'channelRules["Paid Facebook"].conditions[0].value', 'must be a non-empty list of strings for "in"'],
    [[rule({ conditions: [{ field: 'source', op: 'in', value: [] }] })], 'channelRules["Paid Facebook"].conditions[0].value', 'must be a non-empty list of strings for "in"'],
    [[rule({ conditions: [{ field: 'source', op: 'equals', value: ['x'] }] })], 'channelRules["Paid Facebook"].conditions[0].value', 'must be a string for "equals"'],
    [[rule({ conditions: [{ field: 'source', op: 'prefix', value: 3 }] })], 'channelRules["Paid Facebook"].conditions[0].value', 'must be a string for "prefix"'],
  ])('rejects %j', (rules, field, problem) => {
    expect(() => validateChannelRules(rules)).toThrow(new ValidationFailure(field, problem));
  });

  it('rejects a bad regular expression, naming the rule and the engine’s complaint', () => {
    const bad = [rule({ name: 'Broken', conditions: [{ field: 'medium', op: 'equals', value: 'cpc' }, { field: 'campaign', op: 'regex', value: '([a-z' }] })];
    expect(() => validateChannelRules(bad)).toThrow(/^channelRules\["Broken"\]\.conditions\[1\]\.value: is not a valid regular expression \(.*\)$/);
  });

  it('rejects overlong regular expressions', () => {
    expect(() => validateChannelRules([rule({ conditions: [{ field: 'source', op: 'regex', value: 'a'.repeat(501) }] })])).toThrow('regular expression longer than 500 characters');
  });
});
