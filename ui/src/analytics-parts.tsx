import { scaleLinear } from '@visx/scale';
import { AreaClosed, LinePath } from '@visx/shape';
import { ReactNode, useMemo, useState } from 'react';
import { pointLabel, runtimeTimeZone } from './chart-period';
import { DataTable, Field } from './components';
import { formatCount } from './format';
import { PERIOD_PRESETS, PeriodChoice, PeriodPreset, reportPeriod, timeZoneChoices } from './report-period';

/** Pieces the analytics screens share: the period picker, sparklines, bar lists and breakdown tables. */

/** The chosen period and what it means now, or the rule a custom period breaks. */
export function useReportPeriod(initial: PeriodPreset = '30d') {
  const [choice, setChoice] = useState<PeriodChoice>(() => ({ preset: initial, timeZone: runtimeTimeZone(), customFrom: '', customTo: '' }));
  const result = useMemo(() => reportPeriod(choice, new Date()), [choice]);
  return { choice, setChoice, period: 'period' in result ? result.period : null, invalid: 'field' in result ? result : null };
}

export function PeriodPicker({ choice, onChange, invalid, label }: { choice: PeriodChoice; onChange: (choice: PeriodChoice) => void; invalid: { field: 'from' | 'to'; error: string } | null; label: string }) {
  const zones = useMemo(() => timeZoneChoices(choice.timeZone), [choice.timeZone]);
  return (
    <fieldset className="tf-period">
      <legend className="tf-visually-hidden">{label}</legend>
      <Field label="Period">
        {(props) => (
          <select {...props} className="tf-input" value={choice.preset} onChange={(event) => onChange({ ...choice, preset: event.target.value as PeriodPreset })}>
            {Object.entries(PERIOD_PRESETS).map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {choice.preset === 'custom' && (
        <>
          <Field label="From" error={invalid?.field === 'from' ? invalid.error : null}>
            {(props) => <input {...props} type="date" className="tf-input" value={choice.customFrom} onChange={(event) => onChange({ ...choice, customFrom: event.target.value })} />}
          </Field>
          <Field label="To" error={invalid?.field === 'to' ? invalid.error : null}>
            {(props) => <input {...props} type="date" className="tf-input" value={choice.customTo} onChange={(event) => onChange({ ...choice, customTo: event.target.value })} />}
          </Field>
        </>
      )}
      <Field label="Time zone" hint="Days start at midnight here">
        {(props) => (
          <select {...props} className="tf-input" value={choice.timeZone} onChange={(event) => onChange({ ...choice, timeZone: event.target.value })}>
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}

const SPARK = { width: 240, height: 56, pad: 3 };

/**
 * A small line of one figure over the period, plain SVG drawn by visx from its own coordinates
 * (Twenty's front-component sandbox measures nothing), its figures said in its accessible name.
 */
export function Sparkline({ name, points }: { name: string; points: { label: string; value: number }[] }) {
  if (points.length === 0) return null;
  const x = scaleLinear({ domain: [0, Math.max(1, points.length - 1)], range: [SPARK.pad, SPARK.width - SPARK.pad] });
  const y = scaleLinear({ domain: [0, Math.max(1, ...points.map((point) => point.value))], range: [SPARK.height - SPARK.pad, SPARK.pad] });
  const busiest = points.reduce((best, point) => (point.value > best.value ? point : best), points[0]);
  const description = `${name} from ${pointLabel(points[0].label)} to ${pointLabel(points[points.length - 1].label)}: highest ${formatCount(busiest.value)} on ${pointLabel(busiest.label)}, last ${formatCount(points[points.length - 1].value)}`;
  return (
    <svg className="tf-spark" viewBox={`0 0 ${SPARK.width} ${SPARK.height}`} role="img" aria-label={description} preserveAspectRatio="none">
      <AreaClosed data={points} x={(_, index) => x(index)} y={(point) => y(point.value)} yScale={y} fill="#e3ecfd" />
      <LinePath data={points} x={(_, index) => x(index)} y={(point) => y(point.value)} stroke="#1961ed" strokeWidth={2} />
    </svg>
  );
}

/** Horizontal bars of shares of a whole, each with its figure written out (the bar alone is not the information). */
export function BarList({ label, items }: { label: string; items: { key: string; label: ReactNode; share: number; figure: ReactNode }[] }) {
  return (
    <div className="tf-bars" role="list" aria-label={label}>
      {items.map((item) => (
        <div key={item.key} className="tf-bar-row" role="listitem">
          <span className="tf-bar-label">{item.label}</span>
          <span className="tf-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, Math.min(100, Math.round(item.share * 100)))}%` }} />
          </span>
          <span className="tf-num">{item.figure}</span>
        </div>
      ))}
    </div>
  );
}

/** A ranked breakdown (pages, sources, countries...) as a table that turns into cards when narrow. */
export function BreakdownTable<Row>({ caption, rows, keyOf, columns, empty }: { caption: string; rows: Row[]; keyOf: (row: Row) => string; columns: { title: string; numeric?: boolean; cell: (row: Row) => ReactNode }[]; empty: string }) {
  return <DataTable caption={caption} rows={rows} rowKey={keyOf} columns={columns.map((column) => ({ label: column.title, num: column.numeric, cell: column.cell }))} empty={empty} />;
}
