import { FILTERED_EXPLANATION, filteredSummary } from '../filtered-clicks';
import { useState } from 'react';
import { localInputToIso } from '../admin-forms';
import { Badge, Empty, Field, fieldError, FormActions, FormError, NumberCell, QueryView, Stat, TextField } from '../components';
import { suggestHttps } from '../destination-url';
import { conversionRate, formatCount, formatPercent, trafficShares } from '../format';
import { useHost } from '../host';
import {
  Campaign,
  CAMPAIGNS,
  CREATE_LINK_FROM_TEMPLATE,
  CREATE_LINK_VARIANT,
  CREATE_TRACKED_LINK,
  DELETE_LINK_VARIANT,
  LINK_TEMPLATES,
  LinkTemplate,
  LinkVariant,
  TRACKED_LINKS,
  TrackedLink,
  UPDATE_LINK_VARIANT,
  UPDATE_TRACKED_LINK,
} from '../queries';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { STATUS_TONES } from './campaigns-screen';

/** The server renders the QR of a short URL at <short URL>/qr.svg and /qr.png, public like the link itself. */
const qrUrl = (shortUrl: string, format: 'svg' | 'png') => `${shortUrl}/qr.${format}`;

/** A campaign's tracked links (every link when no campaign is given): copy, QR, counts, variants, pause and resume. */
export function LinksScreen({ campaign, onBack, onOpenLink }: { campaign: { id: string; name: string } | null; onBack?: () => void; onOpenLink?: (link: TrackedLink) => void }) {
  const state = useQuery<{ trackedLinks: TrackedLink[] }>(TRACKED_LINKS, { campaignId: campaign?.id ?? null });
  const campaignsState = useQuery<{ campaigns: Campaign[] }>(CAMPAIGNS);
  const campaigns = campaignsState.status === 'ready' ? campaignsState.data.campaigns : [];
  const [creating, setCreating] = useState<'scratch' | 'template' | null>(null);
  const title = campaign ? `Links of ${campaign.name}` : 'Tracked links';

  return (
    <section className="tf-screen" aria-labelledby="tf-links-title">
      <header className="tf-screen-header">
        {onBack && (
          <button type="button" className="tf-button" onClick={onBack} aria-label="Back to campaigns">
            ←
          </button>
        )}
        <h2 id="tf-links-title">{title}</h2>
        <div className="tf-header-actions">
          <button type="button" className="tf-button tf-primary" onClick={() => setCreating('scratch')}>
            New link
          </button>
          <button type="button" className="tf-button" onClick={() => setCreating('template')}>
            From template
          </button>
        </div>
      </header>
      {/* The new link may name a campaign made since the names were read. */}
      {creating === 'scratch' && <NewLinkForm campaignId={campaign?.id ?? null} onDone={async (saved) => (setCreating(null), saved && (await Promise.all([state.reload(), campaignsState.reload()])))} />}
      {creating === 'template' && <TemplateLinkForm campaignId={campaign?.id ?? null} onDone={async (saved) => (setCreating(null), saved && (await state.reload()))} />}
      <QueryView state={state} loading="Loading links…">
        {({ trackedLinks }) =>
          trackedLinks.length === 0 ? (
            <Empty title="No links yet">
              <p>Make a short link for each place you share this campaign: every click and scan is then counted.</p>
            </Empty>
          ) : (
            <ul className="tf-link-list" aria-label={title}>
              {trackedLinks.map((link) => (
                <LinkCard key={link.id} link={link} campaignName={campaign ? undefined : (campaigns.find((candidate) => candidate.id === link.campaignId)?.name ?? null)} onChanged={state.reload} onOpen={onOpenLink} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

/** `campaignName` is given on the list of every link (null: the link has none), left out under a campaign. */
function LinkCard({ link, campaignName, onChanged, onOpen }: { link: TrackedLink; campaignName?: string | null; onChanged: () => Promise<void>; onOpen?: (link: TrackedLink) => void }) {
  const { api, notify, copyText } = useHost();
  const [busy, setBusy] = useState(false);
  const [showVariants, setShowVariants] = useState(link.variants.length > 0);
  const name = link.title ?? link.shortCode;

  async function copy() {
    try {
      await copyText(link.shortUrl);
      notify(`Copied ${link.shortUrl}`, 'success');
    } catch {
      notify('Copying was refused by the browser: select the link and copy it by hand', 'error');
    }
  }

  async function setStatus(status: 'ACTIVE' | 'PAUSED') {
    setBusy(true);
    try {
      await api.request(UPDATE_TRACKED_LINK, { id: link.id, input: { status } });
      notify(status === 'PAUSED' ? `${name} paused: visitors see a paused page` : `${name} is live again`, 'success');
      await onChanged();
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="tf-panel tf-link-card" aria-label={name}>
      <div className="tf-link-main">
        <div className="tf-link-head">
          <h3>
            {onOpen ? (
              <button type="button" className="tf-link-button" onClick={() => onOpen(link)} aria-label={`${name}: analytics`}>
                {name}
              </button>
            ) : (
              name
            )}
          </h3>
          <Badge tone={STATUS_TONES[link.status]}>{link.status.charAt(0) + link.status.slice(1).toLowerCase()}</Badge>
        </div>
        <div className="tf-copy-row">
          <input className="tf-input tf-short-url" readOnly value={link.shortUrl} aria-label={`Short URL of ${name}`} onFocus={(event) => event.target.select()} />
          <button type="button" className="tf-button tf-primary" onClick={() => void copy()} aria-label={`Copy short URL of ${name}`}>
            Copy
          </button>
        </div>
        {campaignName !== undefined && (
          <p className="tf-destination">
            <span className="tf-muted">Campaign </span>
            {campaignName ?? <span className="tf-muted">none</span>}
          </p>
        )}
        <p className="tf-destination">
          <span className="tf-muted">to </span>
          <a href={link.destinationUrl} target="_blank" rel="noreferrer noopener">
            {link.destinationUrl}
          </a>
        </p>
        <div className="tf-stats">
          <Stat label="Clicks" value={formatCount(link.clickCount)} />
          <Stat label="Unique visitors" value={formatCount(link.uniqueVisitorCount)} />
          {filteredSummary(link.filteredClicks) && <Stat label="Filtered, not counted" value={formatCount(link.filteredClicks.bots + link.filteredClicks.internal)} />}
          <Stat label="Conversions" value={formatCount(link.conversionCount)} />
        </div>
        {filteredSummary(link.filteredClicks) && (
          <p className="tf-hint tf-filtered">
            {filteredSummary(link.filteredClicks)}. {FILTERED_EXPLANATION}
          </p>
        )}
        <div className="tf-link-actions">
          {link.status === 'ACTIVE' && (
            <button type="button" className="tf-button" disabled={busy} onClick={() => void setStatus('PAUSED')}>
              Pause
            </button>
          )}
          {link.status === 'PAUSED' && (
            <button type="button" className="tf-button" disabled={busy} onClick={() => void setStatus('ACTIVE')}>
              Resume
            </button>
          )}
          <button type="button" className="tf-button" aria-expanded={showVariants} onClick={() => setShowVariants(!showVariants)}>
            A/B variants ({link.variants.length})
          </button>
        </div>
      </div>
      <figure className="tf-qr">
        <img src={qrUrl(link.shortUrl, 'svg')} alt={`QR code for ${link.shortUrl}`} width={112} height={112} />
        <figcaption>
          <a href={qrUrl(link.shortUrl, 'svg')} download={`${link.shortCode}.svg`}>
            SVG
          </a>
          <a href={qrUrl(link.shortUrl, 'png')} download={`${link.shortCode}.png`}>
            PNG
          </a>
        </figcaption>
      </figure>
      {showVariants && <Variants link={link} onChanged={onChanged} />}
    </li>
  );
}

const VARIANT_FIELDS = ['variantName', 'destinationUrl', 'weight'] as const;
type VariantDraft = Record<(typeof VARIANT_FIELDS)[number], string>;
const NEW_VARIANT: VariantDraft = { variantName: '', destinationUrl: '', weight: '1' };

/** The variant form, for adding one and for editing one (its name, destination and weight). */
function VariantForm(props: { label: string; submitLabel: string; initial: VariantDraft; onSubmit: (input: { variantName: string; destinationUrl: string; weight: number }) => Promise<void>; onCancel?: () => void }) {
  const { label, submitLabel, initial, onSubmit, onCancel } = props;
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof VariantDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const { submit, saving, error } = useSubmit(async () => {
    await onSubmit({ variantName: draft.variantName.trim(), destinationUrl: draft.destinationUrl.trim(), weight: Number(draft.weight) });
    setDraft(initial);
  });

  return (
    <form className="tf-inline-form" onSubmit={(event) => void submit(event)} aria-label={label}>
      {onCancel && <h4 className="tf-inline-title">{label}</h4>}
      <Field label="Variant name" error={fieldError(error, 'variantName')}>
        {(fieldProps) => <input {...fieldProps} className="tf-input" required value={draft.variantName} onChange={set('variantName')} autoFocus={Boolean(onCancel)} />}
      </Field>
      <Field label="Destination" error={fieldError(error, 'destinationUrl')}>
        {(fieldProps) => <input {...fieldProps} className="tf-input" type="url" required value={draft.destinationUrl} onChange={set('destinationUrl')} />}
      </Field>
      <Field label="Weight" error={fieldError(error, 'weight')}>
        {(fieldProps) => <input {...fieldProps} className="tf-input tf-weight" type="number" min={0} step={1} required value={draft.weight} onChange={set('weight')} />}
      </Field>
      <FormError error={error} fields={VARIANT_FIELDS} />
      <button type="submit" className="tf-button" disabled={saving}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="tf-button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}

function Variants({ link, onChanged }: { link: TrackedLink; onChanged: () => Promise<void> }) {
  const { api, notify } = useHost();
  const [editing, setEditing] = useState<LinkVariant | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const shares = trafficShares(link.variants);
  const linkName = link.title ?? link.shortCode;

  async function setActive(variant: LinkVariant, active: boolean) {
    try {
      await api.request(UPDATE_LINK_VARIANT, { id: variant.id, input: { active } });
      await onChanged();
    } catch (failure) {
      notify((failure as Error).message, 'error');
    }
  }

  async function remove(variant: LinkVariant) {
    try {
      await api.request(DELETE_LINK_VARIANT, { id: variant.id });
      setDeleting(null);
      if (editing?.id === variant.id) setEditing(null);
      notify(`Variant ${variant.variantName} deleted: its visitors go to the other variants`, 'success');
      await onChanged();
    } catch (failure) {
      notify((failure as Error).message, 'error');
    }
  }

  return (
    <div className="tf-variants">
      {link.variants.length === 0 ? (
        <p className="tf-muted">No variants: every visitor goes to the link's destination.</p>
      ) : (
        <div className="tf-table-wrap">
          <table className="tf-table tf-cards-when-narrow">
            <caption className="tf-visually-hidden">A/B variants of {linkName}</caption>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col" className="tf-num">Weight</th>
                <th scope="col" className="tf-num">Traffic</th>
                <th scope="col" className="tf-num">Clicks</th>
                <th scope="col" className="tf-num">Conversions</th>
                <th scope="col" className="tf-num">Conv. rate</th>
                <th scope="col">Active</th>
                <th scope="col">
                  <span className="tf-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {link.variants.map((variant, index) => {
                const rate = conversionRate(variant.conversions, variant.clicks);
                return (
                  <tr key={variant.id}>
                    <th scope="row" data-label="Variant">
                      {variant.variantName}
                      <span className="tf-muted">{variant.destinationUrl}</span>
                    </th>
                    <NumberCell label="Weight">{formatCount(variant.weight)}</NumberCell>
                    <NumberCell label="Traffic">{formatPercent(shares[index])}</NumberCell>
                    <NumberCell label="Clicks">{formatCount(variant.clicks)}</NumberCell>
                    <NumberCell label="Conversions">{formatCount(variant.conversions)}</NumberCell>
                    <NumberCell label="Conv. rate">{rate === null ? '—' : formatPercent(rate)}</NumberCell>
                    <td data-label="Active">
                      <input type="checkbox" checked={variant.active} aria-label={`${variant.variantName} active`} onChange={(event) => void setActive(variant, event.target.checked)} />
                    </td>
                    <td className="tf-actions">
                      {deleting === variant.id ? (
                        <>
                          <button type="button" className="tf-button tf-danger" onClick={() => void remove(variant)} aria-label={`Confirm deleting variant ${variant.variantName}`}>
                            Delete for good
                          </button>
                          <button type="button" className="tf-button" onClick={() => setDeleting(null)} aria-label={`Keep variant ${variant.variantName}`} autoFocus>
                            Keep
                          </button>
                        </>
                      ) : (
                        <>
                          <button type="button" className="tf-button" onClick={() => setEditing(variant)} aria-label={`Edit variant ${variant.variantName}`}>
                            Edit
                          </button>
                          <button type="button" className="tf-button" onClick={() => setDeleting(variant.id)} aria-label={`Delete variant ${variant.variantName}`}>
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <VariantForm
          key={editing.id}
          label={`Edit variant ${editing.variantName}`}
          submitLabel="Save variant"
          initial={{ variantName: editing.variantName, destinationUrl: editing.destinationUrl, weight: String(editing.weight) }}
          onSubmit={async (input) => {
            await api.request(UPDATE_LINK_VARIANT, { id: editing.id, input });
            setEditing(null);
            notify(`Variant ${input.variantName} saved`, 'success');
            await onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <VariantForm
          label={`Add a variant to ${linkName}`}
          submitLabel="Add variant"
          initial={NEW_VARIANT}
          onSubmit={async (input) => {
            await api.request(CREATE_LINK_VARIANT, { input: { trackedLinkId: link.id, ...input } });
            notify(`Variant ${input.variantName} added`, 'success');
            await onChanged();
          }}
        />
      )}
    </div>
  );
}

const LINK_FIELDS = ['destinationUrl', 'title', 'source', 'medium', 'content', 'shortCode', 'fallbackUrl', 'expiryDate'] as const;
type LinkDraft = Record<(typeof LINK_FIELDS)[number], string>;

/** A URL field that offers https:// when it was typed without a scheme, applied with one click. */
function UrlField({ label, value, error, hint, required, onChange }: { label: string; value: string; error: string | null; hint?: string; required?: boolean; onChange: (value: string) => void }) {
  const suggestion = suggestHttps(value);
  return (
    <div>
      <TextField label={label} error={error} hint={hint} type="url" required={required} value={value} onChange={onChange} />
      {suggestion && (
        <p className="tf-hint tf-suggestion" role="status">
          Did you mean <span className="tf-break">{suggestion}</span>?{' '}
          <button type="button" className="tf-button" aria-label={`Use it: ${suggestion} as ${label}`} onClick={() => onChange(suggestion)}>
            Use it
          </button>
        </p>
      )}
    </div>
  );
}

export function NewLinkForm({ campaignId, onDone }: { campaignId: string | null; onDone: (saved: boolean) => Promise<unknown> }) {
  const { api, notify } = useHost();
  const campaignsState = useQuery<{ campaigns: Campaign[] }>(CAMPAIGNS);
  const campaigns = campaignsState.status === 'ready' ? campaignsState.data.campaigns : [];
  const [draft, setDraft] = useState<LinkDraft>({ destinationUrl: '', title: '', source: '', medium: '', content: '', shortCode: '', fallbackUrl: '', expiryDate: '' });
  const [chosenCampaign, setCampaign] = useState(campaignId ?? '');
  const { submit, saving, error } = useSubmit(async () => {
    const input: Record<string, unknown> = { campaignId: chosenCampaign || null };
    for (const key of LINK_FIELDS) if (draft[key].trim()) input[key] = draft[key].trim();
    if (draft.expiryDate) input.expiryDate = localInputToIso(draft.expiryDate);
    const { createTrackedLink } = await api.request<{ createTrackedLink: TrackedLink }>(CREATE_TRACKED_LINK, { input });
    notify(`Link ${createTrackedLink.shortUrl} created`, 'success');
    await onDone(true);
  });
  const set = (key: keyof LinkDraft) => (value: string) => setDraft({ ...draft, [key]: value });

  const text = (key: (typeof LINK_FIELDS)[number], label: string, options: { hint?: string } = {}) => <TextField label={label} error={fieldError(error, key)} hint={options.hint} value={draft[key]} onChange={set(key)} />;

  return (
    <form className="tf-panel tf-form" onSubmit={(event) => void submit(event)} aria-label="New tracked link">
      <h3>New tracked link</h3>
      <div className="tf-grid">
        <UrlField label="Destination URL" required value={draft.destinationUrl} error={fieldError(error, 'destinationUrl')} onChange={set('destinationUrl')} />
        {text('title', 'Title')}
        <Field label="Campaign" error={fieldError(error, 'campaignId')}>
          {(props) => (
            <select {...props} className="tf-input" value={chosenCampaign} onChange={(event) => setCampaign(event.target.value)}>
              <option value="">No campaign</option>
              {campaigns.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('source', 'Source (utm_source)')}
        {text('medium', 'Medium (utm_medium)')}
        {text('content', 'Content (utm_content)')}
        {text('shortCode', 'Short code', { hint: 'Leave empty for a generated one' })}
        <Field label="Expires" error={fieldError(error, 'expiryDate')} hint="Empty: never">
          {(props) => <input {...props} className="tf-input" type="datetime-local" value={draft.expiryDate} onChange={(event) => set('expiryDate')(event.target.value)} />}
        </Field>
        <UrlField label="Fallback URL" value={draft.fallbackUrl} error={fieldError(error, 'fallbackUrl')} hint="Where visitors go once the link is expired or paused" onChange={set('fallbackUrl')} />
      </div>
      <FormError error={error} fields={[...LINK_FIELDS, 'campaignId']} />
      <FormActions submitLabel={saving ? 'Creating…' : 'Create link'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}

function TemplateLinkForm({ campaignId, onDone }: { campaignId: string | null; onDone: (saved: boolean) => Promise<unknown> }) {
  const { api, notify } = useHost();
  const state = useQuery<{ linkTemplates: LinkTemplate[] }>(LINK_TEMPLATES);
  const [templateId, setTemplateId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const { submit, saving, error } = useSubmit(async (template: LinkTemplate) => {
    const variables: Record<string, string> = {};
    for (const variable of template.variables) if (values[variable.variableName]?.trim()) variables[variable.variableName] = values[variable.variableName].trim();
    const { createLinkFromTemplate } = await api.request<{ createLinkFromTemplate: TrackedLink }>(CREATE_LINK_FROM_TEMPLATE, { templateId: template.id, variables });
    // A template may belong to another campaign or none: the link is filed under the one on screen.
    if (campaignId && createLinkFromTemplate.campaignId !== campaignId) await api.request(UPDATE_TRACKED_LINK, { id: createLinkFromTemplate.id, input: { campaignId } });
    notify(`Link ${createLinkFromTemplate.shortUrl} created from ${template.templateName}`, 'success');
    await onDone(true);
  });

  return (
    <div className="tf-panel tf-form" role="group" aria-label="New link from a template">
      <h3>New link from a template</h3>
      <QueryView state={state} loading="Loading templates…">
        {({ linkTemplates }) => {
          const active = linkTemplates.filter((template) => template.isActive);
          if (active.length === 0)
            return (
              <Empty title="No link templates yet">
                <button type="button" className="tf-button" onClick={() => void onDone(false)}>
                  Close
                </button>
              </Empty>
            );
          const template = active.find((candidate) => candidate.id === templateId);
          return (
            <form onSubmit={(event) => template && void submit(event, template)}>
              <Field label="Template">
                {(props) => (
                  <select {...props} className="tf-input" required value={templateId} onChange={(event) => (setTemplateId(event.target.value), setValues({}))}>
                    <option value="">Choose a template…</option>
                    {active.map((candidate) => (
                      <option key={candidate.id} value={candidate.id}>
                        {candidate.templateName}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {template && (
                <>
                  <p className="tf-muted">{template.urlTemplate}</p>
                  <div className="tf-grid">
                    {template.variables.map((variable) => (
                      <Field key={variable.variableName} label={`${variable.variableName}${variable.isRequired ? ' *' : ''}`} hint={variable.description ?? undefined} error={fieldError(error, variable.variableName)}>
                        {(props) => (
                          <input
                            {...props}
                            className="tf-input"
                            required={variable.isRequired && !variable.defaultValue}
                            type={variable.variableType === 'NUMBER' ? 'number' : variable.variableType === 'DATE' ? 'date' : variable.variableType === 'URL' ? 'url' : 'text'}
                            placeholder={variable.defaultValue ?? undefined}
                            value={values[variable.variableName] ?? ''}
                            onChange={(event) => setValues({ ...values, [variable.variableName]: event.target.value })}
                          />
                        )}
                      </Field>
                    ))}
                  </div>
                </>
              )}
              <FormError error={error} fields={template?.variables.map((variable) => variable.variableName) ?? []} />
              <FormActions submitLabel={saving ? 'Creating…' : 'Create link'} disabled={!template || saving} onCancel={() => void onDone(false)} />
            </form>
          );
        }}
      </QueryView>
    </div>
  );
}
