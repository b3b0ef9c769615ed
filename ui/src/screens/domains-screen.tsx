import { useState } from 'react';
import { formatHeaderLines, parseHeaderLines } from '../admin-forms';
import { Badge, DataTable, Empty, Field, fieldError, FormActions, FormError, QueryView, TextField } from '../components';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, useAction } from './admin-kit';
import { CREATE_DOMAIN, DELETE_DOMAIN, Domain, DOMAINS, UPDATE_DOMAIN } from './domains.queries';

/** Short-link domains (settings scope): the primary one is where new links go; one that links use cannot be removed, as the API says. */
export function DomainsScreen() {
  const { api } = useHost();
  const run = useAction();
  const state = useQuery<{ domains: Domain[] }>(DOMAINS);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Domain | null>(null);

  return (
    <AdminScreen
      id="domains"
      title="Domains"
      intro="Point a domain's DNS at this server to shorten links on it; without one, links use the server's own address."
      actions={
        <button type="button" className="tf-button tf-primary" onClick={() => setAdding(true)}>
          Add domain
        </button>
      }
    >
      {adding && <DomainForm onDone={async (saved) => (setAdding(false), saved && (await state.reload()))} />}
      {editing && <HeadersForm key={editing.id} domain={editing} onDone={async (saved) => (setEditing(null), saved && (await state.reload()))} />}
      <QueryView state={state} loading="Loading domains…">
        {({ domains }) =>
          domains.length === 0 ? (
            <Empty title="No domains yet">Links are shortened on this server's own address.</Empty>
          ) : (
            <DataTable
              caption="Short-link domains"
              rows={domains}
              rowKey={(domain) => domain.id}
              columns={[
                { label: 'Domain', cell: (domain) => <span className="tf-break">{domain.domain}</span> },
                { label: 'Primary', cell: (domain) => (domain.isPrimary ? <Badge tone="blue">Primary</Badge> : '—') },
                { label: 'HTTPS', cell: (domain) => (domain.sslEnabled ? 'yes' : 'no') },
                {
                  label: 'Headers',
                  cell: (domain) =>
                    domain.headers.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="tf-list">
                        {domain.headers.map((header) => (
                          <li key={header.name} className="tf-break">
                            {header.name}: {header.value}
                          </li>
                        ))}
                      </ul>
                    ),
                },
              ]}
              actions={(domain) => (
                <>
                  <button type="button" className="tf-button" aria-label={`Headers of ${domain.domain}`} onClick={() => setEditing(domain)}>
                    Headers
                  </button>
                  {!domain.isPrimary && (
                    <button
                      type="button"
                      className="tf-button"
                      aria-label={`Make primary ${domain.domain}`}
                      onClick={() =>
                        void run(async () => {
                          await api.request(UPDATE_DOMAIN, { id: domain.id, input: { isPrimary: true } });
                          await state.reload();
                          return `New links now go on ${domain.domain}`;
                        })
                      }
                    >
                      Make primary
                    </button>
                  )}
                  <ConfirmButton
                    label="Remove"
                    subject={domain.domain}
                    confirmLabel="Remove for good"
                    onConfirm={() =>
                      run(async () => {
                        await api.request(DELETE_DOMAIN, { id: domain.id });
                        await state.reload();
                        return `${domain.domain} removed`;
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

function DomainForm({ onDone }: { onDone: (saved: boolean) => Promise<unknown> }) {
  const { api, notify } = useHost();
  const [domain, setDomain] = useState('');
  const [isPrimary, setPrimary] = useState(false);
  const [sslEnabled, setSsl] = useState(true);
  const [headers, setHeaders] = useState('');
  const { submit, saving, error } = useSubmit(async () => {
    const { createDomain } = await api.request<{ createDomain: Domain }>(CREATE_DOMAIN, { input: { domain: domain.trim(), isPrimary, sslEnabled, headers: parseHeaderLines(headers) } });
    notify(`${createDomain.domain} added`, 'success');
    await onDone(true);
  });
  return (
    <form className="tf-panel tf-form" aria-label="Add a domain" onSubmit={(event) => void submit(event)}>
      <h3>Add a domain</h3>
      <TextField label="Domain" error={fieldError(error, 'domain')} hint="A host name such as go.example.com" required value={domain} onChange={setDomain} autoFocus />
      <label className="tf-check">
        <input type="checkbox" checked={isPrimary} onChange={(event) => setPrimary(event.target.checked)} />
        Primary: new links go on this domain
      </label>
      <label className="tf-check">
        <input type="checkbox" checked={sslEnabled} onChange={(event) => setSsl(event.target.checked)} />
        Served over HTTPS
      </label>
      <HeadersField value={headers} onChange={setHeaders} error={error} />
      <FormError error={error} fields={['domain', 'headers']} />
      <FormActions submitLabel={saving ? 'Adding…' : 'Add domain'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}

function HeadersField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: Error | null }) {
  return (
    <Field label="Response headers" error={fieldError(error, 'headers')} hint="One a line, Name: value; sent with every redirect on this domain">
      {(props) => <textarea {...props} className="tf-input" rows={3} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/** A domain's response headers, replaced as a whole as the API does. */
function HeadersForm({ domain, onDone }: { domain: Domain; onDone: (saved: boolean) => Promise<unknown> }) {
  const { api, notify } = useHost();
  const [headers, setHeaders] = useState(() => formatHeaderLines(domain.headers));
  const label = `Headers of ${domain.domain}`;
  const { submit, saving, error } = useSubmit(async () => {
    await api.request(UPDATE_DOMAIN, { id: domain.id, input: { headers: parseHeaderLines(headers) } });
    notify(`Headers of ${domain.domain} saved`, 'success');
    await onDone(true);
  });
  return (
    <form className="tf-panel tf-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <h3>{label}</h3>
      <HeadersField value={headers} onChange={setHeaders} error={error} />
      <FormError error={error} fields={['headers']} />
      <FormActions submitLabel={saving ? 'Saving…' : 'Save headers'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}
