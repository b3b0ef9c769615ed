import { useState } from 'react';
import { formatConditions, parseConditions } from '../channel-rule-text';
import { Badge, DataTable, Empty, Field, fieldError, FormActions, FormError, QueryView } from '../components';
import { formatCount, formatDate, formatDateTime } from '../format';
import { FIXED_SHARES, isDataDriven, MODEL_SETTING_FIELDS, SETTING_ERROR_FIELDS, settingsDraftOf, settingsInput, takesIgnoreDirect } from '../model-settings';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, useAction } from './admin-kit';
import {
  ATTRIBUTION_MODELS,
  AttributionModel,
  ChannelRule,
  CREATE_ATTRIBUTION_MODEL,
  CREATE_CHANNEL_RULE,
  DELETE_CHANNEL_RULE,
  FULL_PATH_WEIGHTS,
  MILESTONE_WEIGHT_LABELS,
  MilestoneWeights,
  MODEL_TYPES,
  PREVIEW_CHANNEL_RULES,
  PreviewTouch,
  SET_DEFAULT_ATTRIBUTION_MODEL,
  UPDATE_ATTRIBUTION_MODEL,
  UPDATE_CHANNEL_RULE,
} from './attribution-models.queries';

/** Attribution models (create, edit, make default) and each model's channel rules, previewed on recent touches before they are saved. */
export function AttributionModelsScreen() {
  const { api } = useHost();
  const run = useAction();
  const state = useQuery<{ attributionModels: AttributionModel[] }>(ATTRIBUTION_MODELS);
  const [editing, setEditing] = useState<AttributionModel | 'new' | null>(null);
  const [rulesOf, setRulesOf] = useState<string | null>(null);
  const done = async (saved: boolean) => {
    setEditing(null);
    if (saved) await state.reload();
  };

  return (
    <AdminScreen
      id="models"
      title="Attribution models"
      actions={
        <button type="button" className="tf-button tf-primary" onClick={() => setEditing('new')}>
          New model
        </button>
      }
    >
      {editing && <ModelForm key={editing === 'new' ? 'new' : editing.id} model={editing === 'new' ? null : editing} onDone={done} />}
      <QueryView state={state} loading="Loading attribution models…">
        {({ attributionModels }) => {
          const selected = attributionModels.find((model) => model.id === rulesOf);
          return (
            <>
              {attributionModels.length === 0 ? (
                <Empty title="No attribution models yet">Reports use last touch until you add one.</Empty>
              ) : (
                <DataTable
                  caption="Models"
                  rows={attributionModels}
                  rowKey={(model) => model.id}
                  columns={[
                    { label: 'Model', cell: (model) => <>{model.name}<span className="tf-muted">{model.modelType}</span></> },
                    { label: 'Status', cell: (model) => (model.isDefault ? <Badge tone="blue">Default</Badge> : model.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Off</Badge>) },
                    { label: 'Lookback', cell: (model) => (model.lookbackWindowDays === null ? 'workspace window' : `${model.lookbackWindowDays} days`) },
                    { label: 'Channel rules', cell: (model) => model.channelRules.length, num: true },
                  ]}
                  actions={(model) => (
                    <>
                      <button type="button" className="tf-button" onClick={() => setEditing(model)} aria-label={`Edit ${model.name}`}>
                        Edit
                      </button>
                      <button type="button" className="tf-button" aria-expanded={rulesOf === model.id} onClick={() => setRulesOf(rulesOf === model.id ? null : model.id)} aria-label={`Channel rules of ${model.name}`}>
                        Rules
                      </button>
                      {!model.isDefault && (
                        <button
                          type="button"
                          className="tf-button"
                          aria-label={`Make default: ${model.name}`}
                          onClick={() =>
                            void run(async () => {
                              await api.request(SET_DEFAULT_ATTRIBUTION_MODEL, { id: model.id });
                              await state.reload();
                              return `${model.name} is now the default model`;
                            })
                          }
                        >
                          Make default
                        </button>
                      )}
                    </>
                  )}
                />
              )}
              {selected && <ChannelRules key={selected.id} model={selected} onChanged={state.reload} />}
            </>
          );
        }}
      </QueryView>
    </AdminScreen>
  );
}

const MILESTONE_PARTS = Object.keys(MILESTONE_WEIGHT_LABELS) as (keyof MilestoneWeights)[];
// A sum other than 100 names `milestoneWeights` itself, which no input shows: it appears above the buttons.
const MODEL_FIELDS = ['name', 'modelType', 'lookbackWindowDays', 'description', 'ignoreDirect', ...SETTING_ERROR_FIELDS, ...MILESTONE_PARTS.map((part) => `milestoneWeights.${part}`)];

/** One form for a new model and for editing one: what every model type has, then the settings of the type chosen (the API refuses them out of range, naming them). */
function ModelForm({ model, onDone }: { model: AttributionModel | null; onDone: (saved: boolean) => Promise<void> }) {
  const { api, notify } = useHost();
  const [draft, setDraft] = useState({ name: model?.name ?? '', modelType: model?.modelType ?? 'LINEAR', lookbackWindowDays: model?.lookbackWindowDays?.toString() ?? '', description: model?.description ?? '' });
  const [milestones, setMilestones] = useState(() => Object.fromEntries(MILESTONE_PARTS.map((part) => [part, String((model?.milestoneWeights ?? FULL_PATH_WEIGHTS)[part])])) as Record<keyof MilestoneWeights, string>);
  const [settings, setSettings] = useState(() => settingsDraftOf(model));
  const customMilestones = draft.modelType === 'CUSTOM_MILESTONE';
  const label = model ? `Edit ${model.name}` : 'New attribution model';
  const { submit, saving, error } = useSubmit(async () => {
    const input = {
      name: draft.name.trim(),
      modelType: draft.modelType,
      lookbackWindowDays: draft.lookbackWindowDays.trim() === '' ? null : Number(draft.lookbackWindowDays),
      description: draft.description.trim() || null,
      ...settingsInput(draft.modelType, settings),
      ...(customMilestones ? { milestoneWeights: Object.fromEntries(MILESTONE_PARTS.map((part) => [part, Number(milestones[part])])) } : {}),
    };
    await (model ? api.request(UPDATE_ATTRIBUTION_MODEL, { id: model.id, input }) : api.request(CREATE_ATTRIBUTION_MODEL, { input }));
    notify(`Model ${input.name} saved`, 'success');
    await onDone(true);
  });
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  return (
    <form className="tf-panel tf-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <h3>{label}</h3>
      <div className="tf-grid">
        <Field label="Name" error={fieldError(error, 'name')}>
          {(props) => <input {...props} className="tf-input" required value={draft.name} onChange={set('name')} autoFocus />}
        </Field>
        <Field label="Type" error={fieldError(error, 'modelType')}>
          {(props) => (
            <select {...props} className="tf-input" value={draft.modelType} onChange={set('modelType')}>
              {MODEL_TYPES.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Lookback window (days)" error={fieldError(error, 'lookbackWindowDays')} hint="Empty: the workspace's attribution window">
          {(props) => <input {...props} className="tf-input" type="number" step={1} value={draft.lookbackWindowDays} onChange={set('lookbackWindowDays')} />}
        </Field>
        <Field label="Description" error={fieldError(error, 'description')}>
          {(props) => <input {...props} className="tf-input" value={draft.description} onChange={set('description')} />}
        </Field>
        {customMilestones &&
          MILESTONE_PARTS.map((part) => (
            <Field key={part} label={MILESTONE_WEIGHT_LABELS[part]} error={fieldError(error, `milestoneWeights.${part}`)} hint={part === 'spread' ? 'The five add up to 100' : undefined}>
              {(props) => <input {...props} className="tf-input" type="number" min={0} max={100} step="any" required value={milestones[part]} onChange={(event) => setMilestones({ ...milestones, [part]: event.target.value })} />}
            </Field>
          ))}
        {(MODEL_SETTING_FIELDS[draft.modelType] ?? []).map((field) => (
          <Field key={field.key} label={field.label} error={fieldError(error, field.key)} hint={field.hint}>
            {(props) => <input {...props} className="tf-input" type="number" min={field.min} max={field.max} step={field.step} required value={settings[field.key]} onChange={(event) => setSettings({ ...settings, [field.key]: event.target.value })} />}
          </Field>
        ))}
      </div>
      {takesIgnoreDirect(draft.modelType) && (
        <label className="tf-check">
          <input type="checkbox" checked={settings.ignoreDirect} onChange={(event) => setSettings({ ...settings, ignoreDirect: event.target.checked })} />
          Skip direct visits: credit the last touch that was not direct
        </label>
      )}
      {FIXED_SHARES[draft.modelType] && <p className="tf-muted">{FIXED_SHARES[draft.modelType]}</p>}
      {isDataDriven(draft.modelType) && <FitInfo model={model?.modelType === draft.modelType ? model : null} />}
      <FormError error={error} fields={MODEL_FIELDS} />
      <FormActions submitLabel={saving ? 'Saving…' : 'Save model'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}

/** A data-driven model learns its credits from the journeys of a period: when it was fitted, on how many, over which days. */
function FitInfo({ model }: { model: AttributionModel | null }) {
  if (!model?.fittedAt) return <p className="tf-muted">Not fitted yet: fit it on a period from the Attribution report (the server also refits data-driven models on its schedule).</p>;
  const journeys = model.fittedModel?.inputs?.journeys;
  return (
    <p className="tf-muted" role="status" aria-label={`Fit of ${model.name}`}>
      Fitted {formatDateTime(model.fittedAt)}
      {journeys !== undefined ? ` on ${formatCount(journeys)} journeys` : ''}
      {model.fitPeriodStart && model.fitPeriodEnd ? ` from ${formatDate(model.fitPeriodStart.slice(0, 10))} to ${formatDate(model.fitPeriodEnd.slice(0, 10))}` : ''}.
    </p>
  );
}

type RuleDraft = { id: string | null; key: string; name: string; channelName: string; priority: string; weight: string; isActive: boolean; conditions: string };

const toDraft = (rule: ChannelRule): RuleDraft => ({ id: rule.id, key: rule.id, name: rule.name, channelName: rule.channelName, priority: String(rule.priority), weight: String(rule.weight), isActive: rule.isActive, conditions: formatConditions(rule.matchConditions) });
const toInput = (draft: RuleDraft) => ({ name: draft.name.trim(), channelName: draft.channelName.trim(), priority: Number(draft.priority), weight: Number(draft.weight), isActive: draft.isActive, matchConditions: parseConditions(draft.conditions) });

function ChannelRules({ model, onChanged }: { model: AttributionModel; onChanged: () => Promise<void> }) {
  const { api, notify } = useHost();
  const [drafts, setDrafts] = useState<RuleDraft[]>(model.channelRules.map(toDraft));
  const [preview, setPreview] = useState<PreviewTouch[] | null>(null);
  const [error, setError] = useState<{ key: string; error: Error } | null>(null);
  const update = (key: string, change: Partial<RuleDraft>) => setDrafts(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));

  async function attempt(key: string, work: () => Promise<void>) {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError({ key, error: failure as Error });
    }
  }
  const save = (draft: RuleDraft) =>
    attempt(draft.key, async () => {
      await (draft.id ? api.request(UPDATE_CHANNEL_RULE, { id: draft.id, input: toInput(draft) }) : api.request(CREATE_CHANNEL_RULE, { input: { attributionModelId: model.id, ...toInput(draft) } }));
      notify(`Rule ${draft.name} saved`, 'success');
      await onChanged();
    });
  const runPreview = () => attempt('preview', async () => setPreview((await api.request<{ previewChannelRules: PreviewTouch[] }>(PREVIEW_CHANNEL_RULES, { rules: drafts.map(toInput) })).previewChannelRules));
  const errorOf = (key: string, field: string) => (error?.key === key ? fieldError(error.error, field) ?? (field === 'matchConditions' && /conditions/.test(error.error.message) ? error.error.message : null) : null);

  return (
    <div className="tf-panel tf-form" role="region" aria-label={`Channel rules of ${model.name}`}>
      <h3>Channel rules of {model.name}</h3>
      <p className="tf-muted tf-intro">Tried by priority, lowest first; the first rule whose conditions all match gives the channel, else the default grouping does. One condition a line: field (source, medium, campaign, content, term, referrer, referrer_host, tracked_link), operator (equals, in, prefix, regex), value.</p>
      {drafts.map((draft, index) => (
        <fieldset key={draft.key} className="tf-rule">
          <legend>{draft.name || `Rule ${index + 1}`}</legend>
          <div className="tf-grid">
            <Field label="Name" error={errorOf(draft.key, 'name')}>
              {(props) => <input {...props} className="tf-input" value={draft.name} onChange={(event) => update(draft.key, { name: event.target.value })} />}
            </Field>
            <Field label="Channel" error={errorOf(draft.key, 'channelName')}>
              {(props) => <input {...props} className="tf-input" value={draft.channelName} onChange={(event) => update(draft.key, { channelName: event.target.value })} />}
            </Field>
            <Field label="Priority" error={errorOf(draft.key, 'priority')}>
              {(props) => <input {...props} className="tf-input" type="number" step={1} value={draft.priority} onChange={(event) => update(draft.key, { priority: event.target.value })} />}
            </Field>
            {model.modelType === 'CUSTOM' && (
              <Field label="Weight" error={errorOf(draft.key, 'weight')} hint="A touch weighs its rule's weight (0 without a rule); a journey's credit is split in proportion">
                {(props) => <input {...props} className="tf-input" type="number" min={0} step="any" value={draft.weight} onChange={(event) => update(draft.key, { weight: event.target.value })} />}
              </Field>
            )}
            <Field label="Conditions" error={errorOf(draft.key, 'matchConditions')}>
              {(props) => <textarea {...props} className="tf-input" rows={2} value={draft.conditions} onChange={(event) => update(draft.key, { conditions: event.target.value })} />}
            </Field>
          </div>
          <div className="tf-form-actions">
            <label className="tf-check">
              <input type="checkbox" checked={draft.isActive} onChange={(event) => update(draft.key, { isActive: event.target.checked })} />
              Active
            </label>
            <button type="button" className="tf-button" onClick={() => void save(draft)} aria-label={`Save rule ${draft.name || index + 1}`}>
              Save rule
            </button>
            {draft.id ? (
              <ConfirmButton
                label="Delete"
                subject={`rule ${draft.name}`}
                confirmLabel="Delete for good"
                onConfirm={() =>
                  attempt(draft.key, async () => {
                    await api.request(DELETE_CHANNEL_RULE, { id: draft.id });
                    setDrafts(drafts.filter((item) => item.key !== draft.key));
                    await onChanged();
                  })
                }
              />
            ) : (
              <button type="button" className="tf-button" onClick={() => setDrafts(drafts.filter((item) => item.key !== draft.key))}>
                Discard
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <div className="tf-form-actions">
        <button type="button" className="tf-button" onClick={() => setDrafts([...drafts, { id: null, key: `new-${drafts.length}-${Date.now()}`, name: '', channelName: '', priority: '10', weight: '1', isActive: true, conditions: '' }])}>
          Add rule
        </button>
        <button type="button" className="tf-button tf-primary" onClick={() => void runPreview()}>
          Preview on recent touches
        </button>
      </div>
      {error && error.key === 'preview' && (
        <p className="tf-form-error" role="alert">
          {error.error.message}
        </p>
      )}
      {preview &&
        (preview.length === 0 ? (
          <Empty title="No touches yet to preview on" />
        ) : (
          <DataTable
            caption="Recent touches under these rules (not saved)"
            rows={preview}
            rowKey={(touch) => `${touch.at}-${touch.touchpointType}-${touch.source}-${touch.referrer}`}
            columns={[
              { label: 'Channel', cell: (touch) => <>{touch.channel}<span className="tf-muted">{touch.ruleName ? `rule ${touch.ruleName}` : 'default grouping'}</span></> },
              { label: 'Touch', cell: (touch) => `${touch.touchpointType}, ${formatDateTime(touch.at)}` },
              { label: 'Source / medium', cell: (touch) => `${touch.source ?? '—'} / ${touch.medium ?? '—'}` },
              { label: 'Referrer', cell: (touch) => <span className="tf-break">{touch.referrer ?? '—'}</span> },
            ]}
          />
        ))}
    </div>
  );
}
