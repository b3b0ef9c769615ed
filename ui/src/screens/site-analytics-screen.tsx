import { useMemo } from 'react';
import { BreakdownTable, PeriodPicker, Sparkline, useReportPeriod } from '../analytics-parts';
import { Empty, QueryView } from '../components';
import { formatCount, formatLag, formatPercent } from '../format';
import { useQuery } from '../use-query';
import { SITE_ANALYTICS, SiteAnalytics, SiteFigures } from './site-analytics.queries';

const rate = (percent: number | null) => (percent === null ? '—' : formatPercent(percent / 100));
const duration = (seconds: number | null) => (seconds === null ? '—' : formatLag(Math.round(seconds)));

const FIGURES: { label: string; show: (figures: SiteFigures) => string; value: (figures: SiteFigures) => number }[] = [
  { label: 'Visitors', show: (figures) => formatCount(figures.visitors), value: (figures) => figures.visitors },
  { label: 'Sessions', show: (figures) => formatCount(figures.sessions), value: (figures) => figures.sessions },
  { label: 'Bounce rate', show: (figures) => rate(figures.bounceRate), value: (figures) => figures.bounceRate ?? 0 },
  { label: 'Average duration', show: (figures) => duration(figures.averageSessionSeconds), value: (figures) => figures.averageSessionSeconds ?? 0 },
  { label: 'Page views', show: (figures) => formatCount(figures.pageViews), value: (figures) => figures.pageViews },
];

/** The website as the tracker sees it: visits, bounces and time on site over the period, and where visitors come, land and click. */
export function SiteAnalyticsScreen() {
  const { choice, setChoice, period, invalid } = useReportPeriod('30d');
  const variables = useMemo(() => (period ? { from: period.from.toISOString(), to: period.to.toISOString(), interval: period.interval, timeZone: choice.timeZone } : null), [period, choice.timeZone]);
  return (
    <section className="tf-screen" aria-labelledby="tf-site-title">
      <div className="tf-screen-header">
        <h2 id="tf-site-title">Site analytics</h2>
      </div>
      <PeriodPicker choice={choice} onChange={setChoice} invalid={invalid} label="Period of the site analytics" />
      {variables && <SiteFiguresView variables={variables} />}
    </section>
  );
}

function SiteFiguresView({ variables }: { variables: Record<string, unknown> }) {
  const state = useQuery<SiteAnalytics>(SITE_ANALYTICS, variables);
  return (
    <QueryView state={state} loading="Loading the site's figures…">
      {({ siteAnalytics: site }) => {
        if (site.totals.sessions === 0 && site.totals.visitors === 0)
          return (
            <Empty title="No visits in this period">
              <p>Add the tracker (trackflow.js) to your site's pages: visits show here as they arrive.</p>
            </Empty>
          );
        const per = site.interval === 'WEEK' ? 'week' : 'day';
        return (
          <>
            <dl className="tf-kpis">
              {FIGURES.map((figure) => (
                <div key={figure.label} className="tf-kpi" data-kpi={figure.label}>
                  <dt>{figure.label}</dt>
                  <dd className="tf-kpi-value">{figure.show(site.totals)}</dd>
                  <dd>
                    <Sparkline name={`${figure.label} per ${per}`} points={site.series.map((point) => ({ label: point.label, value: figure.value(point) }))} />
                  </dd>
                </div>
              ))}
            </dl>
            <div className="tf-columns">
              <BreakdownTable
                caption="Top pages"
                rows={site.topPages}
                keyOf={(row) => row.path}
                empty="No page views"
                columns={[
                  { title: 'Page', cell: (row) => row.path },
                  { title: 'Views', numeric: true, cell: (row) => formatCount(row.pageViews) },
                  { title: 'Visitors', numeric: true, cell: (row) => formatCount(row.uniqueVisitors) },
                ]}
              />
              <BreakdownTable
                caption="Entry pages"
                rows={site.topEntryPages}
                keyOf={(row) => row.path}
                empty="No visits"
                columns={[
                  { title: 'Page', cell: (row) => row.path },
                  { title: 'Sessions', numeric: true, cell: (row) => formatCount(row.sessions) },
                  { title: 'Bounce rate', numeric: true, cell: (row) => rate(row.bounceRate) },
                ]}
              />
              <BreakdownTable
                caption="Sources"
                rows={site.topSources}
                keyOf={(row) => row.source}
                empty="No visits"
                columns={[
                  { title: 'Source', cell: (row) => row.source },
                  { title: 'Sessions', numeric: true, cell: (row) => formatCount(row.sessions) },
                  { title: 'Bounce rate', numeric: true, cell: (row) => rate(row.bounceRate) },
                ]}
              />
              <BreakdownTable
                caption="Calls to action"
                rows={site.topCtas}
                keyOf={(row) => row.name}
                empty="No CTA clicks"
                columns={[
                  { title: 'CTA', cell: (row) => row.name },
                  { title: 'Clicks', numeric: true, cell: (row) => formatCount(row.clicks) },
                  { title: 'Visitors', numeric: true, cell: (row) => formatCount(row.uniqueVisitors) },
                ]}
              />
              <BreakdownTable
                caption="Countries"
                rows={site.topCountries}
                keyOf={(row) => row.country}
                empty="No visit with a known country"
                columns={[
                  { title: 'Country', cell: (row) => row.country },
                  { title: 'Sessions', numeric: true, cell: (row) => formatCount(row.sessions) },
                  { title: 'Visitors', numeric: true, cell: (row) => formatCount(row.uniqueVisitors) },
                ]}
              />
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
