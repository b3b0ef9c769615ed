import { Touchpoint } from 'src/attribution/engine/attribution.types';
import { ChannelRule, ChannelRuleCondition, ChannelRuleField } from 'src/attribution/engine/channels/channel-rule.types';
import { validateChannelRules } from 'src/attribution/engine/channels/channel-rules.validator';
import { defaultChannelGrouping } from 'src/attribution/engine/channels/default-channel-grouping.util';
import { referrerHost } from 'src/attribution/engine/channels/referrer-host.util';
import { compareText } from 'src/attribution/engine/compare-text.util';

interface ChannelMatch {
  channel: string;
  /** The rule that decided the channel, or null when the default grouping did. */
  rule: ChannelRule | null;
}

type Predicate = (touch: Touchpoint) => boolean;

const FIELD_READERS: Record<ChannelRuleField, (touch: Touchpoint) => string> = {
  source: (touch) => touch.source ?? '',
  medium: (touch) => touch.medium ?? '',
  campaign: (touch) => touch.campaign ?? '',
  content: (touch) => touch.content ?? '',
  term: (touch) => touch.term ?? '',
  referrer: (touch) => touch.referrer ?? '',
  referrer_host: (touch) => referrerHost(touch.referrer),
  tracked_link: (touch) => touch.trackedLinkId ?? '',
};

/** Comparisons ignore case and surrounding spaces; a missing field reads as ''. */
function compile(condition: ChannelRuleCondition): Predicate {
  const read = FIELD_READERS[condition.field];
  const normalised = (touch: Touchpoint) => read(touch).trim().toLowerCase();
  switch (condition.op) {
    case 'equals': {
      const expected = condition.value.trim().toLowerCase();
      return (touch) => normalised(touch) === expected;
    }
    case 'in': {
      const expected = new Set(condition.value.map((value) => value.trim().toLowerCase()));
      return (touch) => expected.has(normalised(touch));
    }
    case 'prefix': {
      const expected = condition.value.trim().toLowerCase();
      return (touch) => normalised(touch).startsWith(expected);
    }
    case 'regex': {
      const pattern = new RegExp(condition.value, 'i');
      return (touch) => pattern.test(read(touch).trim());
    }
  }
}

/** Gives touches their channel: the first matching Attribution Channel Rule, else the default grouping. */
export class ChannelClassifier {
  private readonly rules: { rule: ChannelRule; matches: Predicate[] }[];

  constructor(rules: readonly ChannelRule[] = []) {
    this.rules = validateChannelRules(rules)
      .sort((a, b) => a.priority - b.priority || compareText(a.name, b.name))
      .map((rule) => ({ rule, matches: rule.conditions.map(compile) }));
  }

  classify(touch: Touchpoint): ChannelMatch {
    for (const { rule, matches } of this.rules) {
      if (matches.every((match) => match(touch))) return { channel: rule.channelName, rule };
    }
    return { channel: defaultChannelGrouping(touch), rule: null };
  }
}
