import { InputHTMLAttributes, ReactNode, useId } from 'react';
import { formFieldOf } from './admin-forms';
import { TrackflowError } from './api';
import { formatDateTime } from './format';
import { StatusChange } from './queries';
import { QueryState } from './use-query';

function Loading({ label }: { label: string }) {
  return (
    <div className="tf-state" role="status" aria-live="polite">
      <span className="tf-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="tf-state tf-error" role="alert">
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="tf-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="tf-state tf-empty">
      <p className="tf-empty-title">{title}</p>
      {children}
    </div>
  );
}

/** The loading, error and ready branches every screen has, in one place; `notFound` replaces the error when TrackFlow knows no such record. */
export function QueryView<T>(props: { state: QueryState<T> & { reload: () => Promise<void> }; loading: string; notFound?: ReactNode; children: (data: T) => ReactNode }) {
  const { state, loading, notFound, children } = props;
  if (state.status === 'loading') return <Loading label={loading} />;
  if (state.status === 'error' && notFound && state.error instanceof TrackflowError && state.error.code === 'NOT_FOUND') return <>{notFound}</>;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void state.reload()} />;
  return <>{children(state.data)}</>;
}

/** A labelled form control; a refusal naming this field is shown under it. */
export function Field({ label, error, hint, children }: { label: string; error?: string | null; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="tf-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error ? (
        <span id={`${id}-error`} className="tf-field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="tf-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled one-line input, the most common field: its value as text, and the refusal naming it below it. */
export function TextField({ label, value, onChange, error, hint, ...input }: { label: string; value: string; onChange: (value: string) => void; error?: string | null; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(props) => <input {...input} {...props} className="tf-input" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/** The message for a field when TrackFlow's refusal names it (or one of its sub-fields, as in input.budget, or an item of it, as in ipAllowList[0].cidr). */
export function fieldError(error: Error | null, field: string): string | null {
  if (!(error instanceof TrackflowError) || !error.field) return null;
  return error.field === field || error.field.endsWith(`.${field}`) || formFieldOf(error.field) === field ? error.message : null;
}

/** A refusal that names no field of the form is shown above its buttons. */
export function FormError({ error, fields }: { error: Error | null; fields: readonly string[] }) {
  if (!error || fields.some((field) => fieldError(error, field))) return null;
  return (
    <p className="tf-form-error" role="alert">
      {error.message}
    </p>
  );
}

export function Badge({ tone, children }: { tone: 'green' | 'grey' | 'amber' | 'red' | 'blue'; children: ReactNode }) {
  return <span className={`tf-badge tf-badge-${tone}`}>{children}</span>;
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="tf-stat">
      <span className="tf-stat-value">{value}</span>
      <span className="tf-stat-label">{label}</span>
    </div>
  );
}

/** A form's submit and cancel buttons. */
export function FormActions({ submitLabel, disabled, onCancel }: { submitLabel: string; disabled?: boolean; onCancel: () => void }) {
  return (
    <div className="tf-form-actions">
      <button type="submit" className="tf-button tf-primary" disabled={disabled}>
        {submitLabel}
      </button>
      <button type="button" className="tf-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A right-aligned figure that keeps its label when the table turns into cards at narrow widths. */
export function NumberCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td data-label={label} className="tf-num">
      {children}
    </td>
  );
}

/** Stage or status changes, oldest first, with who made each (Twenty's member id, short: the CRM shows names, TrackFlow only has ids). */
export function ChangeHistory({ caption, changes }: { caption: string; changes: StatusChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="tf-table-wrap">
      <table className="tf-table tf-cards-when-narrow">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.changedAt}-${change.to}`}>
              <th scope="row" data-label="Change">
                {change.from === null ? `Created as ${change.to}` : `${change.from} → ${change.to}`}
              </th>
              <td data-label="When">
                <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>
              </td>
              <td data-label="By">{change.changedBy === null ? 'an integration' : <span title={change.changedBy}>member {change.changedBy.slice(0, 8)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
  num?: boolean;
}

/** The first column names the row (a row header); `actions` adds a last column of buttons; `empty` is said in the table when there is no row. */
export function DataTable<T>({ caption, rows, rowKey, columns, actions, empty }: { caption: string; rows: readonly T[]; rowKey: (row: T) => string; columns: Column<T>[]; actions?: (row: T) => ReactNode; empty?: string }) {
  const [first, ...rest] = columns;
  return (
    <div className="tf-table-wrap">
      <table className="tf-table tf-cards-when-narrow">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.num ? 'tf-num' : undefined}>
                {column.label}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="tf-visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty && (
            <tr>
              <td colSpan={columns.length + (actions ? 1 : 0)} className="tf-muted">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row" data-label={first.label} className="tf-break">
                {first.cell(row)}
              </th>
              {rest.map((column) => (
                <td key={column.label} data-label={column.label} className={column.num ? 'tf-num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
              {actions && <td className="tf-actions">{actions(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
