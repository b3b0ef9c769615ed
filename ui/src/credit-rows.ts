/** Ranking credited groups (campaigns, channels) by the revenue a model gives them. */

type Credited = { key: string; currencyCode: string; value: string };

/**
 * The `limit` groups with the most credited value in one currency (values of different currencies
 * cannot be ranked together), each with its share of that currency's credited total.
 */
export function topByValue<Row extends Credited>(rows: readonly Row[], currencyCode: string, limit: number): { row: Row; share: number }[] {
  const inCurrency = rows.filter((row) => row.currencyCode === currencyCode);
  const total = inCurrency.reduce((sum, row) => sum + Number(row.value), 0);
  return [...inCurrency]
    .sort((a, b) => Number(b.value) - Number(a.value) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((row) => ({ row, share: total > 0 ? Number(row.value) / total : 0 }));
}
