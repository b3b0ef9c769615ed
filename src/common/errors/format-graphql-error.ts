import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { TrackflowException, TrackflowExceptionCode } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';

const GRAPHQL_CODES: Record<TrackflowExceptionCode, string> = {
  [TrackflowExceptionCode.NOT_FOUND]: 'NOT_FOUND',
  [TrackflowExceptionCode.CONFLICT]: 'CONFLICT',
};

// graphql-js tells where in a variable a scalar failed only in its message: `... at "input.budget"; Expected type "Money". ...`
const VARIABLE_PATH = /^Variable "\$\w+" got invalid value .* at "\w+\.([^"]+)"; Expected type /s;

/** A scalar's ValidationFailure reaches us wrapped twice: in the variable's coercion error, then in Apollo's UserInputError. */
function validationFailureIn(error: unknown): ValidationFailure | undefined {
  let current = error;
  while (current instanceof GraphQLError) current = current.originalError;
  return current instanceof ValidationFailure ? current : undefined;
}

/** Maps our failures to stable codes with the field and rule; anything unexpected becomes a bare internal error. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const failure = validationFailureIn(error);
  if (failure) {
    // A scalar names its value generically ("amount"); the variable path names the input field.
    const field = VARIABLE_PATH.exec(formatted.message)?.[1] ?? failure.field;
    return { message: `${field}: ${failure.rule}`, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field, rule: failure.rule } };
  }
  if (original instanceof TrackflowException) {
    return { message: original.message, path: formatted.path, extensions: { code: GRAPHQL_CODES[original.code], field: original.field } };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
}
