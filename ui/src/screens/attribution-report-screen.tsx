import { useMemo, useState } from 'react';
import { BarList, PeriodPicker, useReportPeriod } from '../analytics-parts';
import { comparisonCsv, ComparisonRow, comparisonRows, modelsToCompare } from '../attribution-comparison';
import { Empty, Field, QueryView } from '../components';
import { csvHref } from '../csv';
import { formatCount, formatDate, formatDateTime, formatMoney, formatPercent } from '../format';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { COMPARE_MODELS, CompareModels, FIT_MODEL, GROUPINGS, Grouping } from './attribution-report.queries';
import { ATTRIBUTION_MODELS, AttributionModelSummary } from './overview.queries';

const BARRED_GROUPS = 6;
const credit = (value: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
const isDataDriven = (model: AttributionModelSummary) => model.modelType === 'MARKOV' || model.modelType === 'SHAPLEY';

/** When each data-driven model was fitted, on how many journeys, and a button to fit it again now. */
function Fits({ models, onFitted }: { models: AttributionModelSummary[]; onFitted: () => void }) {
  const { api, notify } = useHost();
  const [fitting, setFitting] = useState<string | null>(null);
  const dataDriven = models.filter(isDataDriven);
  if (dataDriven.length === 0) return null;
  async function refit(model: AttributionModelSummary) {
    setFitting(model.id);
    try {
      await api.request(FIT_MODEL, { id: model.id });
      notify(`${model.name} fitted again`);
      onFitted();
    } catch (error) {
      notify(`${model.name} could not be fitted: ${(error as Error).message}`, 'error');
    } finally {
      setFitting(null);
    }
  }
  return (
    <section className="tf-panel" aria-label="Data-driven models">
      <h3>Data-driven models</h3>
      <p className="tf-muted">Markov and Shapley models learn each channel's credit from every journey of a period, converting or not; they are fitted again every night.</p>
      <ul className="tf-list">
        {dataDriven.map((model) => (
          <li key={model.id} className="tf-fit">
            <span>
              <strong>{model.name}</strong>{' '}
              {model.fittedAt ? (
                <>
                  fitted {formatDateTime(model.fittedAt)} on {formatCount(model.fittedModel?.inputs?.journeys ?? 0)} journeys from {formatDate(model.fitPeriodStart)} to {formatDate(model.fitPeriodEnd)}
                </>
              ) : (
                'not fitted yet: it is fitted the first time a report needs it'
              )}
            </span>
            <button type="button" className="tf-button" disabled={fitting !== null} onClick={() => void refit(model)}>
              {fitting === model.id ? 'Fitting…' : 'Refit'}
              <span className="tf-visually-hidden"> {model.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ComparisonTable({ names, rows, grouping }: { names: string[]; rows: ComparisonRow[]; grouping: string }) {
  return (
    // Eight models may be wider than the page: the keyboard must be able to scroll it too.
    <div className="tf-table-wrap" tabIndex={0} role="region" aria-label={`Credit per ${grouping.toLowerCase()}, scrollable`}>
      <table className="tf-table tf-cards-when-narrow">
        <caption>Credit per {grouping.toLowerCase()} under every model</caption>
        <thead>
          <tr>
            <th scope="col">{grouping}</th>
            {names.map((name) => (
              <th key={name} scope="col" className="tf-num">
                {name}
              </th>
            ))}
            <th scope="col" className="tf-num">
              Spread
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.key}-${row.currencyCode}`}>
              <th scope="row" data-label={grouping} className="tf-break">
                {row.label}
              </th>
              {row.cells.map((cell, index) => (
                <td key={names[index]} data-label={names[index]} className="tf-num">
                  {credit(cell.conversions)} · {formatPercent(cell.share)}
                  <span className="tf-muted">{formatMoney(cell.value, row.currencyCode)}</span>
                </td>
              ))}
              <td data-label="Spread" className="tf-num">
                {formatCount(Math.round(row.shareSpread * 1000) / 10)} pts
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Which channel (source, campaign, link) earned our conversions, and does the answer depend on
 * the model?" Every model side by side, each group's spread between them, exportable as CSV.
 */
export function AttributionReportScreen() {
  const { choice, setChoice, period, invalid } = useReportPeriod('30d');
  const [grouping, setGrouping] = useState<Grouping>('CHANNEL');
  const models = useQuery<{ attributionModels: AttributionModelSummary[] }>(ATTRIBUTION_MODELS);

  return (
    <section className="tf-screen" aria-labelledby="tf-report-title">
      <div className="tf-screen-header">
        <h2 id="tf-report-title">Attribution report</h2>
      </div>
      <div className="tf-period">
        <PeriodPicker choice={choice} onChange={setChoice} invalid={invalid} label="Period of the report" />
        <Field label="Group by">
          {(props) => (
            <select {...props} className="tf-input" value={grouping} onChange={(event) => setGrouping(event.target.value as Grouping)}>
              {Object.entries(GROUPINGS).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <QueryView state={models} loading="Loading the models…">
        {({ attributionModels }) =>
          period && (
            <>
              <Fits models={attributionModels} onFitted={() => void models.reload()} />
              <Report key={JSON.stringify([grouping, ...attributionModels.map((model) => model.fittedAt)])} from={period.from.toISOString()} to={period.to.toISOString()} grouping={grouping} models={modelsToCompare(attributionModels)} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}

function Report({ from, to, grouping, models }: { from: string; to: string; grouping: Grouping; models: string[] }) {
  // The list is made anew on every render: its content, not its identity, decides when to ask again.
  const modelKey = models.join('\n');
  const variables = useMemo(() => ({ from, to, groupBy: grouping, models: modelKey.split('\n') }), [from, to, grouping, modelKey]);
  const state = useQuery<CompareModels>(COMPARE_MODELS, variables);
  const name = GROUPINGS[grouping];
  return (
    <QueryView state={state} loading="Crediting the period's conversions under every model…">
      {({ compareAttributionModels: comparison }) => {
        if (comparison.rows.length === 0)
          return (
            <Empty title="No conversion with a marketing touch in this period">
              <p>Leads and won deals whose visitors clicked a tracked link or visited the site show here. Try a longer period.</p>
            </Empty>
          );
        const rows = comparisonRows(comparison);
        const names = comparison.reports.map((report) => report.modelName);
        const influenced = comparison.reports[0]?.marketingInfluencedConversions ?? 0;
        const file = `attribution-by-${name.toLowerCase()}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
        return (
          <>
            <p className="tf-muted">
              {formatCount(comparison.reports[0]?.conversions ?? 0)} conversions in the period, {formatCount(influenced)} with a marketing touch, credited under each of {names.length} models. Each cell gives the
              credited conversions and their share of all the model credited, then their value. <strong>Spread</strong> is the largest share minus the smallest, in percentage points: the wider it
              is, the more this {name.toLowerCase()}'s credit depends on the model you pick. Rows with the widest spread come first.
            </p>
            <div className="tf-header-actions">
              <a className="tf-button" href={csvHref(comparisonCsv(comparison, rows, name))} download={file}>
                Download CSV
              </a>
            </div>
            <ComparisonTable names={names} rows={rows} grouping={name} />
            <h3>Share of credit, by model</h3>
            <div className="tf-columns">
              {rows.slice(0, BARRED_GROUPS).map((row) => (
                <section key={`${row.key}-${row.currencyCode}`} aria-label={`${row.label} under every model`}>
                  <h4 className="tf-break">{row.label}</h4>
                  <BarList label={`Share of ${row.label} under every model`} items={row.cells.map((cell, index) => ({ key: names[index], label: names[index], share: cell.share, figure: formatPercent(cell.share) }))} />
                </section>
              ))}
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
