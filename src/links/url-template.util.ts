import { ValidationFailure } from 'src/common/errors/validation-failure';

export type TemplateVariableSpec = {
  variableName: string;
  variableType: string;
  defaultValue: string | null;
  isRequired: boolean;
  validationRules: { pattern?: string; minLength?: number; maxLength?: number; options?: string[] } | null;
};

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]{0,63})\}/g;

function placeholdersOf(urlTemplate: string): string[] {
  return [...new Set([...urlTemplate.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** Template and variables must agree before a template is saved, so filling it later cannot fail on a typo. */
export function checkTemplateVariables(urlTemplate: string, variables: TemplateVariableSpec[]): void {
  const declared = new Set(variables.map((variable) => variable.variableName));
  for (const name of placeholdersOf(urlTemplate)) {
    if (!declared.has(name)) throw new ValidationFailure('urlTemplate', `uses {${name}} but no variable of that name is declared`);
  }
  for (const variable of variables) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(variable.variableName)) {
      throw new ValidationFailure(`variables.${variable.variableName}`, 'variable names start with a letter or _ and use letters, digits and _');
    }
    const pattern = variable.validationRules?.pattern;
    if (pattern !== undefined) {
      try {
        new RegExp(pattern);
      } catch {
        throw new ValidationFailure(`variables.${variable.variableName}.validationRules.pattern`, 'is not a valid regular expression');
      }
    }
  }
}

function checkValue(variable: TemplateVariableSpec, value: string): void {
  const field = `variables.${variable.variableName}`;
  const rules = variable.validationRules ?? {};
  if (variable.variableType === 'NUMBER' && !/^-?\d+(\.\d+)?$/.test(value)) throw new ValidationFailure(field, 'must be a number');
  if (variable.variableType === 'DATE' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ValidationFailure(field, 'must be a date written YYYY-MM-DD');
  if (variable.variableType === 'URL' && !/^https?:\/\/[^\s]+$/i.test(value)) throw new ValidationFailure(field, 'must be an http or https URL');
  if (rules.options && !rules.options.includes(value)) throw new ValidationFailure(field, `must be one of ${rules.options.join(', ')}`);
  if (variable.variableType === 'SELECT' && !rules.options) throw new ValidationFailure(field, 'SELECT variables need validationRules.options');
  if (rules.minLength !== undefined && value.length < rules.minLength) throw new ValidationFailure(field, `must be at least ${rules.minLength} characters`);
  if (rules.maxLength !== undefined && value.length > rules.maxLength) throw new ValidationFailure(field, `must be at most ${rules.maxLength} characters`);
  if (rules.pattern !== undefined && !new RegExp(`^(?:${rules.pattern})$`).test(value)) throw new ValidationFailure(field, `must match ${rules.pattern}`);
}

/**
 * Substitutes each {placeholder} with its URL-encoded value, so a value can never change the URL's
 * structure (no injected host, path or parameters).
 */
export function fillUrlTemplate(urlTemplate: string, variables: TemplateVariableSpec[], given: Record<string, unknown>): string {
  const known = new Set(variables.map((variable) => variable.variableName));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) throw new ValidationFailure(`variables.${name}`, 'is not a variable of this template');
  }
  const values = new Map<string, string>();
  for (const variable of variables) {
    const raw = given[variable.variableName];
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
      throw new ValidationFailure(`variables.${variable.variableName}`, 'must be a string or number');
    }
    const value = raw === undefined || raw === null || String(raw) === '' ? variable.defaultValue : String(raw);
    if (value === null || value === '') {
      if (variable.isRequired) throw new ValidationFailure(`variables.${variable.variableName}`, 'is required');
      values.set(variable.variableName, '');
      continue;
    }
    checkValue(variable, value);
    values.set(variable.variableName, value);
  }
  return urlTemplate.replace(PLACEHOLDER, (_match, name: string) => encodeURIComponent(values.get(name) ?? ''));
}
