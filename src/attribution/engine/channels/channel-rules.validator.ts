import { ValidationFailure } from 'src/common/errors/validation-failure';
import {
  CHANNEL_RULE_FIELDS,
  CHANNEL_RULE_OPERATORS,
  ChannelRule,
  ChannelRuleCondition,
  ChannelRuleField,
  ChannelRuleOperator,
} from 'src/attribution/engine/channels/channel-rule.types';

/** Patterns run against every touch, so a long one is more likely a mistake (or a ReDoS) than a need. */
const MAX_REGEX_LENGTH = 500;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Checks rules read from storage or from a user (e.g. match_conditions parsed from JSON) and
 * returns them typed. The first problem found is thrown as a ValidationFailure whose field names
 * the rule, e.g. `channelRules["Paid Facebook"].conditions[0].value`.
 */
export function validateChannelRules(rules: unknown): ChannelRule[] {
  if (!Array.isArray(rules)) throw new ValidationFailure('channelRules', 'must be a list of rules');
  const names = new Set<string>();
  return rules.map((rule: unknown, index) => {
    if (!isObject(rule)) throw new ValidationFailure(`channelRules[${index}]`, 'must be an object');
    if (!isText(rule.name)) throw new ValidationFailure(`channelRules[${index}].name`, 'must be a non-empty string');
    const at = `channelRules[${JSON.stringify(rule.name)}]`;
    if (names.has(rule.name)) throw new ValidationFailure(`${at}.name`, 'is used by another rule');
    names.add(rule.name);
    if (!isText(rule.channelName)) throw new ValidationFailure(`${at}.channelName`, 'must be a non-empty string');
    if (typeof rule.priority !== 'number' || !Number.isSafeInteger(rule.priority)) {
      throw new ValidationFailure(`${at}.priority`, 'must be an integer (lower numbers are tried first)');
    }
    if (typeof rule.weight !== 'number' || !Number.isFinite(rule.weight) || rule.weight < 0) {
      throw new ValidationFailure(`${at}.weight`, 'must be a finite number >= 0');
    }
    if (!Array.isArray(rule.conditions) || rule.conditions.length === 0) {
      throw new ValidationFailure(`${at}.conditions`, 'must be a non-empty list (a rule without conditions would capture every touch)');
    }
    const conditions = rule.conditions.map((condition: unknown, conditionIndex) =>
      validateCondition(condition, `${at}.conditions[${conditionIndex}]`),
    );
    return { name: rule.name, channelName: rule.channelName.trim(), priority: rule.priority, weight: rule.weight, conditions };
  });
}

function validateCondition(condition: unknown, at: string): ChannelRuleCondition {
  if (!isObject(condition)) throw new ValidationFailure(at, 'must be an object {field, op, value}');
  const { field, op, value } = condition;
  if (!CHANNEL_RULE_FIELDS.includes(field as ChannelRuleField)) {
    throw new ValidationFailure(`${at}.field`, `unknown field ${JSON.stringify(field)}; expected one of ${CHANNEL_RULE_FIELDS.join(', ')}`);
  }
  if (!CHANNEL_RULE_OPERATORS.includes(op as ChannelRuleOperator)) {
    throw new ValidationFailure(`${at}.op`, `unknown operator ${JSON.stringify(op)}; expected one of ${CHANNEL_RULE_OPERATORS.join(', ')}`);
  }
  const typedField = field as ChannelRuleField;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
      throw new ValidationFailure(`${at}.value`, 'must be a non-empty list of strings for "in"');
    }
    return { field: typedField, op, value: [...value] };
  }
  if (typeof value !== 'string') throw new ValidationFailure(`${at}.value`, `must be a string for "${String(op)}"`);
  if (op === 'regex') {
    if (value.length > MAX_REGEX_LENGTH) throw new ValidationFailure(`${at}.value`, `regular expression longer than ${MAX_REGEX_LENGTH} characters`);
    try {
      new RegExp(value, 'i');
    } catch (error) {
      throw new ValidationFailure(`${at}.value`, `is not a valid regular expression (${(error as Error).message})`);
    }
  }
  return { field: typedField, op: op as 'equals' | 'prefix' | 'regex', value };
}
