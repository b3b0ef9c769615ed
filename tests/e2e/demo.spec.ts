import { Client } from 'pg';
import { DEMO_VISITORS, runDemo } from 'src/cli/demo/demo';
import { withEnv } from 'tests/support/waiting';
import { DEMO_CAMPAIGNS, demoVisitors } from 'src/cli/demo/demo-traffic.util';
import { decimalToMicros } from 'src/common/money/micros.util';

describe('npm run demo', () => {
  it('fills a workspace through the public endpoints and reports every campaign under each model, each model crediting all deal revenue', async () => {
    const lines: string[] = [];
    // As a user runs it: reconciliation scheduled at its default interval (the tests' own servers turn it off).
    const report = await withEnv({ TWENTY_SYNC_INTERVAL_SECONDS: '300' }, () => runDemo((line) => lines.push(line)));
    expect(report.campaigns.sort()).toEqual(DEMO_CAMPAIGNS.map((campaign) => campaign.name).sort());
    expect(report.revenueByModel.map((row) => row.campaign).sort()).toEqual(report.campaigns);
    const dealRevenue = demoVisitors(DEMO_VISITORS).filter((visitor) => visitor.becomes === 'deal').reduce((sum, visitor) => sum + BigInt(visitor.dealValue) * 1_000_000n, 0n);
    for (const model of ['First touch', 'Last touch', 'Linear', 'Position based', 'Time decay']) {
      const credited = report.revenueByModel.reduce((sum, row) => sum + decimalToMicros(row.byModel.find((credit) => credit.modelName === model)?.value ?? '0', 'value'), 0n);
      expect([model, credited]).toEqual([model, dealRevenue]);
    }
    expect(lines.join('\n')).toMatch(/20 visitors \(1 crawler among them\)/);
    const converting = demoVisitors(DEMO_VISITORS).filter((visitor) => visitor.becomes);
    expect(lines.join('\n')).toContain(`${converting.length} leads sent by the site's form to TrackFlow and on to Twenty, ${converting.filter((visitor) => visitor.becomes === 'deal').length} of them won as deals in Twenty`);
    expect(lines.join('\n')).toMatch(/^API key of the demo workspace \(shown once\): tfk_/m);
    // Its webhook receiver is gone with the demo, so its subscription is paused, kept with the deliveries it had.
    const database = new Client({ connectionString: process.env.DATABASE_URL });
    await database.connect();
    try {
      const { rows } = await database.query(
        `SELECT s.is_active AS active, (SELECT count(*) FROM trackflow.webhook_delivery d WHERE d.subscription_id = s.id AND d.status = 'delivered')::int AS delivered
           FROM trackflow.api_key_webhook_event s JOIN trackflow.workspace w ON w.id = s.workspace_id WHERE w.name = $1`,
        [report.workspace],
      );
      expect(rows).toEqual([{ active: false, delivered: expect.any(Number) }]);
      expect(rows[0].delivered).toBeGreaterThan(0);
    } finally {
      await database.end();
    }
    // About a minute on its own; a CI machine running other suites beside it stretches that.
  }, 240_000);
});
