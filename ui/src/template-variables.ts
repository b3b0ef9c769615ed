/** Pure helpers of the link template form: the variables a URL template names, each with its settings kept while the URL is edited. */

export type VariableType = 'TEXT' | 'NUMBER' | 'DATE' | 'URL' | 'SELECT';

export interface VariableDraft {
  variableName: string;
  variableType: VariableType;
  defaultValue: string;
  isRequired: boolean;
  /** SELECT choices, comma separated as typed. */
  options: string;
}

/** The API's placeholder rule (src/links/url-template.util.ts): {name}, a letter or _ then letters, digits or _. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]{0,63})\}/g;

export const placeholdersOf = (urlTemplate: string): string[] => [...new Set([...urlTemplate.matchAll(PLACEHOLDER)].map((match) => match[1]))];

/** One variable per placeholder, in the template's order; a variable already set up keeps its settings, a new one is a required text. */
export function variablesFor(urlTemplate: string, current: readonly VariableDraft[]): VariableDraft[] {
  return placeholdersOf(urlTemplate).map((name) => current.find((variable) => variable.variableName === name) ?? { variableName: name, variableType: 'TEXT', defaultValue: '', isRequired: true, options: '' });
}

/** A draft as the API's TemplateVariableInput; only SELECT sends its options. */
export function variableInput(draft: VariableDraft): { variableName: string; variableType: VariableType; defaultValue: string | null; isRequired: boolean; validationRules: { options: string[] } | null } {
  const options = draft.options.split(',').map((option) => option.trim()).filter(Boolean);
  return {
    variableName: draft.variableName,
    variableType: draft.variableType,
    defaultValue: draft.defaultValue.trim() || null,
    isRequired: draft.isRequired,
    validationRules: draft.variableType === 'SELECT' ? { options } : null,
  };
}
