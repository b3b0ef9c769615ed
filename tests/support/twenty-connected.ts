import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TestServer } from 'tests/support/test-server';
import { settleTwenty } from 'tests/twenty-standin/settle';
import { TwentyStandIn } from 'tests/twenty-standin/twenty-standin';

/** A TrackFlow workspace installed into a Twenty stand-in whose webhooks reach this test server. */
export type ConnectedWorkspace = { server: TestServer; twenty: TwentyStandIn; key: string; workspaceName: string };

export async function startConnectedWorkspace(prefix: string): Promise<ConnectedWorkspace> {
  const server = await TestServer.start();
  const workspaceName = `${prefix}-${Math.random().toString(36).slice(2)}`;
  const { key } = await server.createKey(workspaceName);
  const twenty = await TwentyStandIn.start();
  twenty.deliverTo = `${server.url}/webhooks/twenty`;
  await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName, dryRun: false, log: () => undefined, client: { baseDelayMs: 10 } });
  // The install spends most of a minute's 100 requests; the flows tested next happen long after it in real use.
  twenty.forgetRateLimits();
  return { server, twenty, key, workspaceName };
}

export async function stopConnectedWorkspace({ server, twenty }: ConnectedWorkspace): Promise<void> {
  await twenty.stop();
  await server.stop();
}

export function settle({ server, twenty }: ConnectedWorkspace): Promise<void> {
  return settleTwenty(server.running.app, twenty, 20_000);
}
