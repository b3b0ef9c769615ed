import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { TrackflowException, TrackflowExceptionCode } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';

const GRAPHQL_CODES: Record<TrackflowExceptionCode, string> = {
  [TrackflowExceptionCode.NOT_FOUND]: 'NOT_FOUND',
  [TrackflowExceptionCode.CONFLICT]: 'CONFLICT',
};

/** Maps our failures to stable codes with the field and rule; anything unexpected becomes a bare internal error. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof ValidationFailure) {
    return { message: original.message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: original.field, rule: original.rule } };
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
