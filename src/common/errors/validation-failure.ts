/**
 * One rejected input value. Pure validators throw it so that GraphQL, REST and the CLI can each
 * turn it into their own error shape while the message stays the same everywhere.
 */
export class ValidationFailure extends Error {
  override readonly name = 'ValidationFailure';

  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
