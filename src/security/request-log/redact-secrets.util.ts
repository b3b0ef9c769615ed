const SECRET_NAME = /secret|password|passwd|token|authorization|api[_-]?key|^key$|signature|cookie/i;
const SECRET_VALUE = /\b(tfk|tfp)_[A-Za-z0-9_-]{8,}/g;
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

/**
 * A copy of a request body fit for the request log: values under secret-sounding names are
 * replaced, and TrackFlow keys are masked wherever they appear (a query text can embed one).
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, (_match, kind: string) => `${kind}_${REDACTED}`);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return depth >= MAX_DEPTH ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, SECRET_NAME.test(name) ? REDACTED : redactSecrets(item, depth + 1)]));
}

/** What the log stores: redacted JSON cut to a bound, so one huge request cannot bloat the table. */
export function loggableBody(value: unknown, maxChars = 16_384): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(redactSecrets(value));
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * A response body for the log: JSON is redacted like a request (a new key's secret is in its
 * answer); a body too large to read whole is not kept, since a cut JSON text cannot be redacted.
 */
export function loggableResponse(text: string | null, bytes: number): string | null {
  if (text === null) return `[${bytes} bytes not kept: too large to redact]`;
  if (text === '') return null;
  try {
    return loggableBody(JSON.parse(text));
  } catch {
    return loggableBody(text);
  }
}
