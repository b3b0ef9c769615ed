import { FormEvent, useState } from 'react';
import { addDays, dayRangeToInstants } from '../admin-forms';
import { AdSpendChunk, chunkAdSpendCsv, fileLineOf } from '../ad-spend-chunks';
import { DataTable, Empty, Field, fieldError, FormError, QueryView, TextField } from '../components';
import { TrackflowError } from '../api';
import { formatCount, formatDate, formatMoney, formatRoi, sumAmounts } from '../format';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { AdminScreen } from './admin-kit';
import { AD_PERFORMANCE, AdLevel, AdPerformanceRow, AdSpendImport, IMPORT_AD_SPEND } from './ad-spend.queries';

/** What one importAdSpend call may carry (the API's request body limit, with room for the query around it). */
const REQUEST_BYTES = 90_000;
const IMPORT_FIELDS = ['platform', 'currency', 'file'] as const;
const today = () => new Date().toLocaleDateString('en-CA');

interface Progress {
  rows: number;
  sent: number;
  chunk: number;
  chunks: number;
}

/** What the whole file's import came to, its refused rows named by the file's own lines. */
interface ImportSummary {
  platform: string;
  imported: number;
  replacedRows: number;
  days: string[];
  spend: Map<string, string>;
  badRows: { line: number; reason: string }[];
}

/** Ad spend (analytics scope): a platform's CSV export imported in day-whole chunks with progress, then spend beside landings and conversions. */
export function AdSpendScreen() {
  const [range, setRange] = useState({ first: addDays(today(), -29), last: today() });
  // The table keeps the last valid range while a date is being corrected, so no refused query is sent.
  const [shown, setShown] = useState(range);
  const valid = (next: typeof range) => Boolean(next.first && next.last && next.first <= next.last);
  const changeRange = (next: typeof range) => (setRange(next), valid(next) && setShown(next));
  const [level, setLevel] = useState<AdLevel>('CAMPAIGN');
  const performance = useQuery<{ adPerformance: AdPerformanceRow[] }>(AD_PERFORMANCE, { ...dayRangeToInstants(shown.first, shown.last), level, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });

  return (
    <AdminScreen id="ad-spend" title="Ad spend" intro="Upload a platform's daily export (Meta, Google Ads, LinkedIn): the days it covers replace that platform's earlier rows for those days.">
      <ImportForm
        onImported={async (summary) => {
          const imported = summary.days.length > 0 ? { first: summary.days[0], last: summary.days[summary.days.length - 1] } : shown;
          if (imported.first === shown.first && imported.last === shown.last) await performance.reload();
          else changeRange(imported);
        }}
      />
      <div className="tf-screen-header">
        <h3 className="tf-grow">Ad performance</h3>
      </div>
      <div className="tf-lookup">
        <Field label="First day">{(props) => <input {...props} className="tf-input" type="date" value={range.first} max={range.last} onChange={(event) => changeRange({ ...range, first: event.target.value })} />}</Field>
        <Field label="Last day" error={valid(range) ? null : 'Last day: must be on or after the first day'}>
          {(props) => <input {...props} className="tf-input" type="date" value={range.last} min={range.first} onChange={(event) => changeRange({ ...range, last: event.target.value })} />}
        </Field>
        <Field label="Group by">
          {(props) => (
            <select {...props} className="tf-input" value={level} onChange={(event) => setLevel(event.target.value as AdLevel)}>
              <option value="CAMPAIGN">Campaign</option>
              <option value="ADSET">Ad set</option>
              <option value="AD">Ad</option>
            </select>
          )}
        </Field>
      </div>
      <QueryView state={performance} loading="Loading ad performance…">
        {({ adPerformance }) =>
          adPerformance.length === 0 ? (
            <Empty title="No spend or ad landings on these days">Import a platform's export above, or choose other days.</Empty>
          ) : (
            <PerformanceTable rows={adPerformance} level={level} />
          )
        }
      </QueryView>
    </AdminScreen>
  );
}

function PerformanceTable({ rows, level }: { rows: AdPerformanceRow[]; level: AdLevel }) {
  const money = (row: AdPerformanceRow, amount: string | null) => (row.currencyCode ? formatMoney(amount, row.currencyCode) : '—');
  const id = (row: AdPerformanceRow) => (level === 'AD' ? row.adId : level === 'ADSET' ? row.adsetId : row.campaignId) ?? 'no id';
  return (
    <DataTable
      caption="Spend, landings and conversions per platform campaign, ad set or ad"
      rows={rows}
      rowKey={(row) => [row.campaignId, row.adsetId, row.adId].join('/')}
      columns={[
        { label: level === 'AD' ? 'Ad' : level === 'ADSET' ? 'Ad set' : 'Campaign', cell: (row) => <>{row.name ?? id(row)}<span className="tf-muted tf-break">{id(row)}</span></> },
        { label: 'Spend', cell: (row) => money(row, row.spend), num: true },
        { label: 'Impressions', cell: (row) => formatCount(row.impressions), num: true },
        { label: 'Ad clicks', cell: (row) => formatCount(row.adClicks), num: true },
        { label: 'Sessions', cell: (row) => formatCount(row.sessions), num: true },
        { label: 'Conversions', cell: (row) => formatCount(row.conversions), num: true },
        { label: 'Revenue', cell: (row) => money(row, row.revenue), num: true },
        { label: 'Cost per conversion', cell: (row) => money(row, row.costPerAcquisition), num: true },
        { label: 'ROI', cell: (row) => formatRoi(row.roiPercentage), num: true },
      ]}
    />
  );
}

function ImportForm({ onImported }: { onImported: (summary: ImportSummary) => Promise<void> }) {
  const { api, notify } = useHost();
  const [platform, setPlatform] = useState('');
  const [currency, setCurrency] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [partial, setPartial] = useState<string | null>(null);

  async function send(chunks: AdSpendChunk[]): Promise<ImportSummary> {
    const total: ImportSummary = { platform, imported: 0, replacedRows: 0, days: [], spend: new Map(), badRows: [] };
    const rows = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
    for (const [index, chunk] of chunks.entries()) {
      setProgress({ rows, sent: total.imported + total.badRows.length, chunk: index + 1, chunks: chunks.length });
      try {
        const { importAdSpend } = await api.request<{ importAdSpend: AdSpendImport }>(IMPORT_AD_SPEND, { platform, csv: chunk.csv, currencyCode: currency.trim() || null });
        total.platform = importAdSpend.platform;
        total.imported += importAdSpend.imported;
        total.replacedRows += importAdSpend.replacedRows;
        if (importAdSpend.firstDate && importAdSpend.lastDate) total.days.push(importAdSpend.firstDate, importAdSpend.lastDate);
        for (const { currencyCode, amount } of importAdSpend.spendByCurrency) total.spend.set(currencyCode, sumAmounts([total.spend.get(currencyCode) ?? '0', amount]));
        total.badRows.push(...importAdSpend.badRows.map((bad) => ({ line: fileLineOf(chunk, bad.line), reason: bad.reason })));
      } catch (failure) {
        // Chunks hold whole days, so what was imported before the refusal is complete for its days.
        if (index > 0) setPartial(`The first ${index} of ${chunks.length} parts were imported (${formatCount(total.imported)} rows); the rest was not.`);
        throw failure;
      }
    }
    total.days.sort();
    total.badRows.sort((a, b) => a.line - b.line);
    return total;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPartial(null);
    setSummary(null);
    try {
      if (!file) throw new TrackflowError('CSV file: choose the export to import', null, 'file');
      const plan = chunkAdSpendCsv(await file.text(), REQUEST_BYTES);
      if (!plan.ok) throw new Error(`${file.name}: ${plan.reason}`);
      const result = await send(plan.chunks);
      setSummary(result);
      notify(`${formatCount(result.imported)} rows of ${result.platform} imported`, 'success');
      await onImported(result);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="tf-panel tf-form" aria-label="Import ad spend" onSubmit={(event) => void submit(event)}>
      <h3>Import ad spend</h3>
      <div className="tf-grid">
        <TextField label="Platform" error={fieldError(error, 'platform')} hint="e.g. facebook or google_ads" required value={platform} onChange={setPlatform} />
        <TextField label="Currency" error={fieldError(error, 'currency')} hint="For rows without a currency column; USD if empty" maxLength={3} value={currency} onChange={setCurrency} />
        <Field label="CSV file" error={fieldError(error, 'file')} hint="A header naming at least date, campaign_id and spend">
          {(props) => <input {...props} className="tf-input" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />}
        </Field>
      </div>
      {progress && (
        <div className="tf-field" role="status">
          <label htmlFor="tf-ad-spend-progress">
            Importing part {progress.chunk} of {progress.chunks}: {formatCount(progress.sent)} of {formatCount(progress.rows)} rows sent
          </label>
          <progress id="tf-ad-spend-progress" className="tf-progress" max={progress.rows} value={progress.sent} />
        </div>
      )}
      {partial && <p className="tf-form-error">{partial}</p>}
      <FormError error={error} fields={IMPORT_FIELDS} />
      <div className="tf-form-actions">
        <button type="submit" className="tf-button tf-primary" disabled={progress !== null}>
          {progress ? 'Importing…' : 'Import'}
        </button>
      </div>
      {summary && <ImportResult summary={summary} />}
    </form>
  );
}

function ImportResult({ summary }: { summary: ImportSummary }) {
  const first = summary.days[0];
  const last = summary.days[summary.days.length - 1];
  return (
    <div role="region" aria-label="Import result">
      <p>
        {formatCount(summary.imported)} rows of {summary.platform} imported
        {first && ` for ${formatDate(first)}${last !== first ? ` to ${formatDate(last)}` : ''}`}
        {summary.replacedRows > 0 && `, replacing ${formatCount(summary.replacedRows)} earlier rows of those days`}
        {summary.spend.size > 0 && `; spend ${[...summary.spend].map(([code, amount]) => formatMoney(amount, code)).join(', ')}`}.
      </p>
      {summary.badRows.length > 0 && (
        <DataTable
          caption={`${summary.badRows.length} ${summary.badRows.length === 1 ? 'line' : 'lines'} left out`}
          rows={summary.badRows}
          rowKey={(bad) => String(bad.line)}
          columns={[
            { label: 'Line', cell: (bad) => `line ${bad.line}` },
            { label: 'Why', cell: (bad) => <span className="tf-break">{bad.reason}</span> },
          ]}
        />
      )}
    </div>
  );
}
