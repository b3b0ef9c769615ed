import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConnectedWorkspace, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TrackingRows } from 'tests/support/tracking-rows';

const run = promisify(execFile);
const CLI = [join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts')];
const QUERY = `query($platform: String!, $from: DateTime!, $to: DateTime!) { offlineConversions(platform: $platform, from: $from, to: $to) { rowCount text } }`;
const DAY = 86_400_000;
const T0 = Math.floor(Date.now() / DAY) * DAY - 4 * DAY;
const at = (k: number): string => new Date(T0 + k * DAY + 12 * 3_600_000).toISOString();
const FBCLID = 'IwAR-test_fbclid';
const LI_FAT_ID = 'li-test-fat-id';
const GCLID = 'Cj0KCQ-test_gclid';
/** What Meta and LinkedIn match: the SHA-256 of the address trimmed and lower-cased, worked out here by hand. */
const ADA_HASH = createHash('sha256').update('ada.lovelace@example.com').digest('hex');

/**
 * Meta's and LinkedIn's files match people by hashed address, which TrackFlow does not keep: the
 * export reads each person's address from the workspace's Twenty when it writes the file. Two won
 * deals came from a Facebook ad and a LinkedIn ad: Ada's person in Twenty has an address (typed
 * with capitals), Grace's has none, and a third deal names a person Twenty never had.
 */
describe('offline-conversion files with the addresses Twenty holds', () => {
  let connected: ConnectedWorkspace;
  let period: { from: string; to: string };
  let workspaceId: string;

  beforeAll(async () => {
    connected = await startConnectedWorkspace('offline-emails');
    const { server, twenty, workspaceName } = connected;
    [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [workspaceName]);
    const people = { ada: randomUUID(), grace: randomUUID(), unknown: randomUUID() };
    for (const [id, firstName, primaryEmail] of [[people.ada, 'Ada', ' Ada.Lovelace@Example.com'], [people.grace, 'Grace', '']]) {
      const created = await twenty.asUser('POST', '/rest/people', { id, name: { firstName, lastName: 'Customer' }, emails: { primaryEmail, additionalEmails: [] } });
      expect(created.status).toBe(201);
    }
    const rows = new TrackingRows(server.dataSource, workspaceId);
    const link = await rows.link(`oe${Math.random().toString(36).slice(2, 8)}`, null);
    for (const [visitor, personId, opportunityId] of [['vis-ada', people.ada, 'opp-ada'], ['vis-grace', people.grace, 'opp-grace'], ['vis-unknown', people.unknown, 'opp-unknown']]) {
      await rows.visitor(visitor, at(0), { personId });
      const session = await rows.session(visitor, at(1));
      await rows.click(visitor, link, at(1), { utm: { source: 'facebook', medium: 'paid_social' }, sessionId: session });
      await rows.event(visitor, session, 'pageview', at(1), { path: '/', data: { utm: { source: 'facebook' }, adClickIds: { fbclid: FBCLID, li_fat_id: LI_FAT_ID, gclid: GCLID } } });
      await rows.conversion('deal', at(2), { personId, opportunityId, valueMicros: 400_000_000n, currencyCode: 'EUR' });
    }
    period = { from: new Date(T0).toISOString(), to: new Date(T0 + 4 * DAY).toISOString() };
  });
  afterAll(() => stopConnectedWorkspace(connected));

  const hashedEmails = (text: string, column: string) => {
    const [header, ...lines] = text.trim().split('\r\n').map((line) => line.split(','));
    return lines.map((line) => line[header.indexOf(column)]).sort();
  };

  it("puts each person's hashed address from Twenty in Meta's em and LinkedIn's email columns, and leaves it empty where Twenty has none", async () => {
    const { server, key } = connected;
    const meta = await server.ok<{ offlineConversions: { rowCount: number; text: string } }>(key, QUERY, { ...period, platform: 'meta' });
    expect(meta.offlineConversions.rowCount).toBe(3);
    expect(hashedEmails(meta.offlineConversions.text, 'em')).toEqual(['', '', ADA_HASH]);
    const linkedIn = await server.ok<{ offlineConversions: { text: string } }>(key, QUERY, { ...period, platform: 'linkedin' });
    expect(hashedEmails(linkedIn.offlineConversions.text, 'email')).toEqual(['', '', ADA_HASH]);
  });

  it('asks Twenty nothing for a platform that matches by click id alone (Google Ads)', async () => {
    const { server, key, twenty } = connected;
    const before = twenty.requests.length;
    const google = await server.ok<{ offlineConversions: { rowCount: number } }>(key, QUERY, { ...period, platform: 'google-ads' });
    expect(google.offlineConversions.rowCount).toBe(3);
    expect(twenty.requests.slice(before).filter((request) => request.path === '/rest/people')).toEqual([]);
  });

  it('writes the same addresses from the command line, and in the scheduled export run by hand', async () => {
    const args = ['conversions:export', '--workspace', connected.workspaceName, '--platform', 'meta', '--from', period.from, '--to', period.to];
    const { stdout } = await run(process.execPath, ['-r', ...CLI, ...args]);
    expect(hashedEmails(stdout, 'em')).toEqual(['', '', ADA_HASH]);

    const folder = await mkdtemp(join(tmpdir(), 'trackflow-export-emails-'));
    try {
      const day = at(2).slice(0, 10);
      await run(process.execPath, ['-r', ...CLI, 'exports:run', '--workspace', connected.workspaceName, '--date', day], { env: { ...process.env, EXPORT_DIR: folder } });
      const linkedIn = await readFile(join(folder, workspaceId, day, `offline-conversions-linkedin-${day}.csv`), 'utf8');
      expect(hashedEmails(linkedIn, 'email')).toEqual(['', '', ADA_HASH]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
