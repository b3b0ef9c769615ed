import { AxisBottom, AxisLeft, TickRendererProps } from '@visx/axis';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useMemo, useState } from 'react';
import { CHART_PERIODS, chartPeriod, ChartPeriodChoice, pointLabel, runtimeTimeZone } from './chart-period';
import { Empty, QueryView } from './components';
import { formatCount } from './format';
import { CAMPAIGN_ANALYTICS, CampaignAnalytics, TrafficPoint } from './queries';
import { useQuery } from './use-query';

/**
 * Twenty runs front components in a worker that mirrors their elements into its page: there is no
 * canvas and nothing can be measured there. So the chart is plain SVG drawn by visx from its own
 * coordinates, scaled by its viewBox, and each of two layouts (a narrow one for side panels and
 * phones, a wide one for pages) is shown by a container query, not by measuring.
 */
const LAYOUTS = {
  narrow: { width: 340, height: 190, labels: 4 },
  wide: { width: 680, height: 230, labels: 8 },
} as const;
const MARGIN = { top: 10, right: 10, bottom: 26, left: 36 };
const COLORS = { bar: '#1961ed', grid: '#e6e9ed', axis: '#d8dde3', text: '#5b6670' };

/** Tick labels as plain SVG text: visx's default <Text> measures words in the page, which the worker cannot do. */
const TickLabel = ({ formattedValue, ...props }: TickRendererProps) => <text {...props}>{formattedValue}</text>;

const TICK_LABEL = { fill: COLORS.text, fontSize: 11, fontFamily: 'inherit' } as const;

const intervalWord = (interval: CampaignAnalytics['interval']) => (interval === 'WEEK' ? 'week' : 'day');
const longDate = (label: string) => pointLabel(label, undefined, { dateStyle: 'medium' });

/** What the chart shows, said in words: the accessible name of the picture. */
function chartDescription(name: string, periodLabel: string, data: CampaignAnalytics): string {
  const busiest = data.series.reduce<TrafficPoint | null>((best, point) => (point.clicks > (best?.clicks ?? 0) ? point : best), null);
  const total = `${formatCount(data.clicks)} ${data.clicks === 1 ? 'click' : 'clicks'}`;
  const peak = busiest ? `, busiest ${data.interval === 'WEEK' ? 'week starting' : 'day'} ${longDate(busiest.label)} with ${formatCount(busiest.clicks)}` : '';
  return `Clicks per ${intervalWord(data.interval)} of ${name}, ${periodLabel.toLowerCase()}: ${total}${peak}`;
}

function BarChart({ data, layout, description }: { data: CampaignAnalytics; layout: keyof typeof LAYOUTS; description: string }) {
  const { width, height, labels } = LAYOUTS[layout];
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scaleBand({ domain: data.series.map((point) => point.label), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear({ domain: [0, Math.max(1, ...data.series.map((point) => point.clicks))], range: [innerHeight, 0], nice: true });
  // Clicks are whole: no tick at 0.5.
  const yTicks = y.ticks(4).filter(Number.isInteger);
  const every = Math.ceil(data.series.length / labels);
  const xTicks = data.series.filter((_, index) => index % every === 0).map((point) => point.label);
  return (
    <svg className={`tf-chart tf-chart-${layout}`} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description}>
      <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
        {yTicks.map((tick) => (
          <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={COLORS.grid} />
        ))}
        {data.series.map((point) => (
          <Bar key={point.label} x={x(point.label)} y={y(point.clicks)} width={x.bandwidth()} height={innerHeight - y(point.clicks)} fill={COLORS.bar} rx={2}>
            <title>{`${longDate(point.label)}: ${formatCount(point.clicks)} clicks, ${formatCount(point.uniqueVisitors)} visitors`}</title>
          </Bar>
        ))}
        <AxisLeft scale={y} tickValues={yTicks} tickFormat={(value) => formatCount(Number(value))} hideAxisLine hideTicks tickComponent={TickLabel} tickLabelProps={{ ...TICK_LABEL, textAnchor: 'end', dx: -4, dy: '0.32em' }} />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={xTicks}
          tickFormat={(label) => pointLabel(String(label))}
          stroke={COLORS.axis}
          tickStroke={COLORS.axis}
          tickLength={4}
          tickComponent={TickLabel}
          tickLabelProps={{ ...TICK_LABEL, textAnchor: 'middle' }}
        />
      </g>
    </svg>
  );
}

function PointsTable({ name, data }: { name: string; data: CampaignAnalytics }) {
  return (
    <div className="tf-table-wrap">
      {/* Three columns fit a side panel: no cards here. */}
      <table className="tf-table">
        <caption className="tf-visually-hidden">Clicks per {intervalWord(data.interval)} of {name}</caption>
        <thead>
          <tr>
            <th scope="col">{data.interval === 'WEEK' ? 'Week of' : 'Day'}</th>
            <th scope="col" className="tf-num">
              Clicks
            </th>
            <th scope="col" className="tf-num">
              Visitors
            </th>
          </tr>
        </thead>
        <tbody>
          {data.series.map((point) => (
            <tr key={point.label}>
              <th scope="row">{longDate(point.label)}</th>
              <td data-label="Clicks" className="tf-num">
                {formatCount(point.clicks)}
              </td>
              <td data-label="Visitors" className="tf-num">
                {formatCount(point.uniqueVisitors)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Clicks and visitors of a campaign or link as bars (one layout per width), with the same figures as a table on demand. */
export function ClicksBars({ name, periodLabel, data }: { name: string; periodLabel: string; data: CampaignAnalytics }) {
  const [showTable, setShowTable] = useState(false);
  const description = chartDescription(name, periodLabel, data);
  return (
    <>
      <p className="tf-muted">
        {formatCount(data.clicks)} {data.clicks === 1 ? 'click' : 'clicks'} · {formatCount(data.uniqueVisitors)} unique {data.uniqueVisitors === 1 ? 'visitor' : 'visitors'}
      </p>
      <BarChart data={data} layout="narrow" description={description} />
      <BarChart data={data} layout="wide" description={description} />
      <button type="button" className="tf-button" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
        {showTable ? 'Hide the figures' : 'Show as a table'}
      </button>
      {showTable && <PointsTable name={name} data={data} />}
    </>
  );
}

/** A campaign's clicks over a chosen period as a bar chart, with the same figures as a table on demand. */
export function CampaignClicksChart({ campaign }: { campaign: { id: string; name: string } }) {
  const [choice, setChoice] = useState<ChartPeriodChoice>('30d');
  const variables = useMemo(() => {
    const { from, to, interval } = chartPeriod(choice, new Date());
    return { campaignId: campaign.id, from: from.toISOString(), to: to.toISOString(), interval, timeZone: runtimeTimeZone() };
  }, [campaign.id, choice]);
  const state = useQuery<{ campaignAnalytics: CampaignAnalytics }>(CAMPAIGN_ANALYTICS, variables);
  const periodLabel = CHART_PERIODS[choice].label;

  return (
    <section className="tf-chart-panel" aria-label={`Clicks over time of ${campaign.name}`}>
      <div className="tf-chart-head">
        <h3>Clicks over time</h3>
        <select className="tf-input" aria-label={`Period of the clicks chart of ${campaign.name}`} value={choice} onChange={(event) => setChoice(event.target.value as ChartPeriodChoice)}>
          {Object.entries(CHART_PERIODS).map(([key, period]) => (
            <option key={key} value={key}>
              {period.label}
            </option>
          ))}
        </select>
      </div>
      <QueryView state={state} loading="Loading clicks…">
        {({ campaignAnalytics: data }) => {
          if (data.clicks === 0)
            return (
              <Empty title={`No clicks in the ${periodLabel.toLowerCase()}`}>
                <p>Clicks on the campaign's links show here as they arrive.</p>
              </Empty>
            );
          return <ClicksBars name={campaign.name} periodLabel={periodLabel} data={data} />;
        }}
      </QueryView>
    </section>
  );
}
