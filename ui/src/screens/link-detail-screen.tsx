import { useMemo } from 'react';
import { BreakdownTable, PeriodPicker, useReportPeriod } from '../analytics-parts';
import { ClicksBars } from '../clicks-chart';
import { Badge, Empty, QueryView } from '../components';
import { formatCount, formatPercent } from '../format';
import { PERIOD_PRESETS } from '../report-period';
import { useQuery } from '../use-query';
import { AbTest, Breakdown, LINK_DETAIL, LinkDetail, VariantResult } from './link-detail.queries';

const BREAKDOWNS = [
  ['referrers', 'Referrers', 'Referrer'],
  ['devices', 'Devices', 'Device'],
  ['browsers', 'Browsers', 'Browser'],
  ['operatingSystems', 'Operating systems', 'OS'],
  ['countries', 'Countries', 'Country'],
  ['qrVsLink', 'QR code or link', 'Way in'],
] as const;

function BreakdownOf({ title, column, rows }: { title: string; column: string; rows: Breakdown[] }) {
  return (
    <BreakdownTable
      caption={title}
      rows={rows}
      keyOf={(row) => row.key}
      empty="None in this period"
      columns={[
        { title: column, cell: (row) => (row.key === 'qr' ? 'QR code scans' : row.key === 'link' ? 'Link clicks' : row.key) },
        { title: 'Clicks', numeric: true, cell: (row) => formatCount(row.clicks) },
        { title: 'Visitors', numeric: true, cell: (row) => formatCount(row.uniqueVisitors) },
      ]}
    />
  );
}

/** The verdict in words: who leads, how sure that is, and what it would take to be sure. */
function Verdict({ test, variants }: { test: AbTest; variants: VariantResult[] }) {
  const leader = variants.find((variant) => variant.variantId === test.leaderVariantId);
  const sure = formatPercent(test.threshold);
  return (
    <div className="tf-panel" role="status" aria-label="A/B verdict">
      {test.verdictReached ? (
        <p>
          <Badge tone="green">Verdict</Badge> <strong>{leader?.variantName}</strong> converts best, with {formatPercent(leader?.probabilityBest ?? 0)} probability (a verdict needs {sure}).
        </p>
      ) : (
        <p>
          <Badge tone="amber">No verdict yet</Badge> <strong>{leader?.variantName}</strong> leads with {formatPercent(leader?.probabilityBest ?? 0)} probability of being best; a verdict needs {sure}.{' '}
          {test.visitorsNeeded === null
            ? 'The leading variants convert at the same rate so far: more visitors alone will not separate them.'
            : `About ${formatCount(test.visitorsNeeded)} more visitors, split evenly, should settle it if the rates seen so far hold.`}
        </p>
      )}
      <p className="tf-muted">How: {test.method}</p>
    </div>
  );
}

function Variants({ variants, test }: { variants: VariantResult[]; test: AbTest | null }) {
  return (
    <section aria-labelledby="tf-ab-title">
      <h3 id="tf-ab-title">A/B variants</h3>
      <BreakdownTable
        caption="Variants and their conversion rates"
        rows={variants}
        keyOf={(variant) => variant.variantId}
        empty="No variants"
        columns={[
          { title: 'Variant', cell: (variant) => variant.variantName },
          { title: 'Clicks', numeric: true, cell: (variant) => formatCount(variant.clicks) },
          { title: 'Visitors', numeric: true, cell: (variant) => formatCount(variant.uniqueVisitors) },
          { title: 'Conversions', numeric: true, cell: (variant) => formatCount(variant.conversions) },
          { title: 'Conversion rate', numeric: true, cell: (variant) => (variant.conversionRate === null ? '—' : formatPercent(variant.conversionRate / 100)) },
          { title: 'Chance of being best', numeric: true, cell: (variant) => (variant.probabilityBest === null ? '—' : formatPercent(variant.probabilityBest)) },
        ]}
      />
      {test && <Verdict test={test} variants={variants} />}
    </section>
  );
}

/** One link's traffic over a period: clicks and visitors over time, where they came from, and its A/B test. */
export function LinkDetailScreen({ linkId, onBack }: { linkId: string; onBack?: () => void }) {
  const { choice, setChoice, period, invalid } = useReportPeriod('30d');
  const variables = useMemo(
    () => (period ? { id: linkId, from: period.from.toISOString(), to: period.to.toISOString(), interval: period.interval, timeZone: choice.timeZone } : null),
    [linkId, period, choice.timeZone],
  );
  return (
    <section className="tf-screen" aria-labelledby="tf-link-title">
      <div className="tf-screen-header">
        {onBack && (
          <button type="button" className="tf-button" onClick={onBack}>
            ← Links
          </button>
        )}
        <h2 id="tf-link-title">Link analytics</h2>
      </div>
      <PeriodPicker choice={choice} onChange={setChoice} invalid={invalid} label="Period of the link's analytics" />
      {variables && <LinkFigures variables={variables} periodLabel={PERIOD_PRESETS[choice.preset]} />}
    </section>
  );
}

function LinkFigures({ variables, periodLabel }: { variables: Record<string, unknown>; periodLabel: string }) {
  const state = useQuery<LinkDetail>(LINK_DETAIL, variables);
  return (
    <QueryView state={state} loading="Loading the link's analytics…" notFound={<Empty title="No such link">It may have been deleted, or belong to another workspace.</Empty>}>
      {({ trackedLink: link, linkAnalytics: data }) => {
        const name = link.title ?? link.shortCode;
        return (
          <>
            <h3 className="tf-break">
              {name} <span className="tf-muted tf-short-url">{link.shortUrl}</span>
            </h3>
            <dl className="tf-kpis">
              {[
                ['Clicks', formatCount(data.clicks)],
                ['Unique visitors', formatCount(data.uniqueVisitors)],
                ['Conversions', formatCount(data.conversions)],
                ['Conversion rate', data.conversionRate === null ? '—' : formatPercent(data.conversionRate / 100)],
              ].map(([label, value]) => (
                <div key={label} className="tf-kpi" data-kpi={label}>
                  <dt>{label}</dt>
                  <dd className="tf-kpi-value">{value}</dd>
                </div>
              ))}
            </dl>
            {data.clicks === 0 ? (
              <Empty title={`No clicks in the ${periodLabel.toLowerCase()}`}>
                <p>Clicks on this link show here as they arrive.</p>
              </Empty>
            ) : (
              <section className="tf-chart-panel" aria-label={`Clicks over time of ${name}`}>
                <ClicksBars name={name} periodLabel={periodLabel} data={data} />
              </section>
            )}
            {data.variants.length > 0 && <Variants variants={data.variants} test={data.abTest} />}
            <div className="tf-columns">
              {BREAKDOWNS.map(([field, title, column]) => (
                <BreakdownOf key={field} title={title} column={column} rows={data[field]} />
              ))}
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
