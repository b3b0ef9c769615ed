import { ChannelRule } from 'src/attribution/engine/channels/channel-rule.types';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';

const at = new Date('2025-01-01T00:00:00Z');
const rule = (name: string, priority: number, conditions: ChannelRule['conditions'], channelName = name): ChannelRule => ({ name, channelName, priority, weight: 1, conditions });

describe('ChannelClassifier', () => {
  it('tries rules by ascending priority, then by name, and the first match wins', () => {
    const classifier = new ChannelClassifier([
      rule('Catch-all cpc', 10, [{ field: 'medium', op: 'equals', value: 'cpc' }]),
      rule('B brand', 1, [{ field: 'campaign', op: 'prefix', value: 'brand-' }]),
      rule('A brand', 1, [{ field: 'campaign', op: 'prefix', value: 'brand' }]),
    ]);
    expect(classifier.classify({ at, medium: 'cpc', campaign: 'brand-2025' })).toEqual({ channel: 'A brand', rule: expect.objectContaining({ name: 'A brand' }) });
    expect(classifier.classify({ at, medium: 'cpc', campaign: 'spring' }).channel).toBe('Catch-all cpc');
  });

  it('needs every condition of a rule to match', () => {
    const classifier = new ChannelClassifier([
      rule('Brand search', 1, [
        { field: 'source', op: 'in', value: ['google', 'bing'] },
        { field: 'term', op: 'regex', value: '\\bacme\\b' },
      ]),
    ]);
    expect(classifier.classify({ at, source: 'Google', medium: 'cpc', term: 'buy ACME tools' }).channel).toBe('Brand search');
    expect(classifier.classify({ at, source: 'google', medium: 'cpc', term: 'buy tools' })).toEqual({ channel: 'Paid Search', rule: null });
  });

  it('compares case-insensitively and ignores surrounding spaces', () => {
    const classifier = new ChannelClassifier([rule('Partner', 1, [{ field: 'medium', op: 'equals', value: ' Partner ' }])]);
    expect(classifier.classify({ at, medium: 'PARTNER' }).channel).toBe('Partner');
  });

  it('matches the referrer host without www. and the tracked link id', () => {
    const classifier = new ChannelClassifier([
      rule('HN', 1, [{ field: 'referrer_host', op: 'equals', value: 'news.ycombinator.com' }]),
      rule('QR flyer', 2, [{ field: 'tracked_link', op: 'equals', value: 'link-42' }]),
    ]);
    expect(classifier.classify({ at, referrer: 'https://www.news.ycombinator.com/item?id=1' }).channel).toBe('HN');
    expect(classifier.classify({ at, trackedLinkId: 'LINK-42' }).channel).toBe('QR flyer');
  });

  it('reads a missing field as the empty string', () => {
    const classifier = new ChannelClassifier([rule('No campaign', 1, [{ field: 'source', op: 'equals', value: 'partner' }, { field: 'campaign', op: 'equals', value: '' }])]);
    expect(classifier.classify({ at, source: 'partner' }).channel).toBe('No campaign');
    expect(classifier.classify({ at, source: 'partner', campaign: 'x' }).channel).toBe('Other');
  });

  it('uses the default grouping without rules', () => {
    expect(new ChannelClassifier().classify({ at, source: 'google', medium: 'cpc' })).toEqual({ channel: 'Paid Search', rule: null });
  });

  it('refuses invalid rules when built', () => {
    expect(() => new ChannelClassifier([rule('Bad', 1, [{ field: 'source', op: 'regex', value: '(' }])])).toThrow('channelRules["Bad"].conditions[0].value: is not a valid regular expression');
  });
});
