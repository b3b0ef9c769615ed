import { GraphqlPost, TrackflowError } from '../../../ui/src/api';
import { TRACKFLOW_ROUTE_PATH } from '../logic-functions/forward-graphql';

/** How a front component reaches its app's route: Twenty's URL and the app's short-lived access token. */
export interface AppRouteAccess {
  apiUrl: string | undefined;
  token: () => string | undefined;
  /** Twenty hands out a fresh token when the one in hand has expired. */
  refreshToken?: () => Promise<string>;
}

/**
 * The screens' transport inside Twenty: their GraphQL goes to the app's logic function, which
 * adds TrackFlow's API key on Twenty's server. Free of the SDK, so a test drives it for real.
 */
export function appRoutePost(access: AppRouteAccess, fetchImpl: typeof fetch = fetch): GraphqlPost {
  return async (body) => {
    const apiUrl = access.apiUrl?.replace(/\/+$/, '');
    if (!apiUrl) throw new TrackflowError("Twenty did not give this component its API URL: reload the page", 'NOT_CONFIGURED');
    const send = (token: string | undefined) =>
      fetchImpl(`${apiUrl}/s${TRACKFLOW_ROUTE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    let response: Response;
    try {
      response = await send(access.token());
      if (response.status === 401 && access.refreshToken) response = await send(await access.refreshToken());
    } catch {
      throw new TrackflowError('Twenty cannot be reached: check your connection', 'UNREACHABLE');
    }
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new TrackflowError(`The TrackFlow app's route answered ${response.status} without JSON`, 'BAD_ANSWER');
    }
  };
}
