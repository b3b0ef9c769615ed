import { useState } from 'react';
import { DataTable, Empty, Field, fieldError, FormError, QueryView } from '../components';
import { formatDateTime } from '../format';
import { useHost } from '../host';
import { describeLoggedValue, SettingField, SettingsDraft, settingsInput, SettingsValues, toDraftValue } from '../settings-draft';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen } from './admin-kit';
import { SETTING_GROUPS, SETTINGS, SETTINGS_CHANGES, SettingsChange, UPDATE_SETTINGS } from './settings.queries';

const LABELS = new Map(SETTING_GROUPS.flatMap((group) => group.fields.map((field) => [field.key, `${field.label} (${group.title})`])));
const KEY_NAMES = `query ApiKeyNames { apiKeys { id name } }`;

/** Every workspace setting, grouped, each group saved on its own with the API's refusals beside their fields, and the log of who changed what. */
export function SettingsScreen() {
  const state = useQuery<{ settings: SettingsValues }>(SETTINGS);
  const changes = useQuery<{ settingsChanges: SettingsChange[] }>(SETTINGS_CHANGES);
  // Key names need the admin scope; without it the log shows the key's id.
  const keys = useQuery<{ apiKeys: { id: string; name: string }[] }>(KEY_NAMES);
  const keyName = (id: string | null) => (id === null ? 'the command line' : (keys.status === 'ready' && keys.data.apiKeys.find((key) => key.id === id)?.name) || `key ${id.slice(0, 8)}`);

  return (
    <AdminScreen id="settings" title="Settings" intro="Each group saves on its own; only the values you change are sent.">
      <QueryView state={state} loading="Loading settings…">
        {({ settings }) => (
          <>
            {SETTING_GROUPS.map((group) => (
              <SettingsGroup
                key={group.id}
                title={group.title}
                fields={group.fields}
                current={settings}
                onSaved={async () => {
                  await state.reload();
                  await changes.reload();
                }}
              />
            ))}
          </>
        )}
      </QueryView>
      <h3>Changes</h3>
      <QueryView state={changes} loading="Loading the settings log…">
        {({ settingsChanges }) =>
          settingsChanges.length === 0 ? (
            <Empty title="No setting changed yet" />
          ) : (
            <DataTable
              caption="Who changed which setting, newest first"
              rows={settingsChanges}
              rowKey={(change) => `${change.changedAt}-${change.field}`}
              columns={[
                { label: 'Setting', cell: (change) => LABELS.get(change.field) ?? change.field },
                { label: 'From', cell: (change) => describeLoggedValue(change.oldValue) },
                { label: 'To', cell: (change) => describeLoggedValue(change.newValue) },
                { label: 'By', cell: (change) => keyName(change.apiKeyId) },
                { label: 'When', cell: (change) => <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time> },
              ]}
            />
          )
        }
      </QueryView>
    </AdminScreen>
  );
}

function SettingsGroup({ title, fields, current, onSaved }: { title: string; fields: SettingField[]; current: SettingsValues; onSaved: () => Promise<void> }) {
  const { api, notify } = useHost();
  const initial = () => Object.fromEntries(fields.map((field) => [field.key, toDraftValue(field, current[field.key])]));
  const [draft, setDraft] = useState<SettingsDraft>(initial);
  const { submit, saving, error } = useSubmit(async () => {
    const input = settingsInput(fields, current, draft);
    if (Object.keys(input).length === 0) return notify(`${title}: nothing changed`, 'success');
    await api.request(UPDATE_SETTINGS, { input });
    notify(`${title} saved`, 'success');
    await onSaved();
  });
  const set = (key: string, value: string | boolean) => setDraft({ ...draft, [key]: value });

  return (
    <form className="tf-panel tf-form" aria-label={title} onSubmit={(event) => void submit(event)}>
      <h3>{title}</h3>
      <div className="tf-grid">
        {fields.map((field) =>
          field.kind === 'switch' ? (
            <label key={field.key} className="tf-check">
              <input type="checkbox" checked={Boolean(draft[field.key])} onChange={(event) => set(field.key, event.target.checked)} />
              {field.label}
            </label>
          ) : (
            <Field key={field.key} label={field.label} hint={field.hint} error={fieldError(error, field.key)}>
              {(props) =>
                field.kind === 'choice' ? (
                  <select {...props} className="tf-input" value={String(draft[field.key])} onChange={(event) => set(field.key, event.target.value)}>
                    {field.choices?.map((choice) => (
                      <option key={choice}>{choice}</option>
                    ))}
                  </select>
                ) : field.kind === 'ranges' || field.kind === 'longText' ? (
                  <textarea {...props} className="tf-input" rows={3} value={String(draft[field.key])} onChange={(event) => set(field.key, event.target.value)} />
                ) : (
                  <input
                    {...props}
                    className="tf-input"
                    type={field.kind === 'whole' || field.kind === 'days' ? 'number' : 'text'}
                    step={1}
                    readOnly={field.kind === 'readOnly'}
                    value={String(draft[field.key])}
                    onChange={(event) => set(field.key, event.target.value)}
                  />
                )
              }
            </Field>
          ),
        )}
      </div>
      <FormError error={error} fields={fields.map((field) => field.key)} />
      <div className="tf-form-actions">
        <button type="submit" className="tf-button tf-primary" disabled={saving}>
          {saving ? 'Saving…' : `Save ${title}`}
        </button>
      </div>
    </form>
  );
}
