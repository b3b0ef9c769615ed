export enum TrackflowExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
}

/** Business failures other than input validation (see ValidationFailure); mapped once in the GraphQL error formatter. */
export class TrackflowException extends Error {
  constructor(
    readonly code: TrackflowExceptionCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string, field = 'id') =>
  new TrackflowException(TrackflowExceptionCode.NOT_FOUND, `${what} ${id} does not exist in this workspace`, field);
