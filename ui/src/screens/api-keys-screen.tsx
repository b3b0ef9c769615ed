import { useState } from 'react';
import { formatRangeLines, isoToLocalInput, localInputToIso, parseRangeLines } from '../admin-forms';
import { Badge, DataTable, Empty, Field, fieldError, FormActions, FormError, QueryView } from '../components';
import { formatDateTime } from '../format';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, SecretOnce, useAction } from './admin-kit';
import { API_KEYS, ApiKey, CREATE_API_KEY, IssuedApiKey, REVOKE_API_KEY, ROLES, ROTATE_API_KEY, SCOPES, SET_API_KEY_EXPIRY, SET_API_KEY_IP_ALLOW_LIST } from './api-keys.queries';

const status = (key: ApiKey) => (key.revokedAt ? <Badge tone="red">Revoked</Badge> : key.active ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Expired</Badge>);
const toRanges = (text: string) => parseRangeLines(text).map(({ cidr, description }) => ({ cidr, description }));

/** API keys of the workspace (admin scope): issue one with its secret shown once, rotate, revoke, and set where and until when it works. */
export function ApiKeysScreen() {
  const { api } = useHost();
  const run = useAction();
  const state = useQuery<{ apiKeys: ApiKey[] }>(API_KEYS);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ApiKey | null>(null);
  const [issued, setIssued] = useState<{ title: string; secret: string } | null>(null);

  return (
    <AdminScreen
      id="api-keys"
      title="API keys"
      intro="A key signs in to this dashboard and to the API; only its hash is kept."
      actions={
        <button type="button" className="tf-button tf-primary" onClick={() => (setCreating(true), setIssued(null))}>
          New API key
        </button>
      }
    >
      {issued && <SecretOnce title={issued.title} secret={issued.secret} onDone={() => setIssued(null)} />}
      {creating && (
        <NewKeyForm
          onDone={async (created) => {
            setCreating(false);
            if (created) {
              setIssued({ title: `New key ${created.apiKey.name}`, secret: created.secret });
              await state.reload();
            }
          }}
        />
      )}
      {editing && (
        <AccessForm
          key={editing.id}
          apiKey={editing}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await state.reload();
          }}
        />
      )}
      <QueryView state={state} loading="Loading API keys…">
        {({ apiKeys }) =>
          apiKeys.length === 0 ? (
            <Empty title="No API keys" />
          ) : (
            <DataTable
              caption="API keys of this workspace"
              rows={apiKeys}
              rowKey={(key) => key.id}
              columns={[
                { label: 'Key', cell: (key) => <>{key.name}<span className="tf-muted">{`${key.keyPrefix}…${key.keyLast4}`}</span></> },
                { label: 'Status', cell: status },
                { label: 'Scopes', cell: (key) => key.scopes.join(', ') },
                { label: 'Allowed from', cell: (key) => (key.ipAllowList.length === 0 ? 'anywhere' : key.ipAllowList.map((range) => range.cidr).join(', ')) },
                { label: 'Expires', cell: (key) => (key.expiresAt ? formatDateTime(key.expiresAt) : 'never') },
                { label: 'Last used', cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never') },
                { label: 'Requests', cell: (key) => key.usageCount, num: true },
              ]}
              actions={(key) =>
                key.active && (
                  <>
                    <button type="button" className="tf-button" onClick={() => setEditing(key)} aria-label={`Access of ${key.name}`}>
                      Access
                    </button>
                    <ConfirmButton
                      label="Rotate"
                      subject={key.name}
                      confirmLabel="New secret"
                      onConfirm={() =>
                        run(async () => {
                          const { rotateApiKey } = await api.request<{ rotateApiKey: IssuedApiKey }>(ROTATE_API_KEY, { input: { id: key.id } });
                          setIssued({ title: `New secret of ${key.name}`, secret: rotateApiKey.secret });
                          await state.reload();
                          return `${key.name} rotated: the old secret works for one more day`;
                        })
                      }
                    />
                    <ConfirmButton
                      label="Revoke"
                      subject={key.name}
                      confirmLabel="Revoke now"
                      onConfirm={() =>
                        run(async () => {
                          await api.request(REVOKE_API_KEY, { id: key.id });
                          await state.reload();
                          return `${key.name} revoked: it no longer signs in, and its webhooks stop`;
                        })
                      }
                    />
                  </>
                )
              }
            />
          )
        }
      </QueryView>
    </AdminScreen>
  );
}

const KEY_FORM_FIELDS = ['name', 'role', 'scopes', 'expiresAt', 'ipAllowList'] as const;

function NewKeyForm({ onDone }: { onDone: (created: IssuedApiKey | null) => Promise<void> }) {
  const { api } = useHost();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiresAt, setExpiresAt] = useState('');
  const [ranges, setRanges] = useState('');
  const { submit, saving, error } = useSubmit(async () => {
    const input = { name, role: role || null, scopes, expiresAt: localInputToIso(expiresAt), ipAllowList: toRanges(ranges) };
    const { createApiKey } = await api.request<{ createApiKey: IssuedApiKey }>(CREATE_API_KEY, { input });
    await onDone(createApiKey);
  });

  return (
    <form className="tf-panel tf-form" aria-label="New API key" onSubmit={(event) => void submit(event)}>
      <h3>New API key</h3>
      <div className="tf-grid">
        <Field label="Name" error={fieldError(error, 'name')}>
          {(props) => <input {...props} className="tf-input" required value={name} onChange={(event) => setName(event.target.value)} autoFocus />}
        </Field>
        <Field label="Role" error={fieldError(error, 'role')} hint="Its scopes are added to those ticked below">
          {(props) => (
            <select {...props} className="tf-input" value={role} onChange={(event) => setRole(event.target.value)}>
              <option value="">No role</option>
              {ROLES.map((item) => (
                <option key={item.value} value={item.value}>
                  {item.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AccessFields error={error} expiresAt={expiresAt} setExpiresAt={setExpiresAt} ranges={ranges} setRanges={setRanges} />
      </div>
      <fieldset className="tf-checks" aria-describedby={fieldError(error, 'scopes') ? 'tf-scopes-error' : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map((scope) => (
          <label key={scope} className="tf-check">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((item) => item !== scope))} />
            {scope === '*' ? '* (everything)' : scope}
          </label>
        ))}
      </fieldset>
      {fieldError(error, 'scopes') && (
        <p id="tf-scopes-error" className="tf-field-error">
          {fieldError(error, 'scopes')}
        </p>
      )}
      <FormError error={error} fields={KEY_FORM_FIELDS} />
      <FormActions submitLabel={saving ? 'Creating…' : 'Create key'} disabled={saving} onCancel={() => void onDone(null)} />
    </form>
  );
}

function AccessForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: (saved: boolean) => Promise<void> }) {
  const { api, notify } = useHost();
  const [expiresAt, setExpiresAt] = useState(isoToLocalInput(apiKey.expiresAt));
  const [ranges, setRanges] = useState(formatRangeLines(apiKey.ipAllowList));
  const { submit, saving, error } = useSubmit(async () => {
    if (expiresAt !== isoToLocalInput(apiKey.expiresAt)) await api.request(SET_API_KEY_EXPIRY, { id: apiKey.id, expiresAt: localInputToIso(expiresAt) });
    if (ranges.trim() !== formatRangeLines(apiKey.ipAllowList)) await api.request(SET_API_KEY_IP_ALLOW_LIST, { id: apiKey.id, ranges: toRanges(ranges) });
    notify(`Access of ${apiKey.name} saved`, 'success');
    await onDone(true);
  });
  const label = `Access of ${apiKey.name}`;
  return (
    <form className="tf-panel tf-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <h3>{label}</h3>
      <div className="tf-grid">
        <AccessFields error={error} expiresAt={expiresAt} setExpiresAt={setExpiresAt} ranges={ranges} setRanges={setRanges} />
      </div>
      <FormError error={error} fields={['expiresAt', 'ipAllowList']} />
      <FormActions submitLabel={saving ? 'Saving…' : 'Save access'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}

/** Where and until when a key works: the same two fields when issuing a key and when changing its access. */
function AccessFields(props: { error: Error | null; expiresAt: string; setExpiresAt: (value: string) => void; ranges: string; setRanges: (value: string) => void }) {
  const { error, expiresAt, setExpiresAt, ranges, setRanges } = props;
  return (
    <>
      <Field label="Expires" error={fieldError(error, 'expiresAt')} hint="Empty: never">
        {(field) => <input {...field} className="tf-input" type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />}
      </Field>
      <Field label="IP allow-list" error={fieldError(error, 'ipAllowList')} hint="One a line: CIDR or address, then an optional description; empty allows any">
        {(field) => <textarea {...field} className="tf-input" rows={2} value={ranges} onChange={(event) => setRanges(event.target.value)} />}
      </Field>
    </>
  );
}
