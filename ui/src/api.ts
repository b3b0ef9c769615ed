/**
 * How the screens reach TrackFlow's GraphQL: the standalone dashboard posts to /graphql with the
 * user's API key, the Twenty app through its forwarding logic function. Both answer
 * GraphQL-shaped bodies, so one interpretation of {data, errors} serves both.
 */
export type GraphqlPost = (body: { query: string; variables: Record<string, unknown> }) => Promise<unknown>;

export interface TrackflowApi {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** A refusal from TrackFlow, with the input field it names when it names one. */
export class TrackflowError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'TrackflowError';
  }
}

type GraphqlBody = { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown; field?: unknown } }[] };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function graphqlApi(post: GraphqlPost): TrackflowApi {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const body = (await post({ query, variables })) as GraphqlBody | null;
      const [error] = body?.errors ?? [];
      if (error) throw new TrackflowError(text(error.message) ?? 'TrackFlow refused the request', text(error.extensions?.code), text(error.extensions?.field));
      if (!body || body.data === undefined || body.data === null) throw new TrackflowError('TrackFlow answered without data');
      return body.data as T;
    },
  };
}

/** The standalone dashboard's transport: same-origin /graphql with a bearer API key. */
export function httpPost(endpoint: string, apiKey: string): GraphqlPost {
  return async (body) => {
    let response: Response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify(body) });
    } catch {
      throw new TrackflowError('TrackFlow cannot be reached: check your connection', 'UNREACHABLE');
    }
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new TrackflowError(`TrackFlow answered ${response.status} without JSON`, 'BAD_ANSWER');
    }
  };
}
