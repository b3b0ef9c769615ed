import { useState } from 'react';
import { Badge, DataTable, Empty, Field, fieldError, FormActions, FormError, QueryView, TextField } from '../components';
import { useHost } from '../host';
import { VariableDraft, variableInput, variablesFor, VariableType } from '../template-variables';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, useAction } from './admin-kit';
import { ADMIN_LINK_TEMPLATES, AdminLinkTemplate, CREATE_LINK_TEMPLATE, DELETE_LINK_TEMPLATE, UPDATE_LINK_TEMPLATE } from './link-templates.queries';

const TYPES: VariableType[] = ['TEXT', 'NUMBER', 'DATE', 'URL', 'SELECT'];
const TEMPLATE_FIELDS = ['templateName', 'urlTemplate', 'description', 'source', 'medium', 'variables'] as const;

/** Link templates (links scope): a destination with {variables} that "From template" in Links fills in. */
export function LinkTemplatesScreen() {
  const { api } = useHost();
  const run = useAction();
  const state = useQuery<{ linkTemplates: AdminLinkTemplate[] }>(ADMIN_LINK_TEMPLATES);
  const [editing, setEditing] = useState<AdminLinkTemplate | 'new' | null>(null);

  return (
    <AdminScreen
      id="link-templates"
      title="Link templates"
      intro="Write the destination once with {placeholders}; each link made from it fills them in (Links → From template)."
      actions={
        <button type="button" className="tf-button tf-primary" onClick={() => setEditing('new')}>
          New template
        </button>
      }
    >
      {editing && (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await state.reload();
          }}
        />
      )}
      <QueryView state={state} loading="Loading link templates…">
        {({ linkTemplates }) =>
          linkTemplates.length === 0 ? (
            <Empty title="No link templates yet">Make one for links you create often, such as one per product or per newsletter issue.</Empty>
          ) : (
            <DataTable
              caption="Link templates"
              rows={linkTemplates}
              rowKey={(template) => template.id}
              columns={[
                { label: 'Template', cell: (template) => <>{template.templateName}{template.description && <span className="tf-muted">{template.description}</span>}</> },
                { label: 'Destination', cell: (template) => <span className="tf-break">{template.urlTemplate}</span> },
                { label: 'Variables', cell: (template) => template.variables.map((variable) => variable.variableName).join(', ') || '—' },
                { label: 'Status', cell: (template) => (template.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Off</Badge>) },
              ]}
              actions={(template) => (
                <>
                  <button type="button" className="tf-button" aria-label={`Edit ${template.templateName}`} onClick={() => setEditing(template)}>
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    subject={template.templateName}
                    confirmLabel="Delete for good"
                    onConfirm={() =>
                      run(async () => {
                        await api.request(DELETE_LINK_TEMPLATE, { id: template.id });
                        await state.reload();
                        return `Template ${template.templateName} deleted; links made from it stay`;
                      })
                    }
                  />
                </>
              )}
            />
          )
        }
      </QueryView>
    </AdminScreen>
  );
}

function TemplateForm({ template, onDone }: { template: AdminLinkTemplate | null; onDone: (saved: boolean) => Promise<void> }) {
  const { api, notify } = useHost();
  const [draft, setDraft] = useState({
    templateName: template?.templateName ?? '',
    urlTemplate: template?.urlTemplate ?? '',
    description: template?.description ?? '',
    source: template?.source ?? '',
    medium: template?.medium ?? '',
    isActive: template?.isActive ?? true,
  });
  const [variables, setVariables] = useState<VariableDraft[]>(
    template?.variables.map((variable) => ({ ...variable, defaultValue: variable.defaultValue ?? '', options: variable.validationRules?.options?.join(', ') ?? '' })) ?? [],
  );
  const shown = variablesFor(draft.urlTemplate, variables);
  const label = template ? `Edit template ${template.templateName}` : 'New link template';
  const { submit, saving, error } = useSubmit(async () => {
    const text = (value: string) => value.trim() || null;
    const input = { ...draft, templateName: draft.templateName.trim(), urlTemplate: draft.urlTemplate.trim(), description: text(draft.description), source: text(draft.source), medium: text(draft.medium), variables: shown.map(variableInput) };
    if (template) await api.request(UPDATE_LINK_TEMPLATE, { id: template.id, input });
    else await api.request(CREATE_LINK_TEMPLATE, { input });
    notify(`Template ${input.templateName} saved`, 'success');
    await onDone(true);
  });
  const set = (key: 'templateName' | 'urlTemplate' | 'description' | 'source' | 'medium') => (value: string) => setDraft({ ...draft, [key]: value });
  const change = (name: string, patch: Partial<VariableDraft>) => setVariables(shown.map((variable) => (variable.variableName === name ? { ...variable, ...patch } : variable)));

  return (
    <form className="tf-panel tf-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <h3>{label}</h3>
      <div className="tf-grid">
        <TextField label="Name" error={fieldError(error, 'templateName')} required value={draft.templateName} onChange={set('templateName')} autoFocus />
        <TextField label="Description" error={fieldError(error, 'description')} value={draft.description} onChange={set('description')} />
        <TextField label="Source (utm_source)" error={fieldError(error, 'source')} value={draft.source} onChange={set('source')} />
        <TextField label="Medium (utm_medium)" error={fieldError(error, 'medium')} value={draft.medium} onChange={set('medium')} />
      </div>
      <TextField label="Destination template" error={fieldError(error, 'urlTemplate')} hint="e.g. https://shop.example.com/{product}?week={week}" required value={draft.urlTemplate} onChange={set('urlTemplate')} />
      <fieldset className="tf-rule">
        <legend>Variables</legend>
        {shown.length === 0 && <p className="tf-muted">Write a {'{placeholder}'} in the destination to add a variable.</p>}
        {shown.map((variable) => (
          <div key={variable.variableName} className="tf-inline-form" role="group" aria-label={`Variable ${variable.variableName}`}>
            <strong className="tf-inline-title">{`{${variable.variableName}}`}</strong>
            <Field label="Type">
              {(props) => (
                <select {...props} className="tf-input" value={variable.variableType} onChange={(event) => change(variable.variableName, { variableType: event.target.value as VariableType })}>
                  {TYPES.map((type) => (
                    <option key={type}>{type}</option>
                  ))}
                </select>
              )}
            </Field>
            <TextField label="Default" value={variable.defaultValue} onChange={(defaultValue) => change(variable.variableName, { defaultValue })} />
            {variable.variableType === 'SELECT' && <TextField label="Choices" hint="Comma separated" value={variable.options} onChange={(options) => change(variable.variableName, { options })} />}
            <label className="tf-check">
              <input type="checkbox" checked={variable.isRequired} onChange={(event) => change(variable.variableName, { isRequired: event.target.checked })} />
              Required
            </label>
          </div>
        ))}
        {fieldError(error, 'variables') && <span className="tf-field-error">{fieldError(error, 'variables')}</span>}
      </fieldset>
      <label className="tf-check">
        <input type="checkbox" checked={draft.isActive} onChange={(event) => setDraft({ ...draft, isActive: event.target.checked })} />
        Offered in “From template”
      </label>
      <FormError error={error} fields={TEMPLATE_FIELDS} />
      <FormActions submitLabel={saving ? 'Saving…' : 'Save template'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}
