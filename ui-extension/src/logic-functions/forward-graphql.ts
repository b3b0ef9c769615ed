/**
 * The heart of the app's GraphQL route, free of the SDK so TrackFlow's own test suite can drive
 * it against a real TrackFlow server. Every answer is GraphQL-shaped ({data?, errors?}), so a
 * front component handles a misconfigured app, a bad request and TrackFlow's own errors alike.
 */
/** Where Twenty serves the app's route (under /s): the logic function listens there, the front components post there. */
export const TRACKFLOW_ROUTE_PATH = '/trackflow/graphql';

export interface TrackflowConnection {
  /** TrackFlow's base URL, e.g. https://trackflow.example.com (application variable TRACKFLOW_URL). */
  url: string | undefined;
  /** A TrackFlow API key (secret application variable TRACKFLOW_API_KEY): it never leaves Twenty's server. */
  apiKey: string | undefined;
}

export interface ForwardedAnswer {
  status: number;
  body: unknown;
}

const failure = (status: number, message: string, extensions: Record<string, string>): ForwardedAnswer => ({ status, body: { errors: [{ message, extensions }] } });

const notConfigured = (variable: string) =>
  failure(503, `The TrackFlow app is not configured: set its application variable ${variable} in Twenty's settings`, { code: 'NOT_CONFIGURED', variable });

const badInput = (field: string, rule: string) => failure(400, `${field} ${rule}`, { code: 'BAD_USER_INPUT', field, rule });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function forwardGraphql(connection: TrackflowConnection, body: unknown, timeoutMs = 10_000): Promise<ForwardedAnswer> {
  const url = connection.url?.trim().replace(/\/+$/, '');
  const apiKey = connection.apiKey?.trim();
  if (!url) return notConfigured('TRACKFLOW_URL');
  if (!apiKey) return notConfigured('TRACKFLOW_API_KEY');
  if (!isRecord(body)) return badInput('body', 'must be a JSON object {query, variables?, operationName?}');
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || !query.trim()) return badInput('query', 'must be a non-empty GraphQL document');
  if (variables !== undefined && variables !== null && !isRecord(variables)) return badInput('variables', 'must be an object');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return badInput('operationName', 'must be a string');

  const endpoint = `${url}/graphql`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables: variables ?? undefined, operationName: operationName ?? undefined }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // fetch reports network failures as "fetch failed" with the reason in cause.
    const reason = (error as Error & { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    return failure(502, `TrackFlow at ${endpoint} did not answer: ${reason}`, { code: 'UPSTREAM_UNREACHABLE' });
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return failure(502, `TrackFlow answered ${response.status} without JSON: ${text.slice(0, 200)}`, { code: 'UPSTREAM_BAD_ANSWER' });
  }
}
