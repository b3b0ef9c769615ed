import { useMemo, useState } from 'react';
import { BarList, PeriodPicker, Sparkline, useReportPeriod } from '../analytics-parts';
import { Empty, Field, QueryView } from '../components';
import { FILTERED_EXPLANATION, FilteredClicks, filteredSummary } from '../filtered-clicks';
import { topByValue } from '../credit-rows';
import { formatCount, formatDate, formatMoney, formatPercent, formatRoi } from '../format';
import { addDays, change, ReportPeriod } from '../report-period';
import { useQuery } from '../use-query';
import { ATTRIBUTION_MODELS, AttributionModelSummary, CreditRow, Overview, OVERVIEW, OverviewFigures } from './overview.queries';

const TOP = 5;

/** The change from the previous period in words and sign, not colour alone. */
function Change({ now, before }: { now: number; before: number }) {
  const ratio = change(now, before);
  if (ratio === null) return <span className="tf-kpi-before">{now > 0 ? 'new this period' : 'no change'}</span>;
  const tone = ratio > 0 ? 'tf-change-up' : ratio < 0 ? 'tf-change-down' : '';
  return <span className={`tf-kpi-before ${tone}`}>{new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio)}</span>;
}

function Kpi({ label, now, before, show }: { label: string; now: number | null; before: number | null; show: (value: number | null) => string }) {
  return (
    <div className="tf-kpi" data-kpi={label}>
      <dt>{label}</dt>
      <dd className="tf-kpi-value">{show(now)}</dd>
      <dd className="tf-kpi-before">
        previous period {show(before)}
        {now !== null && before !== null && (
          <>
            {' · '}
            <Change now={now} before={before} />
          </>
        )}
      </dd>
    </div>
  );
}

function Figures({ current, previous }: { current: OverviewFigures; previous: OverviewFigures }) {
  const count = (value: number | null) => (value === null ? '—' : formatCount(value));
  const money = (value: number | null) => (value === null ? '—' : formatMoney(String(value), current.currencyCode));
  const amount = (value: string | null) => (value === null ? null : Number(value));
  return (
    <dl className="tf-kpis" aria-label="Figures of the period beside the previous period">
      <Kpi label="Clicks" now={current.clicks} before={previous.clicks} show={count} />
      <Kpi label="Visitors" now={current.visitors} before={previous.visitors} show={count} />
      <Kpi label="Leads" now={current.leads} before={previous.leads} show={count} />
      <Kpi label="Deals won" now={current.dealsWon} before={previous.dealsWon} show={count} />
      <Kpi label="Revenue" now={amount(current.revenue)} before={amount(previous.revenue)} show={money} />
      <Kpi label="Cost" now={amount(current.cost)} before={amount(previous.cost)} show={money} />
      <Kpi label="ROI" now={current.roiPercentage} before={previous.roiPercentage} show={formatRoi} />
    </dl>
  );
}

/** The period's clicks stored but not counted, and why: someone testing with curl sees where their click went. */
function FilteredNote({ clicks }: { clicks: FilteredClicks }) {
  const summary = filteredSummary(clicks);
  return summary ? (
    <p className="tf-hint tf-filtered">
      Clicks in this period: {summary}. {FILTERED_EXPLANATION}
    </p>
  ) : null;
}

function TopCredited({ title, rows, currencyCode, modelName }: { title: string; rows: CreditRow[]; currencyCode: string; modelName: string }) {
  const top = topByValue(rows, currencyCode, TOP);
  return (
    <section aria-label={`${title} under ${modelName}`}>
      <h3>{title}</h3>
      {top.length === 0 ? (
        <p className="tf-muted">No attributed revenue in this period.</p>
      ) : (
        <BarList
          label={`${title} by revenue attributed under ${modelName}`}
          items={top.map(({ row, share }) => ({ key: row.key, label: row.label, share, figure: `${formatMoney(row.value, row.currencyCode)} · ${formatPercent(share)}` }))}
        />
      )}
    </section>
  );
}

/**
 * What happened in a period, beside the period before: traffic, leads, won deals, revenue, cost
 * and ROI, the figures over time, and which campaigns and channels earned the revenue under the
 * attribution model chosen.
 */
export function OverviewScreen() {
  const { choice, setChoice, period, invalid } = useReportPeriod('30d');
  const models = useQuery<{ attributionModels: AttributionModelSummary[] }>(ATTRIBUTION_MODELS);
  const [modelId, setModelId] = useState<string | null>(null);
  const chosenModel = modelId ?? (models.status === 'ready' ? (models.data.attributionModels.find((model) => model.isDefault)?.id ?? null) : null);
  const variables = useMemo(
    () => (period ? { from: period.from.toISOString(), to: period.to.toISOString(), interval: period.interval, timeZone: choice.timeZone, model: chosenModel } : null),
    [period, choice.timeZone, chosenModel],
  );

  return (
    <section className="tf-screen" aria-labelledby="tf-overview-title">
      <div className="tf-screen-header">
        <h2 id="tf-overview-title">Overview</h2>
      </div>
      <PeriodPicker choice={choice} onChange={setChoice} invalid={invalid} label="Period of the overview" />
      {variables && period && <OverviewFiguresView period={period} variables={variables} models={models.status === 'ready' ? models.data.attributionModels.filter((model) => model.isActive) : []} modelId={chosenModel} onModel={setModelId} />}
    </section>
  );
}

function OverviewFiguresView({ period, variables, models, modelId, onModel }: { period: ReportPeriod; variables: Record<string, unknown>; models: AttributionModelSummary[]; modelId: string | null; onModel: (id: string) => void }) {
  const state = useQuery<Overview>(OVERVIEW, variables);
  return (
    <QueryView state={state} loading="Loading the overview…">
      {({ analyticsOverview: overview, byCampaign, byChannel }) => {
        const { current, previous } = overview;
        const quiet = [current, previous].every((figures) => figures.clicks + figures.visitors + figures.leads + figures.dealsWon === 0);
        const filtered = <FilteredNote clicks={overview.filteredClicks} />;
        if (quiet)
          return (
            <>
              <Empty title="Nothing happened in this period">
                <p>Clicks on your links, visits the tracker sees and leads and deals show here once they arrive. Try a longer period.</p>
              </Empty>
              {filtered}
            </>
          );
        const over = (name: string, value: (point: (typeof overview.series)[number]) => number) => (
          <div className="tf-spark-panel">
            <h4>{name}</h4>
            <Sparkline name={`${name} per ${overview.interval === 'WEEK' ? 'week' : 'day'}`} points={overview.series.map((point) => ({ label: point.label, value: value(point) }))} />
          </div>
        );
        return (
          <>
            <p className="tf-muted">
              {formatDate(period.firstDay)} to {formatDate(period.lastDay)}, compared with {formatDate(addDays(period.firstDay, -period.days))} to {formatDate(addDays(period.firstDay, -1))} (the same number of days just before). Revenue is the value of the leads and deals
              dated in the period; cost is the ad spend imported for its days.
            </p>
            <Figures current={current} previous={previous} />
            {filtered}
            <div className="tf-sparks">
              {over('Clicks', (point) => point.clicks)}
              {over('Visitors', (point) => point.visitors)}
              {over('Sessions', (point) => point.sessions)}
            </div>
            <div className="tf-section-head">
              <h3>Where the revenue came from</h3>
              <Field label="Attribution model">
                {(props) => (
                  <select {...props} className="tf-input" value={modelId ?? ''} onChange={(event) => onModel(event.target.value)}>
                    {models.map((model) => (
                      <option key={model.id} value={model.id}>
                        {model.name}
                        {model.isDefault ? ' (default)' : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="tf-columns">
              <TopCredited title="Top campaigns" rows={byCampaign.rows} currencyCode={current.currencyCode} modelName={byCampaign.modelName} />
              <TopCredited title="Top channels" rows={byChannel.rows} currencyCode={current.currencyCode} modelName={byChannel.modelName} />
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
