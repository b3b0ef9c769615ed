export const CHANNEL_RULE_FIELDS = ['source', 'medium', 'campaign', 'content', 'term', 'referrer', 'referrer_host', 'tracked_link'] as const;
export type ChannelRuleField = (typeof CHANNEL_RULE_FIELDS)[number];

export const CHANNEL_RULE_OPERATORS = ['equals', 'in', 'prefix', 'regex'] as const;
export type ChannelRuleOperator = (typeof CHANNEL_RULE_OPERATORS)[number];

export type ChannelRuleCondition =
  | { field: ChannelRuleField; op: 'in'; value: string[] }
  | { field: ChannelRuleField; op: 'equals' | 'prefix' | 'regex'; value: string };

/**
 * An Attribution Channel Rule. Rules are tried by ascending `priority` (1 before 10; equal
 * priorities by name), the first rule whose conditions ALL match gives the touch its channel.
 * `weight` only matters to the CUSTOM model.
 */
export interface ChannelRule {
  name: string;
  channelName: string;
  priority: number;
  weight: number;
  conditions: ChannelRuleCondition[];
}
