import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505), optionally of one named constraint: callers turn a lost insert race into their own answer. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
