import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

type Workspace = { id: string; publicKey: string };
type Conversion = { trackedLinkId: string | null; firstTouchSource: string | null; firstTouchMedium: string | null; firstTouchCampaign: string | null };
type Journey = { visitorJourney: { items: { kind: string; trackedLinkId: string | null; source: string | null; campaign: string | null }[] } };

const SITE = 'https://shop.example.com';
const CONVERSION_FIELDS = 'trackedLinkId firstTouchSource firstTouchMedium firstTouchCampaign';

/** Which link a landing page came from, and a conversion's last link and first-touch source, as the tracker and the redirect report them. */
describe('links of landing pages and conversions', () => {
  let server: TestServer;
  let key: string;
  let workspace: Workspace;
  type Link = { id: string; shortCode: string };
  let links: { newsletter: Link; retargeting: Link };

  const createLink = async (source: string, medium: string, campaign: string): Promise<Link> =>
    (await server.ok<{ createTrackedLink: Link }>(key, `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`, {
      input: { destinationUrl: `${SITE}/spring`, source, medium, utmCampaign: campaign },
    })).createTrackedLink;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    workspace = (await server.ok<{ updateWorkspace: Workspace }>(key, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { id publicKey } }`)).updateWorkspace;
    links = { newsletter: await createLink('newsletter', 'email', 'spring-sale'), retargeting: await createLink('facebook', 'paid_social', 'spring-retargeting') };
  });
  afterAll(() => server.stop());

  /** Follows a short link as a browser with the visitor's cookie; answers the click id the landing URL carries. */
  async function click(shortCode: string, visitorId: string): Promise<{ clickId: string; landing: string }> {
    const response = await fetch(`${server.url}/r/${shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    const landing = new URL(response.headers.get('location') as string);
    const clickId = landing.searchParams.get('tf_cid') as string;
    landing.searchParams.delete('tf_cid');
    landing.searchParams.delete('tf_vid');
    return { clickId, landing: landing.toString() };
  }

  /** The landing page view as trackflow.js sends it: the clean URL, the click id among its properties. */
  async function land(visitorId: string, landing: string, clickId: string): Promise<void> {
    const response = await fetch(`${server.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA, origin: SITE },
      body: JSON.stringify({ key: workspace.publicKey, visitorId, events: [{ id: randomUUID(), type: 'pageview', url: landing, ts: Date.now(), properties: { clickId, viewportWidth: 1440, viewportHeight: 900 } }] }),
    });
    expect(response.status).toBe(202);
    await server.drainEvents();
  }

  const landingLinks = async (visitorId: string): Promise<(string | null)[]> =>
    (await server.dataSource.query(`SELECT tracked_link_id FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY "timestamp"`, [workspace.id, visitorId])).map(
      (row: { tracked_link_id: string | null }) => row.tracked_link_id,
    );

  it('gives a landing page view the link it came from when the click was stored first', async () => {
    const visitorId = randomUUID();
    const { clickId, landing } = await click(links.newsletter.shortCode, visitorId);
    await server.drainClicks();
    await land(visitorId, landing, clickId);
    expect(await landingLinks(visitorId)).toEqual([links.newsletter.id]);
  });

  it('gives it the link when the page view was stored before its click', async () => {
    const clicks = server.get<Queue>(getQueueToken('trackflow-clicks') as never);
    const visitorId = randomUUID();
    await clicks.pause(true);
    try {
      const { clickId, landing } = await click(links.retargeting.shortCode, visitorId);
      await land(visitorId, landing, clickId);
      expect(await landingLinks(visitorId)).toEqual([null]);
    } finally {
      await clicks.resume(true);
    }
    await server.drainClicks();
    expect(await landingLinks(visitorId)).toEqual([links.retargeting.id]);
  });

  it("records a conversion with its last click's link and its first touch's source, and the journey shows them", async () => {
    const visitorId = randomUUID();
    for (const link of [links.newsletter, links.retargeting]) {
      const { clickId, landing } = await click(link.shortCode, visitorId);
      await server.drainClicks();
      await land(visitorId, landing, clickId);
    }
    const { recordConversion } = await server.ok<{ recordConversion: Conversion }>(
      key,
      `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { ${CONVERSION_FIELDS} } }`,
      { input: { conversionType: 'purchase', visitorId, value: '89.90', currencyCode: 'EUR' } },
    );
    expect(recordConversion).toEqual({ trackedLinkId: links.retargeting.id, firstTouchSource: 'newsletter', firstTouchMedium: 'email', firstTouchCampaign: 'spring-sale' });

    const { visitorJourney } = await server.ok<Journey>(key, `query($visitorId: String) { visitorJourney(visitorId: $visitorId) { items { kind trackedLinkId source campaign } } }`, { visitorId });
    expect(visitorJourney.items.filter((item) => item.kind === 'PAGE_VIEW').map((item) => item.trackedLinkId)).toEqual([links.newsletter.id, links.retargeting.id]);
    expect(visitorJourney.items.filter((item) => item.kind === 'CONVERSION')).toEqual([{ kind: 'CONVERSION', trackedLinkId: links.retargeting.id, source: 'newsletter', campaign: 'spring-sale' }]);
  });

  it('leaves a conversion without clicks or campaign visits without a link or source', async () => {
    const { recordConversion } = await server.ok<{ recordConversion: Conversion }>(
      key,
      `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { ${CONVERSION_FIELDS} } }`,
      { input: { conversionType: 'signup', visitorId: randomUUID() } },
    );
    expect(recordConversion).toEqual({ trackedLinkId: null, firstTouchSource: null, firstTouchMedium: null, firstTouchCampaign: null });
  });
});
