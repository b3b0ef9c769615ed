import { FILTERED_EXPLANATION, filteredSummary } from '../filtered-clicks';
import { Fragment, useMemo, useState } from 'react';
import { CampaignClicksChart } from '../clicks-chart';
import { Badge, Empty, Field, fieldError, FormActions, FormError, NumberCell, QueryView } from '../components';
import { formatCount, formatDate, formatMoney, formatRoi } from '../format';
import { useHost } from '../host';
import { Campaign, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, CAMPAIGNS, CampaignStatus, CampaignType, CREATE_CAMPAIGN, UPDATE_CAMPAIGN } from '../queries';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';

/** Ascending by a figure; a campaign without one (no budget, no cost, no ROI yet) comes first. */
const byFigure =
  (figure: (campaign: Campaign) => number | string | null) =>
  (a: Campaign, b: Campaign): number => {
    const [x, y] = [figure(a), figure(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
    return Number(x) - Number(y);
  };

const SORTS = {
  name: { label: 'Name', compare: (a: Campaign, b: Campaign) => a.name.localeCompare(b.name) },
  startDate: { label: 'Start date', compare: (a: Campaign, b: Campaign) => (a.startDate ?? '').localeCompare(b.startDate ?? '') },
  budget: { label: 'Budget', compare: byFigure((campaign) => campaign.budget) },
  totalClicks: { label: 'Clicks', compare: byFigure((campaign) => campaign.totalClicks) },
  uniqueVisitors: { label: 'Visitors', compare: byFigure((campaign) => campaign.uniqueVisitors) },
  conversions: { label: 'Conversions', compare: byFigure((campaign) => campaign.conversions) },
  revenue: { label: 'Revenue', compare: byFigure((campaign) => campaign.revenue) },
  cost: { label: 'Cost', compare: byFigure((campaign) => campaign.cost) },
  roi: { label: 'ROI', compare: byFigure((campaign) => campaign.roiPercentage) },
} as const;
type SortKey = keyof typeof SORTS;

export const STATUS_TONES: Record<string, 'green' | 'grey' | 'amber' | 'red' | 'blue'> = {
  ACTIVE: 'green',
  DRAFT: 'blue',
  PAUSED: 'amber',
  COMPLETED: 'grey',
  ARCHIVED: 'grey',
  EXPIRED: 'red',
};

const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** Campaigns with their reach and results; sorted, filtered, created and edited in place. */
export function CampaignsScreen({ onOpenCampaign, onOpenConversions }: { onOpenCampaign: (campaign: Campaign) => void; onOpenConversions?: (campaign: Campaign) => void }) {
  const state = useQuery<{ campaigns: Campaign[] }>(CAMPAIGNS);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const [sort, setSort] = useState<SortKey>('startDate');
  const [descending, setDescending] = useState(true);
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);

  return (
    <section className="tf-screen" aria-labelledby="tf-campaigns-title">
      <header className="tf-screen-header">
        <h2 id="tf-campaigns-title">Campaigns</h2>
        <button type="button" className="tf-button tf-primary" onClick={() => setEditing('new')}>
          New campaign
        </button>
      </header>
      {editing && (
        <CampaignForm
          campaign={editing === 'new' ? null : editing}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await state.reload();
          }}
        />
      )}
      <div className="tf-toolbar" role="search">
        <input type="search" className="tf-input" aria-label="Filter campaigns by name, source or medium" placeholder="Filter…" value={search} onChange={(event) => setSearch(event.target.value)} />
        <select className="tf-input" aria-label="Status" value={status} onChange={(event) => setStatus(event.target.value as CampaignStatus | '')}>
          <option value="">All statuses</option>
          {CAMPAIGN_STATUSES.map((value) => (
            <option key={value} value={value}>
              {label(value)}
            </option>
          ))}
        </select>
        <select className="tf-input" aria-label="Sort by" value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
          {Object.entries(SORTS).map(([key, { label: name }]) => (
            <option key={key} value={key}>
              Sort: {name}
            </option>
          ))}
        </select>
        <button type="button" className="tf-button" aria-label={descending ? 'Descending: switch to ascending' : 'Ascending: switch to descending'} onClick={() => setDescending(!descending)}>
          {descending ? '↓' : '↑'}
        </button>
      </div>
      <QueryView state={state} loading="Loading campaigns…">
        {({ campaigns }) => {
          if (campaigns.length === 0)
            return (
              <Empty title="No campaigns yet">
                <p>Create a campaign to group your tracked links and see what each brings in.</p>
              </Empty>
            );
          return <CampaignTable campaigns={campaigns} search={search} status={status} sort={sort} descending={descending} onOpen={onOpenCampaign} onOpenConversions={onOpenConversions} onEdit={setEditing} />;
        }}
      </QueryView>
    </section>
  );
}

/** Every column of the table, for the chart row that spans them. */
const COLUMNS = 11;

function CampaignTable(props: { campaigns: Campaign[]; search: string; status: CampaignStatus | ''; sort: SortKey; descending: boolean; onOpen: (campaign: Campaign) => void; onOpenConversions?: (campaign: Campaign) => void; onEdit: (campaign: Campaign) => void }) {
  const { campaigns, search, status, sort, descending, onOpen, onOpenConversions, onEdit } = props;
  const [charted, setCharted] = useState<string | null>(null);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const filtered = campaigns.filter(
      (campaign) => (!status || campaign.status === status) && (!needle || [campaign.name, campaign.source, campaign.medium].some((text) => text?.toLowerCase().includes(needle))),
    );
    const sorted = [...filtered].sort(SORTS[sort].compare);
    return descending ? sorted.reverse() : sorted;
  }, [campaigns, search, status, sort, descending]);
  if (shown.length === 0) return <Empty title="No campaign matches these filters" />;
  return (
    <div className="tf-table-wrap">
      <table className="tf-table tf-cards-when-narrow">
        <caption className="tf-visually-hidden">
          {shown.length} of {campaigns.length} campaigns, sorted by {SORTS[sort].label.toLowerCase()} {descending ? 'descending' : 'ascending'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Status</th>
            <th scope="col">Dates</th>
            <th scope="col" className="tf-num">Budget</th>
            <th scope="col" className="tf-num">Clicks</th>
            <th scope="col" className="tf-num">Visitors</th>
            <th scope="col" className="tf-num">Conversions</th>
            <th scope="col" className="tf-num">Revenue</th>
            <th scope="col" className="tf-num">Cost</th>
            <th scope="col" className="tf-num">ROI</th>
            <th scope="col">
              <span className="tf-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((campaign) => (
            <Fragment key={campaign.id}>
              <tr>
                <th scope="row" data-label="Campaign">
                  <button type="button" className="tf-link-button" onClick={() => onOpen(campaign)}>
                    {campaign.name}
                  </button>
                  <span className="tf-muted">{[label(campaign.campaignType), campaign.source, campaign.medium].filter(Boolean).join(' · ')}</span>
                </th>
                <td data-label="Status">
                  <Badge tone={STATUS_TONES[campaign.status]}>{label(campaign.status)}</Badge>
                </td>
                <td data-label="Dates">
                  {formatDate(campaign.startDate)} – {formatDate(campaign.endDate)}
                </td>
                <NumberCell label="Budget">{formatMoney(campaign.budget, campaign.currencyCode)}</NumberCell>
                <NumberCell label="Clicks">
                  {formatCount(campaign.totalClicks)}
                  {filteredSummary(campaign.filteredClicks) && (
                    <span className="tf-muted tf-filtered" title={FILTERED_EXPLANATION}>
                      {filteredSummary(campaign.filteredClicks)}
                    </span>
                  )}
                </NumberCell>
                <NumberCell label="Visitors">{formatCount(campaign.uniqueVisitors)}</NumberCell>
                <NumberCell label="Conversions">{formatCount(campaign.conversions)}</NumberCell>
                <NumberCell label="Revenue">{formatMoney(campaign.revenue, campaign.currencyCode)}</NumberCell>
                <NumberCell label="Cost">{formatMoney(campaign.cost, campaign.currencyCode)}</NumberCell>
                <NumberCell label="ROI">
                  <span className={campaign.roiPercentage === null ? undefined : campaign.roiPercentage < 0 ? 'tf-roi-loss' : 'tf-roi-gain'}>{formatRoi(campaign.roiPercentage)}</span>
                </NumberCell>
                <td className="tf-actions">
                  <button
                    type="button"
                    className="tf-button"
                    aria-expanded={charted === campaign.id}
                    aria-controls={charted === campaign.id ? `tf-chart-${campaign.id}` : undefined}
                    onClick={() => setCharted(charted === campaign.id ? null : campaign.id)}
                    aria-label={`Clicks over time of ${campaign.name}`}
                  >
                    Clicks over time
                  </button>
                  <button type="button" className="tf-button" onClick={() => onOpen(campaign)} aria-label={`Links of ${campaign.name}`}>
                    Links
                  </button>
                  {onOpenConversions && (
                    <button type="button" className="tf-button" onClick={() => onOpenConversions(campaign)} aria-label={`Conversions of ${campaign.name}`}>
                      Conversions
                    </button>
                  )}
                  <button type="button" className="tf-button" onClick={() => onEdit(campaign)} aria-label={`Edit ${campaign.name}`}>
                    Edit
                  </button>
                </td>
              </tr>
              {charted === campaign.id && (
                <tr className="tf-detail-row" id={`tf-chart-${campaign.id}`}>
                  <td colSpan={COLUMNS}>
                    <CampaignClicksChart campaign={campaign} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type CampaignDraft = { name: string; campaignType: CampaignType; status: CampaignStatus; startDate: string; endDate: string; budget: string; currencyCode: string; source: string; medium: string; description: string };
const FORM_FIELDS = ['name', 'campaignType', 'status', 'startDate', 'endDate', 'budget', 'currencyCode', 'source', 'medium', 'description'] as const;

function draftOf(campaign: Campaign | null): CampaignDraft {
  return {
    name: campaign?.name ?? '',
    campaignType: campaign?.campaignType ?? 'EMAIL',
    status: campaign?.status ?? 'DRAFT',
    startDate: campaign?.startDate ?? '',
    endDate: campaign?.endDate ?? '',
    budget: campaign?.budget ?? '',
    currencyCode: campaign?.currencyCode ?? 'USD',
    source: campaign?.source ?? '',
    medium: campaign?.medium ?? '',
    description: campaign?.description ?? '',
  };
}

/** Blank optional fields are sent as null, which clears them on an edit. */
function inputOf(draft: CampaignDraft): Record<string, unknown> {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    name: draft.name.trim(),
    campaignType: draft.campaignType,
    status: draft.status,
    startDate: optional(draft.startDate),
    endDate: optional(draft.endDate),
    budget: optional(draft.budget),
    currencyCode: draft.currencyCode.trim().toUpperCase(),
    source: optional(draft.source),
    medium: optional(draft.medium),
    description: optional(draft.description),
  };
}

function CampaignForm({ campaign, onDone }: { campaign: Campaign | null; onDone: (saved: boolean) => Promise<void> }) {
  const { api, notify } = useHost();
  const [draft, setDraft] = useState(() => draftOf(campaign));
  const set = (key: keyof CampaignDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const { submit, saving, error } = useSubmit(async () => {
    if (campaign) await api.request(UPDATE_CAMPAIGN, { id: campaign.id, input: inputOf(draft) });
    else await api.request(CREATE_CAMPAIGN, { input: inputOf(draft) });
    notify(campaign ? `Campaign ${draft.name} saved` : `Campaign ${draft.name} created`, 'success');
    await onDone(true);
  });

  return (
    <form className="tf-panel tf-form" onSubmit={(event) => void submit(event)} aria-label={campaign ? `Edit ${campaign.name}` : 'New campaign'}>
      <h3>{campaign ? `Edit ${campaign.name}` : 'New campaign'}</h3>
      <div className="tf-grid">
        <Field label="Name" error={fieldError(error, 'name')}>
          {(props) => <input {...props} className="tf-input" required value={draft.name} onChange={set('name')} autoFocus />}
        </Field>
        <Field label="Type" error={fieldError(error, 'campaignType')}>
          {(props) => (
            <select {...props} className="tf-input" value={draft.campaignType} onChange={set('campaignType')}>
              {CAMPAIGN_TYPES.map((value) => (
                <option key={value} value={value}>
                  {label(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" error={fieldError(error, 'status')}>
          {(props) => (
            <select {...props} className="tf-input" value={draft.status} onChange={set('status')}>
              {CAMPAIGN_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {label(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Start date" error={fieldError(error, 'startDate')}>
          {(props) => <input {...props} className="tf-input" type="date" value={draft.startDate} onChange={set('startDate')} />}
        </Field>
        <Field label="End date" error={fieldError(error, 'endDate')}>
          {(props) => <input {...props} className="tf-input" type="date" value={draft.endDate} onChange={set('endDate')} />}
        </Field>
        <Field label="Budget" error={fieldError(error, 'budget')} hint="e.g. 2500.00">
          {(props) => <input {...props} className="tf-input" inputMode="decimal" value={draft.budget} onChange={set('budget')} />}
        </Field>
        <Field label="Currency" error={fieldError(error, 'currencyCode')}>
          {(props) => <input {...props} className="tf-input" maxLength={3} value={draft.currencyCode} onChange={set('currencyCode')} />}
        </Field>
        <Field label="Source (utm_source)" error={fieldError(error, 'source')}>
          {(props) => <input {...props} className="tf-input" value={draft.source} onChange={set('source')} />}
        </Field>
        <Field label="Medium (utm_medium)" error={fieldError(error, 'medium')}>
          {(props) => <input {...props} className="tf-input" value={draft.medium} onChange={set('medium')} />}
        </Field>
      </div>
      <Field label="Description" error={fieldError(error, 'description')}>
        {(props) => <textarea {...props} className="tf-input" rows={2} value={draft.description} onChange={set('description')} />}
      </Field>
      <FormError error={error} fields={FORM_FIELDS} />
      <FormActions submitLabel={saving ? 'Saving…' : campaign ? 'Save campaign' : 'Create campaign'} disabled={saving} onCancel={() => void onDone(false)} />
    </form>
  );
}
