/**
 * How Twenty refused a call, read from its answer (docs/twenty-contracts.md, "Errors"). Twenty's
 * status codes moved between versions (a missing permission is 400 in older servers and 403 in
 * newer ones; a missing webhook 400, 200 `false` or 404), so callers decide on the kind, never on
 * the bare status.
 */
type TwentyFailureKind = 'auth' | 'permission' | 'not-found' | 'throttled' | 'invalid' | 'unavailable';

export class TwentyApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly kind: TwentyFailureKind,
    /** Twenty's own error code when it sent one (PERMISSION_DENIED, WEBHOOK_NOT_FOUND, FORBIDDEN, …). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The REST error envelope: `{statusCode, error, messages[, code]}`; authentication failures put their code in `error`. */
type RestErrorBody = { error?: unknown; messages?: unknown; message?: unknown; code?: unknown };

const PERMISSION_CODES = new Set(['PERMISSION_DENIED', 'API_KEY_ROLE_NOT_FOUND', 'NO_ROLE_FOUND_FOR_USER_WORKSPACE']);
const NOT_FOUND_CODES = new Set(['WEBHOOK_NOT_FOUND', 'RECORD_NOT_FOUND', 'OBJECT_METADATA_NOT_FOUND', 'FIELD_METADATA_NOT_FOUND', 'NOT_FOUND']);
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN_EXCEPTION', 'INVALID_JWT_TOKEN_TYPE']);
/** Older servers answer a missing permission with 400 and only this text to tell it (their `code` came later). */
const PERMISSION_TEXT = /does not have permission/i;

function restFailureKind(status: number, code: string | undefined, text: string): TwentyFailureKind {
  if (status === 429) return 'throttled';
  if (status >= 500 || status === 0) return 'unavailable';
  if ((code && PERMISSION_CODES.has(code)) || PERMISSION_TEXT.test(text)) return 'permission';
  if (status === 401 || (code && AUTH_CODES.has(code))) return 'auth';
  if (status === 404 || (code && NOT_FOUND_CODES.has(code))) return 'not-found';
  if (status === 403) return 'permission';
  return 'invalid';
}

export function restFailure(status: number, rawBody: string, what: string): TwentyApiError {
  let body: RestErrorBody = {};
  try {
    body = JSON.parse(rawBody) as RestErrorBody;
  } catch {
    // Not JSON (a proxy's page): the raw text is all there is to show.
  }
  const messages = Array.isArray(body.messages) ? body.messages.filter((message) => typeof message === 'string').join('; ') : typeof body.message === 'string' ? body.message : '';
  const code = typeof body.code === 'string' ? body.code : typeof body.error === 'string' && /^[A-Z_]+$/.test(body.error) ? body.error : undefined;
  const text = messages || rawBody.slice(0, 500);
  return new TwentyApiError(status, `Twenty answered ${status} to ${what}: ${text}`, restFailureKind(status, code, text), code);
}

type GraphqlError = { message: string; extensions?: { code?: string; errors?: unknown } };

/** Twenty's metadata validation errors carry the real reasons under `extensions.errors.<entity>[].errors[].message` (M0). */
function validationReasons(error: GraphqlError): string[] {
  const groups = error.extensions?.errors;
  if (!groups || typeof groups !== 'object') return [];
  return Object.values(groups as Record<string, unknown>)
    .flatMap((entries) => (Array.isArray(entries) ? entries : []))
    .flatMap((entry: { errors?: { message?: unknown }[] }) => (Array.isArray(entry?.errors) ? entry.errors : []))
    .flatMap((reason) => (typeof reason?.message === 'string' ? [reason.message] : []));
}

/** GraphQL errors from /metadata: `extensions.code` says what kind (FORBIDDEN, BAD_USER_INPUT, METADATA_VALIDATION_FAILED, NOT_FOUND, UNAUTHENTICATED, …). */
export function metadataFailure(status: number, errors: GraphqlError[], what: string): TwentyApiError {
  const code = errors.find((error) => error.extensions?.code)?.extensions?.code;
  const text = errors.map((error) => [error.message, ...validationReasons(error)].join(': ')).join('; ');
  const kind: TwentyFailureKind =
    code === 'FORBIDDEN' || code === 'PERMISSION_DENIED' || PERMISSION_TEXT.test(text)
      ? 'permission'
      : code === 'UNAUTHENTICATED'
        ? 'auth'
        : code === 'NOT_FOUND'
          ? 'not-found'
          : code === 'INTERNAL_SERVER_ERROR'
            ? 'unavailable'
            : status === 429
              ? 'throttled'
              : 'invalid';
  return new TwentyApiError(status, `Twenty refused ${what}: ${text}`, kind, code);
}
