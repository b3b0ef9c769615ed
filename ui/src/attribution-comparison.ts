import { toCsv } from './csv';

/** The attribution report's comparison of models, as the screen shows it and exports it. */

export type Comparison = {
  reports: { modelId: string | null; modelName: string; modelType: string; marketingInfluencedConversions: number }[];
  rows: { key: string; label: string; currencyCode: string; spread: number; byModel: { conversions: number; value: string }[] }[];
};

export type ComparisonCell = { conversions: number; value: string; share: number };
export type ComparisonRow = { key: string; label: string; currencyCode: string; cells: ComparisonCell[]; spread: number; shareSpread: number };

/** The rule-based models every workspace can compare by name; data-driven ones only as fitted records. */
const STANDARD_TYPES = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED'] as const;
/** The server compares at most this many models at once. */
export const MAX_COMPARED = 8;

/** The workspace's active models, then each standard type none of them is, up to the server's limit. */
export function modelsToCompare(models: readonly { id: string; modelType: string; isActive: boolean }[]): string[] {
  const active = models.filter((model) => model.isActive);
  const missing = STANDARD_TYPES.filter((type) => !active.some((model) => model.modelType === type));
  return [...active.map((model) => model.id), ...missing].slice(0, MAX_COMPARED);
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * Each group's credit under each model, with its share of the conversions that model credited,
 * and the spread: largest minus smallest share, in percentage points. Figures are rounded here
 * once, so the table and the CSV say the same thing.
 */
export function comparisonRows(comparison: Comparison): ComparisonRow[] {
  return comparison.rows.map((row) => {
    const cells = row.byModel.map((credit, index) => {
      const whole = comparison.reports[index]?.marketingInfluencedConversions ?? 0;
      return { conversions: round(credit.conversions, 2), value: credit.value, share: whole > 0 ? round(credit.conversions / whole, 4) : 0 };
    });
    const shares = cells.map((cell) => cell.share);
    return { key: row.key, label: row.label, currencyCode: row.currencyCode, cells, spread: round(row.spread, 2), shareSpread: round(Math.max(...shares) - Math.min(...shares), 4) };
  });
}

/** The CSV of the rows shown: one line per group, three columns per model, then the spreads. */
export function comparisonCsv(comparison: Comparison, rows: readonly ComparisonRow[], groupBy: string): string {
  const header = [groupBy, 'Currency', ...comparison.reports.flatMap((report) => [`${report.modelName}: conversions`, `${report.modelName}: value`, `${report.modelName}: share %`]), 'Spread (share points)', 'Spread (conversions)'];
  return toCsv([
    header,
    ...rows.map((row) => [row.label, row.currencyCode, ...row.cells.flatMap((cell) => [cell.conversions, cell.value, round(cell.share * 100, 2)]), round(row.shareSpread * 100, 2), row.spread]),
  ]);
}
