import { ColumnOptions, ValueTransformer } from 'typeorm';

/** pg returns int8 as text; counters and micros are handled as bigint so no amount is ever rounded. */
const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

export const bigintColumn = (name: string): ColumnOptions => ({ type: 'bigint', name, transformer: bigintTransformer });
export const nullableBigintColumn = (name: string): ColumnOptions => ({ ...bigintColumn(name), nullable: true });
