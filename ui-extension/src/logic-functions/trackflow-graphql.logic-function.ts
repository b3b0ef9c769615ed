import { defineLogicFunction, type RoutePayload } from 'twenty-sdk/define';
import { Response } from 'twenty-sdk/logic-function';
import { forwardGraphql, TRACKFLOW_ROUTE_PATH } from './forward-graphql';

/**
 * POST /s/trackflow/graphql: the only way the app's screens reach TrackFlow. It runs on Twenty's
 * server for signed-in users, so TrackFlow's API key stays a secret application variable and is
 * never sent to the browser.
 */
export default defineLogicFunction({
  universalIdentifier: '2ba787eb-8575-4f6e-8b53-5e4f6f782f6e',
  name: 'trackflow-graphql',
  description: "Forwards a GraphQL request to TrackFlow with the app's API key",
  timeoutSeconds: 15,
  httpRouteTriggerSettings: { path: TRACKFLOW_ROUTE_PATH, httpMethod: 'POST', isAuthRequired: true },
  handler: async (request: RoutePayload) => {
    const answer = await forwardGraphql({ url: process.env.TRACKFLOW_URL, apiKey: process.env.TRACKFLOW_API_KEY }, request.body);
    return new Response(answer.body, { status: answer.status });
  },
});
