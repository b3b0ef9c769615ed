import { ValidationFailure } from 'src/common/errors/validation-failure';

const MICROS_PER_UNIT = 1_000_000n;
// Micros live in PostgreSQL bigint columns, which hold at most 9223372036854.775807.
const MAX_MICROS = 9_223_372_036_854_775_807n;
const DECIMAL = /^(-?)(\d{1,13})(?:\.(\d{1,6}))?$/;

/** Parses a decimal amount exactly (no float arithmetic) into integer micros. */
export function decimalToMicros(value: string | number, field: string): bigint {
  const text = typeof value === 'number' ? numberToPlainString(value, field) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new ValidationFailure(field, 'must be a decimal amount with at most 13 integer digits and 6 decimals, e.g. 1500.50');
  const [, sign, units, fraction = ''] = match;
  const micros = BigInt(units) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, '0'));
  if (micros > MAX_MICROS) throw new ValidationFailure(field, `must be at most ${microsToDecimal(MAX_MICROS)} in absolute value`);
  return sign === '-' ? -micros : micros;
}

function numberToPlainString(value: number, field: string): string {
  if (!Number.isFinite(value)) throw new ValidationFailure(field, 'must be a finite amount');
  return value.toFixed(6).replace(/\.?0+$/, '');
}

export function microsToDecimal(micros: bigint): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const units = absolute / MICROS_PER_UNIT;
  const fraction = (absolute % MICROS_PER_UNIT).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${units}${fraction ? '.' + fraction : ''}`;
}
