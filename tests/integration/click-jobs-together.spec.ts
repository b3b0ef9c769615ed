import { randomUUID } from 'node:crypto';
import { PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';
import { RecordedClick } from 'src/tracking/clicks/recorded-click';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

/** Click jobs that wait together share one transaction; a click that two of them carry (a journal replay meeting the original) is stored and counted once. */
describe('click jobs stored together', () => {
  let server: TestServer;
  afterAll(() => server?.stop());

  it('stores each click once across jobs of one transaction, and counts it once', async () => {
    server = await TestServer.start();
    const { key, workspaceId } = await server.createKey();
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(
      key,
      'mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/"}) { id shortCode } }',
    );
    const click = (visitor: number): RecordedClick => ({
      id: randomUUID(),
      workspaceId,
      trackedLinkId: link.id,
      campaignId: null,
      variantId: null,
      shortCode: link.shortCode,
      visitorId: `visitor-000${visitor}`,
      ip: '203.0.113.9',
      userAgent: BROWSER_UA,
      referrer: null,
      utm: {},
      isQr: false,
      at: new Date(Date.now() - 60_000 + visitor).toISOString(),
      destination: 'https://shop.example.com/',
    });
    const [first, second, third] = [click(1), click(2), click(3)];
    const job = server.get(PersistClicksJob);
    const stored = await Promise.all([job.handle({ clicks: [first, second] }), job.handle({ clicks: [second, third] }), job.handle({ clicks: [first] })]);

    // Which job stores a shared click depends on which reached the transaction first; each is stored by one.
    expect(stored.reduce((sum, count) => sum + count, 0)).toBe(3);
    const [{ n }] = await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.click_event WHERE workspace_id = $1 AND tracked_link_id = $2`, [workspaceId, link.id]);
    expect(n).toBe(3);
    const [counters] = await server.dataSource.query(`SELECT click_count::int, unique_visitor_count::int FROM trackflow.tracked_link WHERE id = $1`, [link.id]);
    expect(counters).toEqual({ click_count: 3, unique_visitor_count: 3 });
    // Replayed later on its own, a stored click changes nothing.
    expect(await job.handle({ clicks: [third] })).toBe(0);
    const [again] = await server.dataSource.query(`SELECT click_count::int FROM trackflow.tracked_link WHERE id = $1`, [link.id]);
    expect(again.click_count).toBe(3);
  });
});
