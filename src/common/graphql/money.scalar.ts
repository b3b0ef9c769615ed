import { GraphQLScalarType, Kind } from 'graphql';
import { decimalToMicros, microsToDecimal } from 'src/common/money/micros.util';

/**
 * Amounts travel as decimal strings ("1500.50") and live as integer micros, so no amount is ever
 * rounded through a float. Number literals are accepted for convenience.
 */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'A decimal amount with up to 6 decimals, e.g. "1500.50"; stored as integer micros.',
  serialize: (value) => microsToDecimal(value as bigint),
  parseValue: (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError('Money must be a decimal string or number');
    return decimalToMicros(value, 'amount');
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new TypeError('Money must be a decimal string or number');
    return decimalToMicros(ast.value, 'amount');
  },
});
