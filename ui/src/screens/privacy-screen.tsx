import { useState } from 'react';
import { Empty, Field, fieldError, FormError, TextField } from '../components';
import { describeParts, exportCounts, exportFileName, SUBJECT_KINDS, SubjectKind } from '../data-subject';
import { useHost } from '../host';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, useAction } from './admin-kit';
import { ERASE_VISITOR_DATA, ErasureResult, EXPORT_VISITOR_DATA } from './privacy.queries';

interface Found {
  kind: SubjectKind;
  value: string;
  exported: Record<string, unknown>;
  held: string[];
}

/** Hands the export to the browser as a file: the data never goes anywhere but the user's disk. */
function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Privacy requests (privacy scopes): look a person up, download what TrackFlow holds of them, or erase it after a step that names what goes. */
export function PrivacyScreen() {
  const { api } = useHost();
  const run = useAction();
  const [kind, setKind] = useState<SubjectKind>('email');
  const [value, setValue] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const { submit, saving, error } = useSubmit(async () => {
    setFound(null);
    const subject = { [kind]: value.trim() };
    const { exportVisitorData } = await api.request<{ exportVisitorData: Record<string, unknown> }>(EXPORT_VISITOR_DATA, { subject });
    setFound({ kind, value: value.trim(), exported: exportVisitorData, held: describeParts(exportCounts(exportVisitorData)) });
  });
  const kindLabel = SUBJECT_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;

  return (
    <AdminScreen id="privacy" title="Privacy requests" intro="Answer a person's request to see or delete their data. Erasure is logged under a hash, never under who was erased.">
      <form className="tf-panel tf-form" aria-label="Find a person's data" onSubmit={(event) => void submit(event)}>
        <div className="tf-grid">
          <Field label="Find by">
            {(props) => (
              <select {...props} className="tf-input" value={kind} onChange={(event) => (setKind(event.target.value as SubjectKind), setFound(null))}>
                {SUBJECT_KINDS.map((entry) => (
                  <option key={entry.kind} value={entry.kind}>
                    {entry.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField label={kindLabel} error={fieldError(error, kind)} required value={value} onChange={(typed) => (setValue(typed), setFound(null))} />
        </div>
        <FormError error={error} fields={[kind]} />
        <div className="tf-form-actions">
          <button type="submit" className="tf-button tf-primary" disabled={saving}>
            {saving ? 'Looking…' : 'Look up'}
          </button>
        </div>
      </form>
      {found &&
        (found.held.length === 0 ? (
          <Empty title={`TrackFlow holds nothing about ${found.value}`}>Nothing to export or erase.</Empty>
        ) : (
          <div className="tf-panel tf-form" role="region" aria-label={`Data held about ${found.value}`}>
            <h3>Data held about {found.value}</h3>
            <ul>
              {found.held.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="tf-muted">Erasing deletes all of the above and clears the trackflow fields of their Twenty person. Deals stay (the company's), without naming them; link and campaign counts stay, as they name no one.</p>
            <div className="tf-form-actions">
              <button type="button" className="tf-button" onClick={() => download(exportFileName(found.kind, new Date().toISOString()), found.exported)}>
                Download export
              </button>
              <ConfirmButton
                label="Erase"
                subject={`the data of ${found.value}`}
                confirmLabel={`Erase ${found.held.join(', ')}`}
                onConfirm={() =>
                  run(async () => {
                    const { eraseVisitorData } = await api.request<{ eraseVisitorData: ErasureResult }>(ERASE_VISITOR_DATA, { subject: { [found.kind]: found.value } });
                    setFound({ ...found, exported: {}, held: [] });
                    return `Erased ${describeParts(eraseVisitorData.deleted).join(', ') || 'nothing'}`;
                  })
                }
              />
            </div>
          </div>
        ))}
    </AdminScreen>
  );
}
