import { TrackedLinkRepository } from 'src/links/tracked-link.repository';
import { ShortCodeGenerator } from 'src/links/short-code.generator';
import {
  Campaign,
  CAMPAIGN,
  CAMPAIGNS,
  createCampaign,
  createLink,
  createVariant,
  CREATE_CAMPAIGN,
  CREATE_LINK,
  CREATE_VARIANT,
  DELETE_CAMPAIGN,
  DELETE_LINK,
  DELETE_VARIANT,
  expectError,
  InvalidCase,
  LinkVariant,
  TrackedLink,
  TRACKED_LINK,
  TRACKED_LINKS,
  UNKNOWN_ID,
  UPDATE_CAMPAIGN,
  UPDATE_LINK,
  UPDATE_VARIANT,
  Variables,
} from 'tests/support/links-api';
import { TestServer } from 'tests/support/test-server';

const SETTINGS_FIELDS = 'shortCodeLength defaultShortlinkDomain cookieExpiresDays excludeInternalTraffic anonymizeIpAddresses internalIpRanges { ipRange description }';
const SETTINGS = `query { settings { ${SETTINGS_FIELDS} } }`;
const UPDATE_SETTINGS = `mutation ($input: UpdateSettingsInput!) { updateSettings(input: $input) { ${SETTINGS_FIELDS} } }`;

type Settings = {
  shortCodeLength: number;
  defaultShortlinkDomain: string | null;
  cookieExpiresDays: number;
  excludeInternalTraffic: boolean;
  anonymizeIpAddresses: boolean;
  internalIpRanges: { ipRange: string; description: string | null }[];
};

const PUBLIC_BASE_URL = 'http://localhost:3300';
const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();
const randomSuffix = () => Math.random().toString(36).slice(2, 8);

describe('links feature over GraphQL (real server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const newKey = async () => (await server.createKey()).key;

  describe('campaigns', () => {
    it('creates, reads, lists, updates and deletes a campaign, money and dates round-tripping exactly', async () => {
      const key = await newKey();
      const input = {
        name: '  Spring Launch  ',
        campaignType: 'EMAIL',
        status: 'ACTIVE',
        startDate: '2025-03-01',
        endDate: '2025-03-31',
        source: 'newsletter',
        medium: 'email',
        budget: '1500.5',
        currencyCode: 'eur',
        description: 'Q1 launch',
      };
      const created = (await server.ok<{ createCampaign: Campaign }>(key, CREATE_CAMPAIGN, { input })).createCampaign;
      expect(created).toEqual({ ...input, id: expect.any(String), name: 'Spring Launch', currencyCode: 'EUR' });

      expect((await server.ok<{ campaign: Campaign }>(key, CAMPAIGN, { id: created.id })).campaign).toEqual(created);
      expect((await server.ok<{ campaigns: Campaign[] }>(key, CAMPAIGNS)).campaigns).toEqual([created]);

      const changes = { name: 'Spring Launch v2', status: 'PAUSED', budget: 99.99, description: null, endDate: '2025-04-30' };
      const updated = (await server.ok<{ updateCampaign: Campaign }>(key, UPDATE_CAMPAIGN, { id: created.id, input: changes })).updateCampaign;
      expect(updated).toEqual({ ...created, ...changes, budget: '99.99' });

      expect((await server.ok<{ deleteCampaign: boolean }>(key, DELETE_CAMPAIGN, { id: created.id })).deleteCampaign).toBe(true);
      expectError(await server.graphql(key, CAMPAIGN, { id: created.id }), { code: 'NOT_FOUND', field: 'id' });
      expect((await server.ok<{ campaigns: Campaign[] }>(key, CAMPAIGNS)).campaigns).toEqual([]);
      // A deleted campaign frees its name.
      expect((await createCampaign(server, key, { name: 'Spring Launch v2' })).name).toBe('Spring Launch v2');
    });

    it('fills the documented defaults', async () => {
      const created = await createCampaign(server, await newKey());
      expect(created).toMatchObject({ campaignType: 'OTHER', status: 'DRAFT', currencyCode: 'USD', budget: null, startDate: null, endDate: null });
    });

    it('keeps six decimals of money, up to the largest amount the database holds', async () => {
      const key = await newKey();
      expect((await createCampaign(server, key, { budget: '1234567.000001' })).budget).toBe('1234567.000001');
      expect((await createCampaign(server, key, { budget: '9223372036854.775807' })).budget).toBe('9223372036854.775807');
    });
  });

  describe('tracked links', () => {
    it('creates a link with a random base62 code, its short URL and an SVG QR code', async () => {
      const key = await newKey();
      const link = await createLink(server, key, { destinationUrl: 'HTTPS://Example.COM/Landing?x=1', content: 'hero', term: 'shoes', additionalParameters: { ref: 'partner' } });
      expect(link.shortCode).toMatch(/^[0-9A-Za-z]{6}$/);
      expect(link).toMatchObject({
        shortUrl: `${PUBLIC_BASE_URL}/r/${link.shortCode}`,
        destinationUrl: 'https://example.com/Landing?x=1',
        status: 'ACTIVE',
        campaignId: null,
        domainId: null,
        content: 'hero',
        term: 'shoes',
        additionalParameters: { ref: 'partner' },
        clickCount: 0,
        uniqueVisitorCount: 0,
        lastClick: null,
        variants: [],
      });
      expect(link.qrCodeSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
      expect((await server.ok<{ trackedLink: TrackedLink }>(key, TRACKED_LINK, { id: link.id })).trackedLink).toEqual(link);
    });

    it("inherits its campaign's source and medium unless it names its own", async () => {
      const key = await newKey();
      const campaign = await createCampaign(server, key, { source: 'newsletter', medium: 'email' });
      expect(await createLink(server, key, { campaignId: campaign.id })).toMatchObject({ campaignId: campaign.id, source: 'newsletter', medium: 'email' });
      expect(await createLink(server, key, { campaignId: campaign.id, source: 'linkedin' })).toMatchObject({ source: 'linkedin', medium: 'email' });
    });

    it('accepts a custom short code, case-sensitively', async () => {
      const key = await newKey();
      const code = `Promo-${randomSuffix()}`;
      expect((await createLink(server, key, { shortCode: ` ${code} ` })).shortCode).toBe(code);
      expect((await createLink(server, key, { shortCode: code.toLowerCase() })).shortCode).toBe(code.toLowerCase());
    });

    it('lists the links of the workspace, or of one campaign', async () => {
      const key = await newKey();
      const campaign = await createCampaign(server, key);
      const inCampaign = await createLink(server, key, { campaignId: campaign.id });
      const loose = await createLink(server, key);
      const all = (await server.ok<{ trackedLinks: TrackedLink[] }>(key, TRACKED_LINKS)).trackedLinks;
      expect(all.map((link) => link.id).sort()).toEqual([inCampaign.id, loose.id].sort());
      const ofCampaign = (await server.ok<{ trackedLinks: TrackedLink[] }>(key, TRACKED_LINKS, { campaignId: campaign.id })).trackedLinks;
      expect(ofCampaign.map((link) => link.id)).toEqual([inCampaign.id]);
      expect((await server.ok<{ trackedLinks: TrackedLink[] }>(key, TRACKED_LINKS, { campaignId: 'not-a-uuid' })).trackedLinks).toEqual([]);
    });

    it('updates a link and reads the change back', async () => {
      const key = await newKey();
      const link = await createLink(server, key);
      const campaign = await createCampaign(server, key);
      const expiryDate = inOneDay();
      const changes = { destinationUrl: 'https://example.org/new', status: 'PAUSED', campaignId: campaign.id, utmCampaign: 'spring', expiryDate, content: null };
      const updated = (await server.ok<{ updateTrackedLink: TrackedLink }>(key, UPDATE_LINK, { id: link.id, input: changes })).updateTrackedLink;
      expect(updated).toMatchObject({ ...changes, shortCode: link.shortCode, shortUrl: link.shortUrl });
      expect((await server.ok<{ trackedLink: TrackedLink }>(key, TRACKED_LINK, { id: link.id })).trackedLink).toEqual(updated);
    });

    it('reads EXPIRED once the expiry date passes, without ever storing it', async () => {
      const key = await newKey();
      const link = await createLink(server, key, { expiryDate: inOneDay() });
      expect(link.status).toBe('ACTIVE');
      await server.dataSource.query(`UPDATE trackflow.tracked_link SET expiry_date = now() - interval '1 minute' WHERE id = $1`, [link.id]);
      expect((await server.ok<{ trackedLink: TrackedLink }>(key, TRACKED_LINK, { id: link.id })).trackedLink.status).toBe('EXPIRED');
      const [row] = await server.dataSource.query<{ status: string }[]>(`SELECT status FROM trackflow.tracked_link WHERE id = $1`, [link.id]);
      expect(row.status).toBe('ACTIVE');
    });

    it('deletes a link, which disappears from reads while its code stays reserved', async () => {
      const key = await newKey();
      const link = await createLink(server, key, { shortCode: `gone-${randomSuffix()}` });
      expect((await server.ok<{ deleteTrackedLink: boolean }>(key, DELETE_LINK, { id: link.id })).deleteTrackedLink).toBe(true);
      expectError(await server.graphql(key, TRACKED_LINK, { id: link.id }), { code: 'NOT_FOUND', field: 'id' });
      expect((await server.ok<{ trackedLinks: TrackedLink[] }>(key, TRACKED_LINKS)).trackedLinks).toEqual([]);
      expectError(await server.graphql(key, CREATE_LINK, { input: { destinationUrl: 'https://example.com', shortCode: link.shortCode } }), {
        code: 'BAD_USER_INPUT',
        field: 'shortCode',
        rule: 'is already taken on this domain',
      });
    });
  });

  describe('link variants', () => {
    it('creates, updates and deletes a variant, which shows on its link', async () => {
      const key = await newKey();
      const link = await createLink(server, key);
      const variant = await createVariant(server, key, link.id, { variantName: 'Blue button', destinationUrl: 'https://example.com/blue', weight: 3 });
      expect(variant).toEqual({ id: expect.any(String), trackedLinkId: link.id, variantName: 'Blue button', destinationUrl: 'https://example.com/blue', weight: 3, active: true });
      expect((await server.ok<{ trackedLink: TrackedLink }>(key, TRACKED_LINK, { id: link.id })).trackedLink.variants).toEqual([variant]);

      const changes = { variantName: 'Green button', weight: 0, active: false, destinationUrl: 'https://example.com/green' };
      const updated = (await server.ok<{ updateLinkVariant: LinkVariant }>(key, UPDATE_VARIANT, { id: variant.id, input: changes })).updateLinkVariant;
      expect(updated).toEqual({ ...variant, ...changes });

      expect((await server.ok<{ deleteLinkVariant: boolean }>(key, DELETE_VARIANT, { id: variant.id })).deleteLinkVariant).toBe(true);
      expect((await server.ok<{ trackedLink: TrackedLink }>(key, TRACKED_LINK, { id: link.id })).trackedLink.variants).toEqual([]);
      expectError(await server.graphql(key, DELETE_VARIANT, { id: variant.id }), { code: 'NOT_FOUND', field: 'id' });
    });

    it('defaults the weight to 1 and active to true', async () => {
      const key = await newKey();
      const link = await createLink(server, key);
      const variables = { input: { trackedLinkId: link.id, variantName: 'A', destinationUrl: 'https://example.com/a' } };
      expect((await server.ok<{ createLinkVariant: LinkVariant }>(key, CREATE_VARIANT, variables)).createLinkVariant).toMatchObject({ weight: 1, active: true });
    });
  });

  describe('settings', () => {
    it('reads the defaults and applies updates to new links', async () => {
      const key = await newKey();
      expect((await server.ok<{ settings: Settings }>(key, SETTINGS)).settings).toMatchObject({ shortCodeLength: 6, defaultShortlinkDomain: null });

      const input = { shortCodeLength: 10, defaultShortlinkDomain: 'Go.Example.com', cookieExpiresDays: 30, internalIpRanges: [{ ipRange: '10.0.0.0/8' }] };
      const updated = (await server.ok<{ updateSettings: Settings }>(key, UPDATE_SETTINGS, { input })).updateSettings;
      expect(updated).toMatchObject({ shortCodeLength: 10, defaultShortlinkDomain: 'go.example.com', cookieExpiresDays: 30, internalIpRanges: [{ ipRange: '10.0.0.0/8' }] });
      expect((await server.ok<{ settings: Settings }>(key, SETTINGS)).settings).toEqual(updated);

      const link = await createLink(server, key);
      expect(link.shortCode).toMatch(/^[0-9A-Za-z]{10}$/);
      expect(link.shortUrl).toBe(`https://go.example.com/r/${link.shortCode}`);
    });

    it('returns each internal IP range with its description, in address order, and logs a change of a description', async () => {
      const key = await newKey();
      const office = { ipRange: '192.168.0.0/16', description: 'Office Wi-Fi' };
      const updated = (await server.ok<{ updateSettings: Settings }>(key, UPDATE_SETTINGS, { input: { internalIpRanges: [office, { ipRange: '10.1.2.3/8', description: 'VPN' }] } }))
        .updateSettings;
      expect(updated.internalIpRanges).toEqual([{ ipRange: '10.0.0.0/8', description: 'VPN' }, office]);
      expect((await server.ok<{ settings: Settings }>(key, SETTINGS)).settings.internalIpRanges).toEqual(updated.internalIpRanges);

      const renamed = [office, { ipRange: '10.0.0.0/8', description: 'VPN, Berlin' }];
      await server.ok(key, UPDATE_SETTINGS, { input: { internalIpRanges: renamed } });
      const changes = (await server.ok<{ settingsChanges: { field: string; newValue: string }[] }>(key, 'query { settingsChanges(limit: 1) { field newValue } }')).settingsChanges;
      expect(changes.map((change) => ({ field: change.field, newValue: JSON.parse(change.newValue) as unknown }))).toEqual([{ field: 'internalIpRanges', newValue: [renamed[1], office] }]);
    });

    it('refuses a link without a short code while autoGenerateShortCodes is off, and draws one again once it is on', async () => {
      const key = await newKey();
      expect((await server.ok<{ settings: { autoGenerateShortCodes: boolean } }>(key, 'query { settings { autoGenerateShortCodes } }')).settings.autoGenerateShortCodes).toBe(true);
      const turn = (on: boolean) => server.ok(key, 'mutation ($on: Boolean!) { updateSettings(input: {autoGenerateShortCodes: $on}) { autoGenerateShortCodes } }', { on });

      await turn(false);
      expectError(await server.graphql(key, CREATE_LINK, { input: { destinationUrl: 'https://example.com' } }), {
        code: 'BAD_USER_INPUT',
        field: 'shortCode',
        rule: 'is required while settings autoGenerateShortCodes is off',
      });
      expect((await createLink(server, key, { shortCode: `own-${randomSuffix()}` })).shortCode).toMatch(/^own-/);

      await turn(true);
      expect((await createLink(server, key)).shortCode).toMatch(/^[0-9A-Za-z]{6}$/);
    });
  });

  const campaignInput = (input: Variables) => () => ({ input: { name: `C ${randomSuffix()}`, ...input } });
  const linkInput = (input: Variables) => () => ({ input: { destinationUrl: 'https://example.com', ...input } });
  const variantInput = (input: Variables) => async (key: string) => ({
    input: { trackedLinkId: (await createLink(server, key)).id, variantName: 'A', destinationUrl: 'https://example.com/a', weight: 1, ...input },
  });
  const settingsInput = (input: Variables) => () => ({ input });

  const NOT_ABSOLUTE = 'must be an absolute http or https URL';
  const invalidCases: InvalidCase[] = [
    { label: 'createCampaign with a blank name', document: CREATE_CAMPAIGN, variables: campaignInput({ name: '   ' }), field: 'name', rule: 'is required and must not be blank' },
    { label: 'createCampaign with a name over 140 characters', document: CREATE_CAMPAIGN, variables: campaignInput({ name: 'x'.repeat(141) }), field: 'name', rule: 'must be at most 140 characters' },
    {
      label: 'createCampaign with the name of another campaign, in other case',
      document: CREATE_CAMPAIGN,
      variables: async (key) => ({ input: { name: (await createCampaign(server, key, { name: 'Black Friday' })).name.toUpperCase() } }),
      field: 'name',
      rule: 'a campaign with this name already exists in this workspace',
    },
    { label: 'createCampaign ending before it starts', document: CREATE_CAMPAIGN, variables: campaignInput({ startDate: '2025-05-02', endDate: '2025-05-01' }), field: 'endDate', rule: 'must not be before startDate' },
    { label: 'createCampaign with a US-style date', document: CREATE_CAMPAIGN, variables: campaignInput({ startDate: '05/02/2025' }), field: 'startDate', rule: 'must be a calendar date written YYYY-MM-DD' },
    { label: 'createCampaign with an impossible date', document: CREATE_CAMPAIGN, variables: campaignInput({ endDate: '2025-02-30' }), field: 'endDate', rule: 'must be a calendar date written YYYY-MM-DD' },
    { label: 'createCampaign with a negative budget', document: CREATE_CAMPAIGN, variables: campaignInput({ budget: '-0.01' }), field: 'budget', rule: 'must not be negative' },
    { label: 'createCampaign with a budget beyond bigint micros', document: CREATE_CAMPAIGN, variables: campaignInput({ budget: '9223372036854.775808' }), field: 'budget', rule: 'must be at most 9223372036854.775807 in absolute value' },
    { label: 'createCampaign with a budget of 7 decimals', document: CREATE_CAMPAIGN, variables: campaignInput({ budget: '1.0000001' }), field: 'budget', rule: /decimal amount with at most 13 integer digits and 6 decimals/ },
    { label: 'createCampaign with a budget in exponent notation', document: CREATE_CAMPAIGN, variables: campaignInput({ budget: '1e5' }), field: 'budget', rule: /decimal amount/ },
    { label: 'createCampaign with a bad currency', document: CREATE_CAMPAIGN, variables: campaignInput({ currencyCode: 'EURO' }), field: 'currencyCode', rule: /three-letter ISO 4217/ },
    { label: 'createCampaign with a source over 255 characters', document: CREATE_CAMPAIGN, variables: campaignInput({ source: 's'.repeat(256) }), field: 'source', rule: 'must be at most 255 characters' },
    {
      label: 'updateCampaign to a blank name',
      document: UPDATE_CAMPAIGN,
      variables: async (key) => ({ id: (await createCampaign(server, key)).id, input: { name: '' } }),
      field: 'name',
      rule: 'is required and must not be blank',
    },
    {
      label: 'updateCampaign to end before its stored start',
      document: UPDATE_CAMPAIGN,
      variables: async (key) => ({ id: (await createCampaign(server, key, { startDate: '2025-06-10' })).id, input: { endDate: '2025-06-09' } }),
      field: 'endDate',
      rule: 'must not be before startDate',
    },
    {
      label: 'updateCampaign to the name of another campaign',
      document: UPDATE_CAMPAIGN,
      variables: async (key) => {
        const [first, second] = [await createCampaign(server, key), await createCampaign(server, key)];
        return { id: second.id, input: { name: first.name } };
      },
      field: 'name',
      rule: 'a campaign with this name already exists in this workspace',
    },
    { label: 'createTrackedLink to javascript:', document: CREATE_LINK, variables: linkInput({ destinationUrl: 'javascript:alert(1)' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    { label: 'createTrackedLink to data:', document: CREATE_LINK, variables: linkInput({ destinationUrl: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    { label: 'createTrackedLink to a relative URL', document: CREATE_LINK, variables: linkInput({ destinationUrl: '/x' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    { label: 'createTrackedLink to a scheme-relative URL', document: CREATE_LINK, variables: linkInput({ destinationUrl: '//evil.com' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    { label: 'createTrackedLink to an ftp URL', document: CREATE_LINK, variables: linkInput({ destinationUrl: 'ftp://example.com/file' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    {
      label: 'createTrackedLink to a URL with CR LF',
      document: CREATE_LINK,
      variables: linkInput({ destinationUrl: 'https://a.com/\r\nSet-Cookie:x' }),
      field: 'destinationUrl',
      rule: 'must not contain control characters or whitespace',
    },
    { label: 'createTrackedLink to an empty URL', document: CREATE_LINK, variables: linkInput({ destinationUrl: '' }), field: 'destinationUrl', rule: 'must not be empty' },
    { label: 'createTrackedLink to a URL with credentials', document: CREATE_LINK, variables: linkInput({ destinationUrl: 'https://user:pw@example.com/' }), field: 'destinationUrl', rule: 'must not contain credentials' },
    { label: 'createTrackedLink with a javascript: fallback', document: CREATE_LINK, variables: linkInput({ fallbackUrl: 'javascript:alert(1)' }), field: 'fallbackUrl', rule: NOT_ABSOLUTE },
    { label: 'createTrackedLink with bad characters in the code', document: CREATE_LINK, variables: linkInput({ shortCode: 'sale!2025' }), field: 'shortCode', rule: "may only contain letters, digits, '-' and '_'" },
    { label: 'createTrackedLink with a code of 2 characters', document: CREATE_LINK, variables: linkInput({ shortCode: 'ab' }), field: 'shortCode', rule: 'must be 3 to 64 characters long' },
    { label: 'createTrackedLink with a code of 65 characters', document: CREATE_LINK, variables: linkInput({ shortCode: 'a'.repeat(65) }), field: 'shortCode', rule: 'must be 3 to 64 characters long' },
    ...['api', 'graphql', 'healthz', 'GraphQL'].map((shortCode) => ({
      label: `createTrackedLink with the reserved code ${shortCode}`,
      document: CREATE_LINK,
      variables: linkInput({ shortCode }),
      field: 'shortCode',
      rule: 'is a reserved word',
    })),
    {
      label: 'createTrackedLink with a code already taken',
      document: CREATE_LINK,
      variables: async (key) => ({ input: { destinationUrl: 'https://example.com', shortCode: (await createLink(server, key, { shortCode: `taken-${randomSuffix()}` })).shortCode } }),
      field: 'shortCode',
      rule: 'is already taken on this domain',
    },
    {
      label: 'createTrackedLink with a code taken in another workspace',
      document: CREATE_LINK,
      variables: async () => ({ input: { destinationUrl: 'https://example.com', shortCode: (await createLink(server, await newKey(), { shortCode: `other-${randomSuffix()}` })).shortCode } }),
      field: 'shortCode',
      rule: 'is already taken on this domain',
    },
    { label: 'createTrackedLink expiring in the past', document: CREATE_LINK, variables: linkInput({ expiryDate: '2020-01-01T00:00:00.000Z' }), field: 'expiryDate', rule: 'must be in the future' },
    { label: 'createTrackedLink in an unknown campaign', document: CREATE_LINK, variables: linkInput({ campaignId: UNKNOWN_ID }), field: 'campaignId', rule: 'no such campaign in this workspace' },
    { label: 'createTrackedLink on an unknown domain', document: CREATE_LINK, variables: linkInput({ domainId: UNKNOWN_ID }), field: 'domainId', rule: 'no such domain in this workspace' },
    { label: 'createTrackedLink with a UTM source over 255 characters', document: CREATE_LINK, variables: linkInput({ source: 's'.repeat(256) }), field: 'source', rule: 'must be at most 255 characters' },
    { label: 'createTrackedLink with a bad parameter name', document: CREATE_LINK, variables: linkInput({ additionalParameters: { 'bad key': 'x' } }), field: 'additionalParameters.bad key', rule: /parameter names/ },
    { label: 'createTrackedLink with parameters that are not an object', document: CREATE_LINK, variables: linkInput({ additionalParameters: ['x'] }), field: 'additionalParameters', rule: /must be an object/ },
    {
      label: 'updateTrackedLink to status EXPIRED',
      document: UPDATE_LINK,
      variables: async (key) => ({ id: (await createLink(server, key)).id, input: { status: 'EXPIRED' } }),
      field: 'status',
      rule: /EXPIRED follows from expiryDate/,
    },
    {
      label: 'updateTrackedLink to javascript:',
      document: UPDATE_LINK,
      variables: async (key) => ({ id: (await createLink(server, key)).id, input: { destinationUrl: 'javascript:alert(1)' } }),
      field: 'destinationUrl',
      rule: NOT_ABSOLUTE,
    },
    {
      label: 'updateTrackedLink to expire in the past',
      document: UPDATE_LINK,
      variables: async (key) => ({ id: (await createLink(server, key)).id, input: { expiryDate: new Date(Date.now() - 1000).toISOString() } }),
      field: 'expiryDate',
      rule: 'must be in the future',
    },
    {
      label: 'updateTrackedLink into an unknown campaign',
      document: UPDATE_LINK,
      variables: async (key) => ({ id: (await createLink(server, key)).id, input: { campaignId: UNKNOWN_ID } }),
      field: 'campaignId',
      rule: 'no such campaign in this workspace',
    },
    { label: 'createLinkVariant with a negative weight', document: CREATE_VARIANT, variables: variantInput({ weight: -1 }), field: 'weight', rule: 'must be a whole number from 0 to 10000' },
    { label: 'createLinkVariant with a weight over 10000', document: CREATE_VARIANT, variables: variantInput({ weight: 10_001 }), field: 'weight', rule: 'must be a whole number from 0 to 10000' },
    { label: 'createLinkVariant with a blank name', document: CREATE_VARIANT, variables: variantInput({ variantName: ' ' }), field: 'variantName', rule: 'is required and must not be blank' },
    { label: 'createLinkVariant to data:', document: CREATE_VARIANT, variables: variantInput({ destinationUrl: 'data:text/plain,hi' }), field: 'destinationUrl', rule: NOT_ABSOLUTE },
    { label: 'createLinkVariant on an unknown link', document: CREATE_VARIANT, variables: variantInput({ trackedLinkId: UNKNOWN_ID }), field: 'trackedLinkId', rule: 'no such tracked link in this workspace' },
    {
      label: 'createLinkVariant with the name of a sibling',
      document: CREATE_VARIANT,
      variables: async (key) => {
        const link = await createLink(server, key);
        await createVariant(server, key, link.id, { variantName: 'Twin' });
        return { input: { trackedLinkId: link.id, variantName: 'Twin', destinationUrl: 'https://example.com/t' } };
      },
      field: 'variantName',
      rule: 'this link already has a variant with this name',
    },
    {
      label: 'updateLinkVariant to a negative weight',
      document: UPDATE_VARIANT,
      variables: async (key) => ({ id: (await createVariant(server, key, (await createLink(server, key)).id)).id, input: { weight: -5 } }),
      field: 'weight',
      rule: 'must be a whole number from 0 to 10000',
    },
    { label: 'updateSettings with shortCodeLength 3', document: UPDATE_SETTINGS, variables: settingsInput({ shortCodeLength: 3 }), field: 'shortCodeLength', rule: 'must be a whole number from 4 to 32' },
    { label: 'updateSettings with shortCodeLength 33', document: UPDATE_SETTINGS, variables: settingsInput({ shortCodeLength: 33 }), field: 'shortCodeLength', rule: 'must be a whole number from 4 to 32' },
    { label: 'updateSettings with cookieExpiresDays 0', document: UPDATE_SETTINGS, variables: settingsInput({ cookieExpiresDays: 0 }), field: 'cookieExpiresDays', rule: 'must be a whole number from 1 to 3650' },
    { label: 'updateSettings with a bad short-link domain', document: UPDATE_SETTINGS, variables: settingsInput({ defaultShortlinkDomain: 'not a host!' }), field: 'defaultShortlinkDomain', rule: /must be a host name/ },
    {
      label: 'updateSettings with a bad internal IP range',
      document: UPDATE_SETTINGS,
      variables: settingsInput({ internalIpRanges: [{ ipRange: '10.0.0.0/8' }, { ipRange: '10.0.0.300/8' }] }),
      field: 'internalIpRanges[1].ipRange',
      rule: /./,
    },
  ];

  describe('validation', () => {
    it.each(invalidCases)('rejects $label', async ({ document, variables, field, rule }) => {
      const key = await newKey();
      expectError(await server.graphql(key, document, await variables(key)), { code: 'BAD_USER_INPUT', field, rule });
    });

    it('changes nothing when a settings update is rejected', async () => {
      const key = await newKey();
      expectError(await server.graphql(key, UPDATE_SETTINGS, { input: { cookieExpiresDays: 30, shortCodeLength: 99 } }), { code: 'BAD_USER_INPUT', field: 'shortCodeLength' });
      expect((await server.ok<{ settings: Settings }>(key, SETTINGS)).settings.cookieExpiresDays).not.toBe(30);
    });

    it.each([
      ['campaign', CAMPAIGN, {}],
      ['updateCampaign', UPDATE_CAMPAIGN, { input: { name: 'x' } }],
      ['deleteCampaign', DELETE_CAMPAIGN, {}],
      ['trackedLink', TRACKED_LINK, {}],
      ['updateTrackedLink', UPDATE_LINK, { input: { title: 'x' } }],
      ['deleteTrackedLink', DELETE_LINK, {}],
      ['updateLinkVariant', UPDATE_VARIANT, { input: { weight: 2 } }],
      ['deleteLinkVariant', DELETE_VARIANT, {}],
    ])('answers NOT_FOUND to %s of an unknown id', async (_name, document, variables) => {
      const key = await newKey();
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        expectError(await server.graphql(key, document, { ...variables, id }), { code: 'NOT_FOUND', field: 'id' });
      }
    });
  });

  describe('authentication and scopes', () => {
    async function postGraphql(headers: Record<string, string>, query = CAMPAIGNS): Promise<{ status: number; code: string | undefined }> {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      return { status: response.status, code: body.errors?.[0]?.extensions?.code };
    }

    it.each([
      ['no Authorization header', {}],
      ['an unknown key', { authorization: 'Bearer tfk_thisKeyDoesNotExist' }],
      ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ])('answers 401 UNAUTHENTICATED to %s', async (_label, headers) => {
      expect(await postGraphql(headers)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('accepts a valid key', async () => {
      expect(await postGraphql({ authorization: `Bearer ${await newKey()}` })).toEqual({ status: 200, code: undefined });
    });

    it('lets a links:read key query its workspace but not change it', async () => {
      const workspace = `ws-read-${randomSuffix()}`;
      const writer = (await server.createKey(workspace)).key;
      const reader = (await server.createKey(workspace, ['links:read'])).key;
      const campaign = await createCampaign(server, writer);
      const link = await createLink(server, writer, { campaignId: campaign.id });
      const variant = await createVariant(server, writer, link.id);

      expect((await server.ok<{ campaigns: Campaign[] }>(reader, CAMPAIGNS)).campaigns.map((row) => row.id)).toEqual([campaign.id]);
      expect((await server.ok<{ trackedLink: TrackedLink }>(reader, TRACKED_LINK, { id: link.id })).trackedLink.variants).toEqual([variant]);

      const mutations: [string, Variables][] = [
        [CREATE_CAMPAIGN, { input: { name: 'nope' } }],
        [UPDATE_CAMPAIGN, { id: campaign.id, input: { name: 'nope' } }],
        [DELETE_CAMPAIGN, { id: campaign.id }],
        [CREATE_LINK, { input: { destinationUrl: 'https://example.com' } }],
        [UPDATE_LINK, { id: link.id, input: { status: 'PAUSED' } }],
        [DELETE_LINK, { id: link.id }],
        [CREATE_VARIANT, { input: { trackedLinkId: link.id, variantName: 'C', destinationUrl: 'https://example.com/c' } }],
        [UPDATE_VARIANT, { id: variant.id, input: { weight: 9 } }],
        [DELETE_VARIANT, { id: variant.id }],
        [UPDATE_SETTINGS, { input: { shortCodeLength: 8 } }],
        [SETTINGS, {}],
      ];
      for (const [document, variables] of mutations) {
        expectError(await server.graphql(reader, document, variables), { code: 'FORBIDDEN' });
      }
      expect(await postGraphql({ authorization: `Bearer ${reader}` }, `mutation { deleteCampaign(id: "${campaign.id}") }`)).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect((await server.ok<{ trackedLink: TrackedLink }>(writer, TRACKED_LINK, { id: link.id })).trackedLink).toMatchObject({ status: 'ACTIVE', variants: [variant] });
    });
  });

  describe('workspace isolation', () => {
    async function workspaceWithData() {
      const key = await newKey();
      const campaign = await createCampaign(server, key);
      const link = await createLink(server, key, { campaignId: campaign.id });
      const variant = await createVariant(server, key, link.id);
      return { key, campaign, link, variant };
    }

    it("never shows one workspace's campaigns, links or variants to another", async () => {
      const a = await workspaceWithData();
      const b = await workspaceWithData();
      expectError(await server.graphql(a.key, TRACKED_LINK, { id: b.link.id }), { code: 'NOT_FOUND' });
      expectError(await server.graphql(a.key, CAMPAIGN, { id: b.campaign.id }), { code: 'NOT_FOUND' });
      expect((await server.ok<{ campaigns: Campaign[] }>(a.key, CAMPAIGNS)).campaigns.map((row) => row.id)).toEqual([a.campaign.id]);
      const links = (await server.ok<{ trackedLinks: TrackedLink[] }>(a.key, TRACKED_LINKS)).trackedLinks;
      expect(links.map((row) => row.id)).toEqual([a.link.id]);
      expect(links[0].variants.map((row) => row.id)).toEqual([a.variant.id]);
      expect((await server.ok<{ trackedLinks: TrackedLink[] }>(a.key, TRACKED_LINKS, { campaignId: b.campaign.id })).trackedLinks).toEqual([]);
    });

    it("cannot update or delete another workspace's rows, which stay unchanged", async () => {
      const a = await workspaceWithData();
      const b = await workspaceWithData();
      const attempts: [string, Variables][] = [
        [UPDATE_CAMPAIGN, { id: b.campaign.id, input: { name: 'hijacked' } }],
        [DELETE_CAMPAIGN, { id: b.campaign.id }],
        [UPDATE_LINK, { id: b.link.id, input: { destinationUrl: 'https://evil.example' } }],
        [DELETE_LINK, { id: b.link.id }],
        [UPDATE_VARIANT, { id: b.variant.id, input: { destinationUrl: 'https://evil.example' } }],
        [DELETE_VARIANT, { id: b.variant.id }],
      ];
      for (const [document, variables] of attempts) {
        expectError(await server.graphql(a.key, document, variables), { code: 'NOT_FOUND', field: 'id' });
      }
      expect((await server.ok<{ campaign: Campaign }>(b.key, CAMPAIGN, { id: b.campaign.id })).campaign).toEqual(b.campaign);
      expect((await server.ok<{ trackedLink: TrackedLink }>(b.key, TRACKED_LINK, { id: b.link.id })).trackedLink).toEqual({ ...b.link, variants: [b.variant] });
    });

    it("cannot attach its links or variants to another workspace's campaign or link", async () => {
      const a = await workspaceWithData();
      const b = await workspaceWithData();
      const attempts: [string, Variables, string][] = [
        [CREATE_LINK, { input: { destinationUrl: 'https://example.com', campaignId: b.campaign.id } }, 'campaignId'],
        [UPDATE_LINK, { id: a.link.id, input: { campaignId: b.campaign.id } }, 'campaignId'],
        [CREATE_VARIANT, { input: { trackedLinkId: b.link.id, variantName: 'X', destinationUrl: 'https://evil.example' } }, 'trackedLinkId'],
      ];
      for (const [document, variables, field] of attempts) {
        expectError(await server.graphql(a.key, document, variables), { code: 'BAD_USER_INPUT', field });
      }
      expect((await server.ok<{ trackedLinks: TrackedLink[] }>(b.key, TRACKED_LINKS, { campaignId: b.campaign.id })).trackedLinks).toHaveLength(1);
    });
  });

  describe('short-code collisions', () => {
    it('draws again when a generated code is taken, in any workspace or by a deleted link', async () => {
      const key = await newKey();
      const takenHere = await createLink(server, key);
      const takenElsewhere = await createLink(server, await newKey());
      const deleted = await createLink(server, key);
      await server.ok(key, DELETE_LINK, { id: deleted.id });
      const fresh = `F${randomSuffix().padEnd(5, '0').slice(0, 5)}`;
      const generate = jest
        .spyOn(server.get(ShortCodeGenerator), 'generate')
        .mockReturnValueOnce(takenHere.shortCode)
        .mockReturnValueOnce(takenElsewhere.shortCode)
        .mockReturnValueOnce(deleted.shortCode)
        .mockReturnValueOnce(fresh);

      const link = await createLink(server, key);
      expect(link.shortCode).toBe(fresh);
      expect(link.shortUrl).toBe(`${PUBLIC_BASE_URL}/r/${fresh}`);
      expect(generate).toHaveBeenCalledTimes(4);
      expect(generate).toHaveBeenCalledWith(6);
    });

    it('draws again when a code is taken between the check and the insert', async () => {
      const key = await newKey();
      const taken = await createLink(server, key);
      const fresh = `R${randomSuffix().padEnd(5, '0').slice(0, 5)}`;
      jest.spyOn(server.get(TrackedLinkRepository), 'isCodeTaken').mockResolvedValueOnce(false);
      jest.spyOn(server.get(ShortCodeGenerator), 'generate').mockReturnValueOnce(taken.shortCode).mockReturnValueOnce(fresh);
      expect((await createLink(server, key)).shortCode).toBe(fresh);
    });

    it('gives up with a clear error when every attempt collides', async () => {
      const key = await newKey();
      const taken = await createLink(server, key);
      const generate = jest.spyOn(server.get(ShortCodeGenerator), 'generate').mockReturnValue(taken.shortCode);
      expectError(await server.graphql(key, CREATE_LINK, { input: { destinationUrl: 'https://example.com' } }), {
        code: 'BAD_USER_INPUT',
        field: 'shortCode',
        rule: 'no free code found after 10 attempts; raise short_code_length in settings',
      });
      expect(generate).toHaveBeenCalledTimes(10);
      expect((await server.ok<{ trackedLinks: TrackedLink[] }>(key, TRACKED_LINKS)).trackedLinks).toHaveLength(1);
    });
  });
});
