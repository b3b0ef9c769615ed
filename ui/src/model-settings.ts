/**
 * Which settings each attribution model type takes, as `createAttributionModel` and
 * `updateAttributionModel` accept them, and the input the model form sends for a type. Settings of
 * other types are never sent: a model keeps them, and the API would validate them for nothing.
 */

/** The settings the form edits as text, named as the API names them (so a refusal lands under its field). */
export type ModelSettingsDraft = { timeDecayHalfLifeDays: string; positionBasedFirstWeight: string; positionBasedLastWeight: string; markovOrder: string; ignoreDirect: boolean };

export type ModelSettingField = { key: Exclude<keyof ModelSettingsDraft, 'ignoreDirect'>; label: string; hint: string; min: number; max?: number; step: number | 'any' };

const SHARE_HINT = 'A share of 1: 0.4 is 40 %; first and last add up to at most 1, the middle touches share the rest';

/** The numeric settings of each type; types not listed take none the form edits. */
export const MODEL_SETTING_FIELDS: Partial<Record<string, ModelSettingField[]>> = {
  TIME_DECAY: [{ key: 'timeDecayHalfLifeDays', label: 'Half-life (days)', hint: 'A touch this many days before the conversion counts half as much as one on the day', min: 0, step: 'any' }],
  POSITION_BASED: [
    { key: 'positionBasedFirstWeight', label: 'First touch share', hint: SHARE_HINT, min: 0, max: 1, step: 'any' },
    { key: 'positionBasedLastWeight', label: 'Last touch share', hint: SHARE_HINT, min: 0, max: 1, step: 'any' },
  ],
  U_SHAPED: [
    { key: 'positionBasedFirstWeight', label: 'First touch share', hint: 'A share of 1 for the first touch; the lead-creation touch takes the last share', min: 0, max: 1, step: 'any' },
    { key: 'positionBasedLastWeight', label: 'Lead creation share', hint: 'First and lead creation add up to at most 1, the other touches share the rest', min: 0, max: 1, step: 'any' },
  ],
  MARKOV: [{ key: 'markovOrder', label: 'Markov order', hint: 'How many previous channels a step remembers (1 to 3); changing it drops the fit', min: 1, max: 3, step: 1 }],
};

/** What a type's shares are when the model has no setting for them (read-only on the form). */
export const FIXED_SHARES: Partial<Record<string, string>> = {
  W_SHAPED: 'First touch, lead creation and opportunity creation 30 % each; the other touches share 10 %.',
  FULL_PATH: 'First touch, lead creation, opportunity creation and closed won 22.5 % each; the other touches share 10 %.',
  CUSTOM: 'Each channel rule of the model carries its weight: set it under Rules.',
  LINEAR: 'Every touch gets the same share.',
  FIRST_TOUCH: 'The first touch in the window gets all the credit.',
};

export const takesIgnoreDirect = (modelType: string): boolean => modelType === 'LAST_TOUCH';
export const isDataDriven = (modelType: string): boolean => modelType === 'MARKOV' || modelType === 'SHAPLEY';

export function settingsDraftOf(model: { timeDecayHalfLifeDays: number; positionBasedFirstWeight: number; positionBasedLastWeight: number; markovOrder: number; ignoreDirect: boolean } | null): ModelSettingsDraft {
  return {
    timeDecayHalfLifeDays: String(model?.timeDecayHalfLifeDays ?? 7),
    positionBasedFirstWeight: String(model?.positionBasedFirstWeight ?? 0.4),
    positionBasedLastWeight: String(model?.positionBasedLastWeight ?? 0.4),
    markovOrder: String(model?.markovOrder ?? 1),
    ignoreDirect: model?.ignoreDirect ?? false,
  };
}

/** The settings input of a type: its fields as numbers (the form's number inputs are required), nothing of other types. */
export function settingsInput(modelType: string, draft: ModelSettingsDraft): Record<string, number | boolean> {
  const input: Record<string, number | boolean> = {};
  for (const field of MODEL_SETTING_FIELDS[modelType] ?? []) input[field.key] = Number(draft[field.key].trim());
  if (takesIgnoreDirect(modelType)) input.ignoreDirect = draft.ignoreDirect;
  return input;
}

/** Every field a settings refusal may name, so the form shows it under that field rather than above the buttons. */
export const SETTING_ERROR_FIELDS = [...new Set(Object.values(MODEL_SETTING_FIELDS).flatMap((fields) => (fields ?? []).map((field) => field.key)))];
