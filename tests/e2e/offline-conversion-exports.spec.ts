import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig } from 'src/config/app-config';
import { ScheduledExportService } from 'src/exports/scheduled-export.service';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

const run = promisify(execFile);
const CLI = [join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts')];
const NO_REDIS = { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' };
const cli = (args: string[]) => run(process.execPath, ['-r', ...CLI, ...args], { env: NO_REDIS });

/**
 * A person came twice: by a tracked link with utm_source=google and a gclid landing on day 1, then
 * by a newsletter link on day 2; their deal was won on day 3 for 1000 USD. Under LINEAR each touch
 * earns 500, so Google's upload carries 500; under LAST_TOUCH the newsletter earns it all and
 * Google 0. A second person, without any click id, never appears. Days are UTC days before today.
 */
const DAY = 86_400_000;
const T0 = Math.floor(Date.now() / DAY) * DAY - 5 * DAY;
const at = (k: number, hours = 12): string => new Date(T0 + k * DAY + hours * 3_600_000).toISOString();
const date = (k: number): string => new Date(T0 + k * DAY).toISOString().slice(0, 10);
const GCLID = 'Cj0KCQ-test_gclid';
const QUERY = `query($platform: String!, $from: DateTime!, $to: DateTime!, $model: String) {
  offlineConversions(platform: $platform, from: $from, to: $to, model: $model) { platform modelName rowCount text } }`;

describe('offline-conversion exports', () => {
  let server: TestServer;
  let key: string;
  let workspaceName: string;
  let workspaceId: string;
  let folder: string;

  beforeAll(async () => {
    server = await TestServer.start();
    workspaceName = `exports-${Math.random().toString(36).slice(2)}`;
    ({ key, workspaceId } = await server.createKey(workspaceName));
    const rows = new TrackingRows(server.dataSource, workspaceId);
    const link = await rows.link(`ox${Math.random().toString(36).slice(2, 8)}`, null);
    await rows.visitor('vis-ads', at(0), { personId: 'person-1' });
    const session = await rows.session('vis-ads', at(1));
    await rows.click('vis-ads', link, at(1), { utm: { source: 'google', medium: 'cpc', campaign: 'brand' }, sessionId: session });
    await rows.event('vis-ads', session, 'pageview', at(1), { path: '/', data: { utm: { source: 'google' }, adClickIds: { gclid: GCLID } } });
    await rows.click('vis-ads', link, at(2), { utm: { source: 'newsletter', medium: 'email', campaign: 'spring' } });
    await rows.conversion('deal', at(3), { personId: 'person-1', opportunityId: 'opp-1', valueMicros: 1_000_000_000n, currencyCode: 'USD' });
    await rows.visitor('vis-plain', at(0), { personId: 'person-2' });
    await rows.click('vis-plain', link, at(1), { utm: { source: 'google' } });
    await rows.conversion('deal', at(3), { personId: 'person-2', opportunityId: 'opp-2', valueMicros: 70_000_000n });
    folder = await mkdtemp(join(tmpdir(), 'trackflow-exports-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const googleFile = (value: string): string =>
    `Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency\r\n${GCLID},Won deal,${at(3).slice(0, 10)} 12:00:00+00:00,${value},USD\r\n`;

  it('writes the Google Ads file on standard output and into --out', async () => {
    const args = ['conversions:export', '--workspace', workspaceName, '--platform', 'google-ads', '--from', date(0), '--to', date(5), '--model', 'LINEAR'];
    const { stdout } = await cli(args);
    expect(stdout).toBe(googleFile('500'));
    const out = join(folder, 'google.csv');
    const written = await cli([...args, '--out', out]);
    expect(written.stdout).toBe(`google-ads: 1 conversion(s) valued under Linear written to ${out}.\n`);
    expect(await readFile(out, 'utf8')).toBe(googleFile('500'));
  });

  it('refuses bad flags naming them', async () => {
    await expect(cli(['conversions:export', '--workspace', workspaceName, '--platform', 'tiktok', '--from', date(0), '--to', date(5)])).rejects.toMatchObject({
      stderr: 'Error: platform: must be one of google-ads, meta, microsoft-ads, linkedin\n',
    });
    await expect(cli(['conversions:export', '--workspace', workspaceName, '--platform', 'meta', '--from', 'yesterday', '--to', date(5)])).rejects.toMatchObject({
      stderr: expect.stringMatching(/^Error: --from must be a date such as 2025-01-31 or an ISO time, got "yesterday"\n/),
    });
    const { stdout } = await cli(['conversions:export', '--help']);
    expect(stdout).toMatch(/^Usage: trackflow conversions:export --workspace <name> --platform <platform>/);
  });

  it('answers the GraphQL query in the caller\'s workspace, under the model asked', async () => {
    const period = { from: `${date(0)}T00:00:00Z`, to: `${date(5)}T00:00:00Z` };
    const linear = await server.ok<{ offlineConversions: Record<string, unknown> }>(key, QUERY, { ...period, platform: 'google-ads', model: 'LINEAR' });
    expect(linear.offlineConversions).toEqual({ platform: 'google-ads', modelName: 'Linear', rowCount: 1, text: googleFile('500') });
    const last = await server.ok<{ offlineConversions: { text: string } }>(key, QUERY, { ...period, platform: 'google-ads', model: 'LAST_TOUCH' });
    expect(last.offlineConversions.text).toBe(googleFile('0'));
    const meta = await server.ok<{ offlineConversions: { rowCount: number } }>(key, QUERY, { ...period, platform: 'meta' });
    expect(meta.offlineConversions.rowCount).toBe(0);
    const other = (await server.createKey()).key;
    expect((await server.ok<{ offlineConversions: { rowCount: number } }>(other, QUERY, { ...period, platform: 'google-ads' })).offlineConversions.rowCount).toBe(0);
  });

  it('writes the day\'s files atomically and records the runs; an unwritable folder fails with its error', async () => {
    const config = server.get(AppConfig);
    const exports = server.get(ScheduledExportService);
    const original = config.exports;
    try {
      Object.assign(config, { exports: { cron: null, dir: folder } });
      const runs = await exports.runDay(workspaceId, date(3));
      expect(runs.map((r) => [r.exportType, r.status, r.recordsProcessed, r.error])).toEqual([
        ['OFFLINE_CONVERSIONS', 'COMPLETED', 1, null],
        ['DAILY_ANALYTICS', 'COMPLETED', 0, null],
        ['EVENT_DATA', 'COMPLETED', 0, null],
      ]);
      const dayFolder = join(folder, workspaceId, date(3));
      expect((await readdir(dayFolder)).sort()).toEqual([`daily-analytics-${date(3)}.csv`, `events-${date(3)}.csv`, `events-${date(3)}.ndjson`, `offline-conversions-google-ads-${date(3)}.csv`]);
      // The default model is the workspace's (last touch): the newsletter earned the deal, Google nothing.
      expect(await readFile(join(dayFolder, `offline-conversions-google-ads-${date(3)}.csv`), 'utf8')).toBe(googleFile('0'));
      expect(await readFile(join(dayFolder, `daily-analytics-${date(3)}.csv`), 'utf8')).toBe('date,campaign_id,campaign,clicks,unique_visitors,leads,deals,revenue,currency\r\n');

      const day1 = await exports.runDay(workspaceId, date(1));
      expect(day1.find((r) => r.exportType === 'EVENT_DATA')).toMatchObject({ status: 'COMPLETED', recordsProcessed: 3 });
      const ndjson = (await readFile(join(folder, workspaceId, date(1), `events-${date(1)}.ndjson`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(ndjson.map((record: { kind: string; visitorId: string; utmSource: string }) => [record.kind, record.visitorId, record.utmSource]).sort()).toEqual([
        ['click', 'vis-ads', 'google'],
        ['click', 'vis-plain', 'google'],
        ['event', 'vis-ads', 'google'],
      ]);
      const csv = (await readFile(join(folder, workspaceId, date(1), `events-${date(1)}.csv`), 'utf8')).split('\r\n');
      expect(csv[0]).toBe('kind,id,visitorId,sessionId,at,type,name,url,trackedLinkId,utmSource,utmMedium,utmCampaign');
      expect(csv.filter((line) => line !== '')).toHaveLength(4);

      const blocker = join(folder, 'not-a-folder');
      await writeFile(blocker, 'a file where a folder should be');
      Object.assign(config, { exports: { cron: null, dir: blocker } });
      const failed = await exports.runDay(workspaceId, date(3));
      expect(failed.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
      expect(failed[1].error).toMatch(/ENOTDIR/);
    } finally {
      Object.assign(config, { exports: original });
    }
    const history = await server.ok<{ exportRuns: { exportType: string; status: string; exportDate: string; error: string | null }[] }>(key, `{ exportRuns(limit: 3) { exportType status exportDate error } }`);
    expect(history.exportRuns.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    const everything = await server.ok<{ exportRuns: { status: string }[] }>(key, `{ exportRuns { status } }`);
    expect(everything.exportRuns.filter((r) => r.status === 'COMPLETED')).toHaveLength(6);
  });

  it('prints a summary of the runs from the command line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trackflow-exports-cli-'));
    try {
      const { stdout } = await run(process.execPath, ['-r', ...CLI, 'exports:run', '--workspace', workspaceName, '--date', date(3)], { env: { ...NO_REDIS, EXPORT_DIR: dir } });
      expect(stdout).toBe(
        ['OFFLINE_CONVERSIONS: COMPLETED, 1', 'DAILY_ANALYTICS: COMPLETED, 0', 'EVENT_DATA: COMPLETED, 0'].map((line) => `${date(3)} ${line} record(s) in ${join(dir, workspaceId, date(3))}\n`).join(''),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
