/** An amount of one currency, in micros. */
export interface CurrencyAmount {
  currencyCode: string;
  amount: bigint;
}

/** Sums money per currency: amounts of different currencies are never added together. */
export class CurrencyTotals {
  private readonly totals = new Map<string, bigint>();

  add(currencyCode: string, micros: bigint): void {
    this.totals.set(currencyCode, (this.totals.get(currencyCode) ?? 0n) + micros);
  }

  /** One entry per currency met, in currency-code order, so equal totals always print alike. */
  list(): CurrencyAmount[] {
    return [...this.totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currencyCode, amount]) => ({ currencyCode, amount }));
  }
}
