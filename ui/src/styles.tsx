import { ANALYTICS_CSS } from './analytics-styles';

/**
 * The screens' look, scoped under .tf-root. The root is a size container: layouts follow the
 * width the screens get (Twenty's side panel, a phone, a desktop page), not the window's.
 */
const CSS = `
.tf-root { container-type: inline-size; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; --tf-accent: #1961ed; --tf-line: #d8dde3; --tf-muted: #5b6670; }
.tf-root *, .tf-root *::before, .tf-root *::after { box-sizing: border-box; }
.tf-root h2 { font-size: 18px; margin: 0; }
.tf-root h3 { font-size: 15px; margin: 12px 0 8px; }
.tf-root a { color: var(--tf-accent); }
.tf-root :focus-visible { outline: 2px solid var(--tf-accent); outline-offset: 2px; }
.tf-screen { display: flex; flex-direction: column; gap: 12px; padding: 12px; }
.tf-screen-header { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.tf-screen-header h2 { flex: 1; min-width: 8em; }
.tf-header-actions, .tf-form-actions, .tf-link-actions, .tf-actions { display: flex; gap: 6px; flex-wrap: wrap; }
.tf-toolbar { display: flex; gap: 6px; flex-wrap: wrap; }
.tf-toolbar input[type=search] { flex: 1 1 12em; }
.tf-button { font: inherit; border: 1px solid var(--tf-line); background: #fff; color: inherit; border-radius: 6px; padding: 6px 12px; cursor: pointer; min-height: 34px; }
.tf-button:hover { background: #f3f5f7; }
.tf-button:disabled { opacity: .6; cursor: default; }
.tf-primary { background: var(--tf-accent); border-color: var(--tf-accent); color: #fff; }
.tf-primary:hover { background: #0f4fc9; }
.tf-danger { background: #b71c1c; border-color: #b71c1c; color: #fff; }
.tf-danger:hover { background: #8e1414; }
.tf-link-button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; color: var(--tf-accent); cursor: pointer; text-align: left; }
.tf-input { font: inherit; border: 1px solid var(--tf-line); border-radius: 6px; padding: 6px 8px; min-height: 34px; background: #fff; color: inherit; width: 100%; }
.tf-toolbar .tf-input { width: auto; }
.tf-input[aria-invalid=true] { border-color: #c62828; }
.tf-panel { border: 1px solid var(--tf-line); border-radius: 8px; padding: 12px; background: #fff; }
.tf-form { display: flex; flex-direction: column; gap: 8px; }
.tf-form h3 { margin-top: 0; }
.tf-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px 12px; }
.tf-field { display: flex; flex-direction: column; gap: 2px; }
.tf-field label { font-weight: 600; font-size: 13px; }
.tf-field-error, .tf-form-error { color: #b71c1c; font-size: 13px; margin: 0; }
.tf-hint, .tf-muted { color: var(--tf-muted); font-size: 13px; }
.tf-list { list-style: none; padding: 0; margin: 0; }
.tf-list li { padding: 8px 0; border-bottom: 1px solid var(--tf-line); overflow-wrap: anywhere; }
.tf-table-wrap { overflow-x: auto; }
.tf-table { border-collapse: collapse; width: 100%; }
.tf-table caption { text-align: left; font-weight: 600; padding: 8px 0; }
.tf-table th, .tf-table td { padding: 8px; border-bottom: 1px solid var(--tf-line); text-align: left; vertical-align: top; }
.tf-table thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--tf-muted); }
.tf-table tbody th .tf-muted, .tf-compare td .tf-muted { display: block; font-weight: 400; }
/* A flex cell would leave the table's grid: the row's border would stop short of it. */
.tf-table td.tf-actions { display: table-cell; white-space: normal; }
.tf-table td.tf-actions > * { margin: 0 6px 6px 0; }
.tf-num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tf-badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; }
.tf-badge-green { background: #e3f5e8; color: #1b6b34; } .tf-badge-grey { background: #eceff1; color: #455a64; }
.tf-badge-amber { background: #fff3d6; color: #7a4d00; } .tf-badge-red { background: #fde4e4; color: #9b1c1c; } .tf-badge-blue { background: #e3ecfd; color: #1447b0; }
.tf-state { display: flex; flex-direction: column; align-items: center; gap: 8px; padding: 24px 12px; text-align: center; color: var(--tf-muted); }
.tf-state p { margin: 0; }
.tf-error { color: #9b1c1c; }
.tf-empty-title { font-weight: 600; color: #1f2328; }
.tf-spinner { width: 20px; height: 20px; border: 3px solid var(--tf-line); border-top-color: var(--tf-accent); border-radius: 50%; animation: tf-spin 0.8s linear infinite; }
@keyframes tf-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .tf-spinner { animation: none; } }
.tf-link-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.tf-link-card { display: grid; grid-template-columns: 1fr auto; gap: 12px; }
.tf-link-main { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.tf-link-head { display: flex; align-items: center; gap: 8px; }
.tf-link-head h3 { margin: 0; overflow-wrap: anywhere; }
.tf-copy-row { display: flex; gap: 6px; }
.tf-short-url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.tf-destination { margin: 0; overflow-wrap: anywhere; }
.tf-stats { display: flex; gap: 16px; flex-wrap: wrap; }
.tf-stat { display: flex; flex-direction: column; }
.tf-stat-value { font-size: 18px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tf-stat-label { font-size: 12px; color: var(--tf-muted); }
.tf-qr { margin: 0; display: flex; flex-direction: column; align-items: center; gap: 4px; }
.tf-qr img { border: 1px solid var(--tf-line); border-radius: 4px; background: #fff; }
.tf-qr figcaption { display: flex; gap: 10px; font-size: 13px; }
.tf-variants { grid-column: 1 / -1; border-top: 1px solid var(--tf-line); padding-top: 8px; }
.tf-inline-form { display: flex; gap: 8px; flex-wrap: wrap; align-items: flex-end; margin-top: 8px; }
.tf-inline-form .tf-field { flex: 1 1 140px; }
.tf-inline-title { flex: 1 1 100%; margin: 0; }
.tf-weight { width: 6em; }
.tf-timeline, .tf-timeline ol { list-style: none; margin: 0; padding: 0; }
.tf-timeline-day h3 { font-size: 13px; color: var(--tf-muted); text-transform: uppercase; letter-spacing: .03em; }
.tf-timeline-item { display: grid; grid-template-columns: 28px 1fr; gap: 8px; padding: 6px 0 10px; border-left: 2px solid var(--tf-line); margin-left: 13px; padding-left: 0; }
.tf-timeline-icon { margin-left: -15px; width: 28px; height: 28px; border-radius: 50%; background: #fff; border: 2px solid var(--tf-line); display: grid; place-items: center; font-size: 13px; }
.tf-conversion .tf-timeline-icon { border-color: #1b6b34; color: #1b6b34; }
.tf-click .tf-timeline-icon { border-color: var(--tf-accent); color: var(--tf-accent); }
.tf-timeline-title { margin: 3px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.tf-timeline-item p { margin: 0; }
.tf-pages { margin: 4px 0 0; padding-left: 18px; color: var(--tf-muted); font-size: 13px; overflow-wrap: anywhere; }
.tf-bars { display: flex; flex-direction: column; gap: 6px; }
.tf-links-touched { list-style: none; margin: 12px 0; padding: 0; display: flex; flex-direction: column; gap: 4px; overflow-wrap: anywhere; }
.tf-bar-row { display: grid; grid-template-columns: minmax(6em, 10em) 1fr auto; gap: 8px; align-items: center; }
.tf-bar { height: 10px; background: #eef1f4; border-radius: 5px; overflow: hidden; }
.tf-bar span { display: block; height: 100%; background: var(--tf-accent); }
.tf-roi-gain { color: #1b6b34; }
.tf-roi-loss { color: #9b1c1c; }
.tf-table tr.tf-detail-row > td { padding: 0 0 12px; }
.tf-chart-panel { display: flex; flex-direction: column; gap: 8px; border: 1px solid var(--tf-line); border-radius: 8px; padding: 12px; background: #fbfcfd; }
.tf-chart-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.tf-chart-head h3 { margin: 0; flex: 1; }
.tf-chart-head .tf-input { width: auto; }
.tf-chart-panel > p { margin: 0; }
.tf-chart-panel > .tf-button { align-self: flex-start; }
.tf-chart { display: block; width: 100%; height: auto; }
.tf-chart-narrow { max-width: 520px; }
.tf-chart-wide { display: none; max-width: 820px; }
@container (min-width: 641px) {
  .tf-chart-narrow { display: none; }
  .tf-chart-wide { display: block; }
}
.tf-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.tf-shell { max-width: 1100px; margin: 0 auto; }
.tf-nav { display: flex; gap: 4px; flex-wrap: wrap; padding: 8px 12px; border-bottom: 1px solid var(--tf-line); align-items: center; }
.tf-nav a { text-decoration: none; }
.tf-nav .tf-brand { font-weight: 700; margin-right: 12px; }
.tf-nav [aria-current=page] { background: #e3ecfd; border-color: #b9cdf8; color: #1447b0; }
.tf-nav .tf-spacer { flex: 1; }
.tf-toast { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); background: #1f2328; color: #fff; padding: 8px 16px; border-radius: 6px; max-width: calc(100vw - 32px); z-index: 10; }
.tf-toast-error { background: #9b1c1c; }
.tf-subnav { display: flex; gap: 4px; flex-wrap: wrap; padding: 8px 12px 0; }
.tf-subnav a { text-decoration: none; }
.tf-subnav [aria-current=page] { background: #e3ecfd; border-color: #b9cdf8; }
/* The accent on the current tab's tint is too faint to read (axe color-contrast). */
.tf-nav a[aria-current=page], .tf-subnav [aria-current=page] { color: #1447b0; }
.tf-check { display: flex; gap: 8px; align-items: center; font-weight: 600; font-size: 13px; min-height: 34px; }
.tf-check input { width: 18px; height: 18px; margin: 0; }
.tf-checks { display: flex; flex-wrap: wrap; gap: 4px 16px; border: 0; padding: 0; margin: 0; }
.tf-checks legend { font-weight: 600; font-size: 13px; padding: 0; margin-bottom: 2px; }
.tf-intro { margin: 0; }
.tf-break { overflow-wrap: anywhere; }
.tf-rule { border: 1px solid var(--tf-line); border-radius: 8px; padding: 8px 12px; margin: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.tf-rule legend { font-weight: 600; padding: 0 4px; }
.tf-grow { flex: 1; min-width: 8em; }
.tf-root .tf-auto { width: auto; }
.tf-secret { border-color: #1b6b34; background: #f3fbf5; }
.tf-secret p { margin: 0; }
.tf-search { display: flex; flex-direction: column; gap: 4px; padding: 12px 12px 0; }
.tf-search-status { margin: 0; min-height: 1.2em; }
.tf-search-results { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.tf-search-result { font: inherit; width: 100%; text-align: left; display: flex; flex-direction: column; gap: 2px; border: 1px solid var(--tf-line); border-radius: 6px; background: #fff; color: inherit; padding: 6px 10px; cursor: pointer; overflow-wrap: anywhere; }
.tf-search-result:hover { background: #f3f5f7; }
.tf-search-result[aria-current=true] { border-color: var(--tf-accent); background: #e3ecfd; }
.tf-search-title { font-weight: 600; }
.tf-lookup { display: flex; gap: 6px; flex-wrap: wrap; align-items: flex-end; padding: 12px 12px 0; }
.tf-lookup .tf-field { flex: 1 1 16em; }
.tf-suggestion { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; margin: 4px 0 0; }
.tf-progress { width: 100%; height: 12px; accent-color: var(--tf-accent); }
@container (max-width: 640px) {
  .tf-cards-when-narrow caption { display: block; width: 100%; }
  .tf-cards-when-narrow thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .tf-cards-when-narrow, .tf-cards-when-narrow tbody, .tf-cards-when-narrow tr, .tf-cards-when-narrow th, .tf-cards-when-narrow td { display: block; width: 100%; }
  .tf-cards-when-narrow tr { border: 1px solid var(--tf-line); border-radius: 8px; margin-bottom: 8px; padding: 4px 0; }
  .tf-cards-when-narrow th, .tf-cards-when-narrow td { border: 0; padding: 4px 10px; }
  .tf-cards-when-narrow td.tf-actions { display: block; }
  .tf-cards-when-narrow td[data-label] { display: flex; justify-content: space-between; gap: 12px; }
  .tf-cards-when-narrow td[data-label]::before { content: attr(data-label); color: var(--tf-muted); font-size: 13px; text-align: left; }
  .tf-link-card { grid-template-columns: 1fr; }
  .tf-qr { flex-direction: row; justify-content: flex-start; }
  .tf-bar-row { grid-template-columns: 1fr auto; }
  .tf-bar { grid-column: 1 / -1; grid-row: 2; }
}
`;

export function TrackflowStyles() {
  return <style>{CSS + ANALYTICS_CSS}</style>;
}
