/** The look of the analytics screens (overview, attribution report, site, link detail), added to the shared sheet. */
export const ANALYTICS_CSS = `
.tf-period { border: 0; margin: 0; padding: 0; display: flex; gap: 8px 12px; flex-wrap: wrap; align-items: flex-start; }
.tf-period .tf-field { flex: 1 1 10em; max-width: 16em; }
.tf-kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 0; }
.tf-kpi { border: 1px solid var(--tf-line); border-radius: 8px; padding: 8px 10px; background: #fff; display: flex; flex-direction: column; gap: 2px; margin: 0; }
.tf-kpi dt { font-size: 12px; color: var(--tf-muted); font-weight: 600; }
.tf-kpi dd { margin: 0; }
.tf-kpi-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tf-kpi-before { font-size: 12px; color: var(--tf-muted); }
.tf-change-up { color: #1b6b34; } .tf-change-down { color: #9b1c1c; }
.tf-sparks { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
.tf-spark-panel { border: 1px solid var(--tf-line); border-radius: 8px; padding: 8px 10px; background: #fbfcfd; }
.tf-spark-panel h4 { margin: 0 0 4px; font-size: 13px; }
.tf-spark { display: block; width: 100%; height: 56px; }
.tf-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.tf-section-head { display: flex; gap: 8px; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; }
.tf-section-head h3 { margin: 0; }
.tf-break { overflow-wrap: anywhere; }
.tf-fit { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; justify-content: space-between; }
.tf-columns h4 { margin: 0 0 4px; font-size: 13px; }
.tf-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: baseline; }
`;
