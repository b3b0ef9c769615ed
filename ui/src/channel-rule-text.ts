/** A channel rule's conditions as lines people write: "medium in cpc, ppc", "referrer_host equals news.example.com". */

export type RuleCondition = { field: string; op: string; value: string | string[] };

/** Each line is "field op value"; `in` takes a comma-separated list. The API judges fields and operators and names a bad one. */
export function parseConditions(text: string): RuleCondition[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [field = '', op = '', ...rest] = line.split(/\s+/);
      const value = line.slice(line.indexOf(op, field.length) + op.length).trim();
      return { field, op, value: op === 'in' ? value.split(',').map((item) => item.trim()).filter(Boolean) : rest.length === 0 ? '' : value };
    });
}

export const formatConditions = (conditions: readonly RuleCondition[]): string =>
  conditions.map((condition) => `${condition.field} ${condition.op} ${Array.isArray(condition.value) ? condition.value.join(', ') : condition.value}`).join('\n');
