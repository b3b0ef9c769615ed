import { changedEntries, formatRangeLines, parseRangeLines } from './admin-forms';

/** How a setting is edited: each kind has one control and one way between the API's value and the form's text. */
export type SettingKind = 'switch' | 'whole' | 'days' | 'text' | 'longText' | 'stages' | 'ranges' | 'choice' | 'readOnly';

export interface SettingField {
  key: string;
  label: string;
  kind: SettingKind;
  hint?: string;
  choices?: readonly string[];
}

export type SettingsValues = Record<string, unknown>;
export type SettingsDraft = Record<string, string | boolean>;

type IpRange = { ipRange: string; description: string | null };

/** The form's value of a setting as the API gives it. */
export function toDraftValue(field: SettingField, value: unknown): string | boolean {
  switch (field.kind) {
    case 'switch':
      return Boolean(value);
    case 'stages':
      return ((value as string[] | null) ?? []).join(', ');
    case 'ranges':
      return formatRangeLines(((value as IpRange[] | null) ?? []).map((range) => ({ cidr: range.ipRange, description: range.description })));
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

/**
 * The API's value of a form entry. Numbers are sent as typed so the API's own rule (range, whole
 * days) answers a bad one; an empty retention period goes back to the server's default (null).
 */
export function fromDraftValue(field: SettingField, draft: string | boolean): unknown {
  const text = typeof draft === 'string' ? draft.trim() : '';
  switch (field.kind) {
    case 'switch':
      return Boolean(draft);
    case 'whole':
    case 'days':
      return text === '' ? null : Number(text);
    case 'stages':
      return text.split(/[\s,]+/).filter(Boolean);
    case 'ranges':
      return parseRangeLines(text).map((range) => ({ ipRange: range.cidr, description: range.description }));
    case 'text':
    case 'longText':
      return text === '' ? null : text;
    default:
      return draft;
  }
}

/** The UpdateSettingsInput of a group's form: only the settings whose value the user changed. */
export function settingsInput(fields: readonly SettingField[], current: SettingsValues, draft: SettingsDraft): Record<string, unknown> {
  const editable = fields.filter((field) => field.kind !== 'readOnly');
  const before = Object.fromEntries(editable.map((field) => [field.key, fromDraftValue(field, toDraftValue(field, current[field.key]))]));
  const after = Object.fromEntries(editable.map((field) => [field.key, fromDraftValue(field, draft[field.key] ?? toDraftValue(field, current[field.key]))]));
  return changedEntries(before, after);
}

/** How the settings log shows a stored value (JSON text): lists joined, null as "not set". */
export function describeLoggedValue(json: string | null): string {
  if (json === null) return 'not set';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null) return 'not set';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => (typeof item === 'object' && item !== null ? Object.values(item).filter(Boolean).join(' ') : String(item))).join(', ');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}
