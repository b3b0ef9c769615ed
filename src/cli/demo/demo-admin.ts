import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * The demo's stand-in for a system that listens to TrackFlow's webhooks: it answers every delivery
 * 200 and counts them. It lives only as long as the demo, so stopping it pauses its subscription:
 * a conversion recorded later is not sent, again and again, to a port nobody listens on, and the
 * subscription and its deliveries stay to be looked at.
 */
export class DemoWebhookReceiver {
  received = 0;
  private pauseSubscription: (() => Promise<unknown>) | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<DemoWebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new DemoWebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/trackflow-hooks`);
    server.on('request', (request, response) => {
      request.resume();
      request.on('end', () => {
        receiver.received += 1;
        response.writeHead(200).end();
      });
    });
    return receiver;
  }

  /** Subscribes the receiver to every conversion TrackFlow records from now on. */
  async subscribe(graphql: Graphql): Promise<void> {
    const { subscribeWebhook } = await graphql<{ subscribeWebhook: { subscription: { id: string } } }>(
      `mutation($url: String!) { subscribeWebhook(eventType: "conversion.created", url: $url) { subscription { id } } }`,
      { url: this.url },
    );
    this.pauseSubscription = () => graphql(`mutation($id: ID!) { setWebhookSubscriptionActive(id: $id, active: false) { id } }`, { id: subscribeWebhook.subscription.id });
  }

  async stop(): Promise<void> {
    try {
      await this.pauseSubscription?.();
    } finally {
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      });
    }
  }
}

/**
 * What the admin screens show beyond campaigns and links: the site's privacy policy set (a line of
 * the settings log), a link template with variables and a link made from it, and two short-link
 * domains besides the server's own address, under `domainsUnder` (a domain serves one workspace,
 * and every demo makes a new one). Neither domain is primary, so every link keeps the server's
 * address and its short URL and QR code load.
 */
export async function fillAdminScreens(graphql: Graphql, site: string, domainsUnder: string, campaignId: string): Promise<{ template: string; link: string; domains: string[] }> {
  await graphql(`mutation($link: String!) { updateSettings(input: {privacyPolicyLink: $link}) { privacyPolicyLink } }`, { link: `https://${site}/privacy` });
  const { createLinkTemplate } = await graphql<{ createLinkTemplate: { id: string; templateName: string } }>(
    `mutation($input: CreateLinkTemplateInput!) { createLinkTemplate(input: $input) { id templateName } }`,
    {
      input: {
        templateName: 'Newsletter article',
        urlTemplate: `https://${site}/blog/{slug}?issue={issue}`,
        description: 'One link per article of an issue',
        campaignId,
        source: 'newsletter',
        medium: 'email',
        variables: [
          { variableName: 'slug', variableType: 'TEXT', isRequired: true, description: 'The article path', validationRules: { pattern: '^[a-z0-9-]+$' } },
          { variableName: 'issue', variableType: 'NUMBER', isRequired: false, defaultValue: '1', description: 'Issue number' },
        ],
      },
    },
  );
  const { createLinkFromTemplate } = await graphql<{ createLinkFromTemplate: { shortUrl: string } }>(
    `mutation($id: ID!, $variables: JSON!) { createLinkFromTemplate(templateId: $id, variables: $variables) { shortUrl } }`,
    { id: createLinkTemplate.id, variables: { slug: 'attribution-in-the-crm', issue: '12' } },
  );
  const domains: string[] = [];
  for (const [domain, headers] of [
    [`go.${domainsUnder}`, [{ name: 'X-Robots-Tag', value: 'noindex' }]],
    [`links.${domainsUnder}`, []],
  ] as const) {
    const { createDomain } = await graphql<{ createDomain: { domain: string } }>(`mutation($input: CreateDomainInput!) { createDomain(input: $input) { domain } }`, {
      input: { domain, isPrimary: false, sslEnabled: true, headers },
    });
    domains.push(createDomain.domain);
  }
  return { template: createLinkTemplate.templateName, link: createLinkFromTemplate.shortUrl, domains };
}
