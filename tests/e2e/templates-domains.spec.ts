import { createCampaign, createLink, CREATE_LINK, DELETE_LINK, expectError, InvalidCase, TrackedLink, UNKNOWN_ID, Variables } from 'tests/support/links-api';
import { TestServer } from 'tests/support/test-server';

type TemplateVariable = { variableName: string; variableType: string; defaultValue: string | null; isRequired: boolean; validationRules: unknown; position: number };
type LinkTemplate = {
  id: string;
  templateName: string;
  urlTemplate: string;
  description: string | null;
  isActive: boolean;
  campaignId: string | null;
  source: string | null;
  medium: string | null;
  variables: TemplateVariable[];
};
type Domain = { id: string; domain: string; isPrimary: boolean; sslEnabled: boolean; headers: { name: string; value: string }[] };

const TEMPLATE_FIELDS = 'id templateName urlTemplate description isActive campaignId source medium variables { variableName variableType defaultValue isRequired validationRules position }';
const CREATE_TEMPLATE = `mutation ($input: CreateLinkTemplateInput!) { createLinkTemplate(input: $input) { ${TEMPLATE_FIELDS} } }`;
const UPDATE_TEMPLATE = `mutation ($id: ID!, $input: UpdateLinkTemplateInput!) { updateLinkTemplate(id: $id, input: $input) { ${TEMPLATE_FIELDS} } }`;
const DELETE_TEMPLATE = `mutation ($id: ID!) { deleteLinkTemplate(id: $id) }`;
const TEMPLATE = `query ($id: ID!) { linkTemplate(id: $id) { ${TEMPLATE_FIELDS} } }`;
const TEMPLATES = `query { linkTemplates { ${TEMPLATE_FIELDS} } }`;
const LINK_FROM_TEMPLATE = `mutation ($templateId: ID!, $variables: JSON, $shortCode: String) {
  createLinkFromTemplate(templateId: $templateId, variables: $variables, shortCode: $shortCode) { id campaignId shortCode shortUrl destinationUrl source medium }
}`;

const DOMAIN_FIELDS = 'id domain isPrimary sslEnabled headers { name value }';
const CREATE_DOMAIN = `mutation ($input: CreateDomainInput!) { createDomain(input: $input) { ${DOMAIN_FIELDS} } }`;
const UPDATE_DOMAIN = `mutation ($id: ID!, $input: UpdateDomainInput!) { updateDomain(id: $id, input: $input) { ${DOMAIN_FIELDS} } }`;
const DELETE_DOMAIN = `mutation ($id: ID!) { deleteDomain(id: $id) }`;
const DOMAINS = `query { domains { ${DOMAIN_FIELDS} } }`;

const uniqueHost = () => `go-${Math.random().toString(36).slice(2, 10)}.example.com`;

/** A template of the landing pages: a required slug, an optional channel that defaults to "email". */
const landingTemplate = (input: Variables = {}) => ({
  templateName: `Landing ${Math.random().toString(36).slice(2)}`,
  urlTemplate: 'https://example.com/p/{slug}?channel={channel}',
  variables: [
    { variableName: 'slug', variableType: 'TEXT' },
    { variableName: 'channel', variableType: 'SELECT', defaultValue: 'email', isRequired: false, validationRules: { options: ['email', 'social'] } },
  ],
  ...input,
});

describe('link templates and domains over GraphQL (real server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  const newKey = async () => (await server.createKey()).key;
  const createTemplate = async (key: string, input: Variables = {}) =>
    (await server.ok<{ createLinkTemplate: LinkTemplate }>(key, CREATE_TEMPLATE, { input: landingTemplate(input) })).createLinkTemplate;
  const createDomain = async (key: string, input: Variables = {}) =>
    (await server.ok<{ createDomain: Domain }>(key, CREATE_DOMAIN, { input: { domain: uniqueHost(), ...input } })).createDomain;
  const linkFromTemplate = async (key: string, templateId: string, variables: Variables) =>
    (await server.ok<{ createLinkFromTemplate: TrackedLink }>(key, LINK_FROM_TEMPLATE, { templateId, variables })).createLinkFromTemplate;

  describe('link templates', () => {
    it('creates, reads, lists, updates and deletes a template with its variables', async () => {
      const key = await newKey();
      const campaign = await createCampaign(server, key);
      const template = await createTemplate(key, { campaignId: campaign.id, source: 'newsletter', medium: 'email', description: 'Landing pages' });
      expect(template).toMatchObject({ isActive: true, campaignId: campaign.id, source: 'newsletter', medium: 'email', description: 'Landing pages' });
      expect(template.variables).toEqual([
        { variableName: 'slug', variableType: 'TEXT', defaultValue: null, isRequired: true, validationRules: null, position: 0 },
        { variableName: 'channel', variableType: 'SELECT', defaultValue: 'email', isRequired: false, validationRules: { options: ['email', 'social'] }, position: 1 },
      ]);
      expect((await server.ok<{ linkTemplate: LinkTemplate }>(key, TEMPLATE, { id: template.id })).linkTemplate).toEqual(template);
      expect((await server.ok<{ linkTemplates: LinkTemplate[] }>(key, TEMPLATES)).linkTemplates).toEqual([template]);

      const changes = { templateName: 'Renamed', urlTemplate: 'https://example.com/{page}', variables: [{ variableName: 'page', variableType: 'NUMBER' }], campaignId: null, isActive: false };
      const updated = (await server.ok<{ updateLinkTemplate: LinkTemplate }>(key, UPDATE_TEMPLATE, { id: template.id, input: changes })).updateLinkTemplate;
      expect(updated).toMatchObject({ ...changes, variables: [{ variableName: 'page', variableType: 'NUMBER', isRequired: true, position: 0 }] });
      expect(updated.variables).toHaveLength(1);

      expect((await server.ok<{ deleteLinkTemplate: boolean }>(key, DELETE_TEMPLATE, { id: template.id })).deleteLinkTemplate).toBe(true);
      expect((await server.ok<{ linkTemplates: LinkTemplate[] }>(key, TEMPLATES)).linkTemplates).toEqual([]);
      expectError(await server.graphql(key, LINK_FROM_TEMPLATE, { templateId: template.id, variables: { page: 1 } }), { code: 'NOT_FOUND', field: 'templateId' });
    });

    it('creates a link from a template, URL-encoding each value and carrying campaign, source and medium', async () => {
      const key = await newKey();
      const campaign = await createCampaign(server, key);
      const template = await createTemplate(key, { campaignId: campaign.id, source: 'newsletter', medium: 'email' });
      const link = await linkFromTemplate(key, template.id, { slug: 'spring sale/2025?x=1&y=#top', channel: 'social' });
      expect(link).toMatchObject({
        destinationUrl: 'https://example.com/p/spring%20sale%2F2025%3Fx%3D1%26y%3D%23top?channel=social',
        campaignId: campaign.id,
        source: 'newsletter',
        medium: 'email',
        shortUrl: `http://localhost:3300/r/${link.shortCode}`,
      });
      expect(new URL(link.destinationUrl).host).toBe('example.com');
    });

    it('takes a short code of its own, which it must be given while autoGenerateShortCodes is off', async () => {
      const key = await newKey();
      const template = await createTemplate(key);
      await server.ok(key, 'mutation { updateSettings(input: {autoGenerateShortCodes: false}) { autoGenerateShortCodes } }');
      expectError(await server.graphql(key, LINK_FROM_TEMPLATE, { templateId: template.id, variables: { slug: 'pricing' } }), {
        code: 'BAD_USER_INPUT',
        field: 'shortCode',
        rule: 'is required while settings autoGenerateShortCodes is off',
      });
      const link = (await server.ok<{ createLinkFromTemplate: TrackedLink }>(key, LINK_FROM_TEMPLATE, { templateId: template.id, variables: { slug: 'pricing' }, shortCode: 'pricing' }))
        .createLinkFromTemplate;
      expect(link).toMatchObject({ shortCode: 'pricing', destinationUrl: 'https://example.com/p/pricing?channel=email' });
    });

    it('fills an omitted optional variable with its default', async () => {
      const key = await newKey();
      const template = await createTemplate(key);
      expect((await linkFromTemplate(key, template.id, { slug: 'pricing' })).destinationUrl).toBe('https://example.com/p/pricing?channel=email');
    });

    const templateInput = (input: Variables) => () => ({ input: landingTemplate(input) });
    const fill = (variables: unknown, template: Variables = {}) => async (key: string) => ({ templateId: (await createTemplate(key, template)).id, variables });

    const invalidCases: InvalidCase[] = [
      {
        label: 'a placeholder without a variable',
        document: CREATE_TEMPLATE,
        variables: templateInput({ urlTemplate: 'https://example.com/p/{slug}?ref={ref}' }),
        field: 'urlTemplate',
        rule: 'uses {ref} but no variable of that name is declared',
      },
      { label: 'a blank template name', document: CREATE_TEMPLATE, variables: templateInput({ templateName: '  ' }), field: 'templateName', rule: 'is required and must not be blank' },
      { label: 'a template name over 140 characters', document: CREATE_TEMPLATE, variables: templateInput({ templateName: 't'.repeat(141) }), field: 'templateName', rule: 'must be at most 140 characters' },
      { label: 'a javascript: URL template', document: CREATE_TEMPLATE, variables: templateInput({ urlTemplate: 'javascript:alert("{slug}{channel}")' }), field: 'urlTemplate', rule: 'must be an absolute http or https URL' },
      { label: 'a relative URL template', document: CREATE_TEMPLATE, variables: templateInput({ urlTemplate: '/p/{slug}?c={channel}' }), field: 'urlTemplate', rule: 'must be an absolute http or https URL' },
      {
        label: 'a variable name that is not an identifier',
        document: CREATE_TEMPLATE,
        variables: templateInput({ urlTemplate: 'https://example.com/', variables: [{ variableName: '1st' }] }),
        field: 'variables.1st',
        rule: /variable names start with a letter/,
      },
      { label: 'a template in an unknown campaign', document: CREATE_TEMPLATE, variables: templateInput({ campaignId: UNKNOWN_ID }), field: 'campaignId', rule: 'no such campaign in this workspace' },
      {
        label: 'a template name already used',
        document: CREATE_TEMPLATE,
        variables: async (key) => ({ input: landingTemplate({ templateName: (await createTemplate(key)).templateName }) }),
        field: 'templateName',
        rule: 'a template with this name already exists',
      },
      {
        label: 'an update adding a placeholder without a variable',
        document: UPDATE_TEMPLATE,
        variables: async (key) => ({ id: (await createTemplate(key)).id, input: { urlTemplate: 'https://example.com/{slug}/{missing}' } }),
        field: 'urlTemplate',
        rule: 'uses {missing} but no variable of that name is declared',
      },
      { label: 'a link missing a required variable', document: LINK_FROM_TEMPLATE, variables: fill({ channel: 'email' }), field: 'variables.slug', rule: 'is required' },
      { label: 'a link with a blank required variable', document: LINK_FROM_TEMPLATE, variables: fill({ slug: '' }), field: 'variables.slug', rule: 'is required' },
      { label: 'a link with an unknown variable', document: LINK_FROM_TEMPLATE, variables: fill({ slug: 'a', utm: 'x' }), field: 'variables.utm', rule: 'is not a variable of this template' },
      { label: 'a link with a value outside the options', document: LINK_FROM_TEMPLATE, variables: fill({ slug: 'a', channel: 'print' }), field: 'variables.channel', rule: 'must be one of email, social' },
      {
        label: 'a link with a NUMBER variable that is not a number',
        document: LINK_FROM_TEMPLATE,
        variables: fill({ n: 'ten' }, { urlTemplate: 'https://example.com/{n}', variables: [{ variableName: 'n', variableType: 'NUMBER' }] }),
        field: 'variables.n',
        rule: 'must be a number',
      },
      { label: 'a link whose variables are a list', document: LINK_FROM_TEMPLATE, variables: fill(['a']), field: 'variables', rule: /must be an object/ },
      { label: 'a link from an inactive template', document: LINK_FROM_TEMPLATE, variables: fill({ slug: 'a' }, { isActive: false }), field: 'templateId', rule: 'this template is inactive' },
    ];

    it.each(invalidCases)('rejects $label', async ({ document, variables, field, rule }) => {
      const key = await newKey();
      expectError(await server.graphql(key, document, await variables(key)), { code: 'BAD_USER_INPUT', field, rule });
    });

    it.each([
      ['linkTemplate', TEMPLATE, {}],
      ['updateLinkTemplate', UPDATE_TEMPLATE, { input: { description: 'x' } }],
      ['deleteLinkTemplate', DELETE_TEMPLATE, {}],
    ])('answers NOT_FOUND to %s of an unknown id', async (_name, document, variables) => {
      expectError(await server.graphql(await newKey(), document, { ...variables, id: UNKNOWN_ID }), { code: 'NOT_FOUND', field: 'id' });
    });
  });

  describe('domains', () => {
    it('creates, lists, updates and deletes a domain with its headers', async () => {
      const key = await newKey();
      const host = uniqueHost();
      const input = { domain: `${host.toUpperCase()}.`, isPrimary: true, headers: [{ name: 'X-Robots-Tag', value: ' noindex ' }] };
      const domain = (await server.ok<{ createDomain: Domain }>(key, CREATE_DOMAIN, { input })).createDomain;
      expect(domain).toEqual({ ...input, id: expect.any(String), domain: host, sslEnabled: true, headers: [{ name: 'X-Robots-Tag', value: 'noindex' }] });
      expect((await server.ok<{ domains: Domain[] }>(key, DOMAINS)).domains).toEqual([domain]);

      const changes = { sslEnabled: false, headers: [{ name: 'Strict-Transport-Security', value: 'max-age=60' }, { name: 'X-Frame-Options', value: 'DENY' }] };
      const updated = (await server.ok<{ updateDomain: Domain }>(key, UPDATE_DOMAIN, { id: domain.id, input: changes })).updateDomain;
      expect({ ...updated, headers: [...updated.headers].sort((a, b) => a.name.localeCompare(b.name)) }).toEqual({ ...domain, ...changes });

      expect((await server.ok<{ deleteDomain: boolean }>(key, DELETE_DOMAIN, { id: domain.id })).deleteDomain).toBe(true);
      expect((await server.ok<{ domains: Domain[] }>(key, DOMAINS)).domains).toEqual([]);
      expectError(await server.graphql(key, UPDATE_DOMAIN, { id: domain.id, input: { sslEnabled: true } }), { code: 'NOT_FOUND', field: 'id' });
    });

    it('offers none of the settings that were dropped for changing nothing', async () => {
      const fieldsOf = async (type: string) =>
        (await server.ok<{ __type: { fields: { name: string }[] | null; inputFields: { name: string }[] | null } }>(await newKey(), `{ __type(name: "${type}") { fields { name } inputFields { name } } }`))
          .__type;
      const names = (await Promise.all(['Domain', 'CreateDomainInput', 'UpdateDomainInput', 'AttributionModel', 'UpdateAttributionModelInput', 'Settings', 'UpdateSettingsInput'].map(fieldsOf)))
        .flatMap((type) => [...(type.fields ?? []), ...(type.inputFields ?? [])])
        .map((field) => field.name);
      expect(names).toEqual(expect.arrayContaining(['isPrimary', 'autoGenerateShortCodes']));
      expect(names.filter((name) => ['customCss', 'trackingSettings', 'customRules', 'customAttributionSettings'].includes(name))).toEqual([]);
    });

    it('keeps a single primary domain per workspace', async () => {
      const key = await newKey();
      const first = await createDomain(key, { isPrimary: true });
      const second = await createDomain(key, { isPrimary: true });
      const primaries = (await server.ok<{ domains: Domain[] }>(key, DOMAINS)).domains.filter((domain) => domain.isPrimary).map((domain) => domain.id);
      expect(primaries).toEqual([second.id]);
      expect(first.id).not.toBe(second.id);
    });

    it('puts a new link given no domain on the primary domain, and on the shared one when there is none', async () => {
      const key = await newKey();
      const primary = await createDomain(key, { isPrimary: true });
      const other = await createDomain(key);
      const link = await createLink(server, key, { shortCode: 'spring' });
      expect(link).toMatchObject({ domainId: primary.id, shortUrl: `https://${primary.domain}/r/spring` });
      expect((await createLink(server, key, { domainId: other.id })).domainId).toBe(other.id);
      expect((await linkFromTemplate(key, (await createTemplate(key)).id, { slug: 'pricing' })).shortUrl).toMatch(new RegExp(`^https://${primary.domain}/r/`));

      await server.ok(key, UPDATE_DOMAIN, { id: primary.id, input: { isPrimary: false } });
      expect((await createLink(server, key, { shortCode: 'spring' })).domainId).toBeNull();
    });

    it("gives a domain's links the domain's short URL, with the scheme its SSL setting implies", async () => {
      const key = await newKey();
      const secure = await createDomain(key);
      const plain = await createDomain(key, { sslEnabled: false });
      const link = await createLink(server, key, { domainId: secure.id, shortCode: 'spring' });
      expect(link).toMatchObject({ domainId: secure.id, shortUrl: `https://${secure.domain}/r/spring` });
      expect((await createLink(server, key, { domainId: plain.id, shortCode: 'spring' })).shortUrl).toBe(`http://${plain.domain}/r/spring`);
      // Codes are unique per domain, so the same code is free on the shared domain.
      expect((await createLink(server, key, { shortCode: `spring-${secure.id.slice(0, 8)}` })).shortUrl).toMatch(/^http:\/\/localhost:3300\/r\//);
      expectError(await server.graphql(key, CREATE_LINK, { input: { destinationUrl: 'https://example.com', domainId: secure.id, shortCode: 'spring' } }), {
        code: 'BAD_USER_INPUT',
        field: 'shortCode',
        rule: 'is already taken on this domain',
      });
    });

    it('refuses to delete a domain that links use, even deleted ones, whose codes stay reserved', async () => {
      const key = await newKey();
      const domain = await createDomain(key);
      const link = await createLink(server, key, { domainId: domain.id });
      const refusal = { code: 'BAD_USER_INPUT', field: 'id', rule: /^links use this domain, deleted ones included/ };
      expectError(await server.graphql(key, DELETE_DOMAIN, { id: domain.id }), refusal);
      await server.ok(key, DELETE_LINK, { id: link.id });
      expectError(await server.graphql(key, DELETE_DOMAIN, { id: domain.id }), refusal);
      expect((await server.ok<{ domains: Domain[] }>(key, DOMAINS)).domains.map((row) => row.id)).toEqual([domain.id]);
    });

    const domainInput = (input: Variables) => () => ({ input: { domain: uniqueHost(), ...input } });
    const header = (name: string, value: string) => domainInput({ headers: [{ name, value }] });
    const PROTECTED = /is set by TrackFlow and cannot be configured/;

    const invalidCases: InvalidCase[] = [
      { label: 'a domain with a scheme', document: CREATE_DOMAIN, variables: domainInput({ domain: 'https://go.example.com' }), field: 'domain', rule: /must be a host name/ },
      { label: 'a domain with a path', document: CREATE_DOMAIN, variables: domainInput({ domain: 'go.example.com/r' }), field: 'domain', rule: /must be a host name/ },
      {
        label: 'a domain already configured in another workspace',
        document: CREATE_DOMAIN,
        variables: async () => ({ input: { domain: (await createDomain(await newKey())).domain } }),
        field: 'domain',
        rule: 'this domain is already configured',
      },
      { label: 'a header that sets Location', document: CREATE_DOMAIN, variables: header('Location', 'https://evil.example'), field: 'headers[0].name', rule: PROTECTED },
      { label: 'a header that sets set-cookie', document: CREATE_DOMAIN, variables: header('set-cookie', 'a=b'), field: 'headers[0].name', rule: PROTECTED },
      { label: 'a header value with CR LF', document: CREATE_DOMAIN, variables: header('X-Note', 'ok\r\nLocation: https://evil.example'), field: 'headers[0].value', rule: 'must be one line of at most 1024 characters' },
      { label: 'a header value with a bare LF', document: CREATE_DOMAIN, variables: header('X-Note', 'ok\nSet-Cookie: a=b'), field: 'headers[0].value', rule: 'must be one line of at most 1024 characters' },
      { label: 'a header name with CR LF', document: CREATE_DOMAIN, variables: header('X-Note\r\nLocation', 'x'), field: 'headers[0].name', rule: /must be an HTTP header token/ },
      {
        label: 'a header given twice',
        document: CREATE_DOMAIN,
        variables: domainInput({ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }),
        field: 'headers[1].name',
        rule: 'x-a is given twice',
      },
      {
        label: 'an update with a header that sets Location',
        document: UPDATE_DOMAIN,
        variables: async (key) => ({ id: (await createDomain(key)).id, input: { headers: [{ name: 'X-Ok', value: '1' }, { name: 'LOCATION', value: '/' }] } }),
        field: 'headers[1].name',
        rule: PROTECTED,
      },
    ];

    it.each(invalidCases)('rejects $label', async ({ document, variables, field, rule }) => {
      const key = await newKey();
      expectError(await server.graphql(key, document, await variables(key)), { code: 'BAD_USER_INPUT', field, rule });
    });

    it('answers NOT_FOUND to deleteDomain of an unknown id', async () => {
      expectError(await server.graphql(await newKey(), DELETE_DOMAIN, { id: UNKNOWN_ID }), { code: 'NOT_FOUND', field: 'id' });
    });
  });

  describe('workspace isolation', () => {
    it("never shows, changes or uses another workspace's templates and domains", async () => {
      const a = await newKey();
      const b = await newKey();
      const theirTemplate = await createTemplate(b);
      const theirDomain = await createDomain(b);
      const theirCampaign = await createCampaign(server, b);

      expect((await server.ok<{ linkTemplates: LinkTemplate[] }>(a, TEMPLATES)).linkTemplates).toEqual([]);
      expect((await server.ok<{ domains: Domain[] }>(a, DOMAINS)).domains).toEqual([]);
      const notFound: [string, Variables][] = [
        [TEMPLATE, { id: theirTemplate.id }],
        [UPDATE_TEMPLATE, { id: theirTemplate.id, input: { urlTemplate: 'https://evil.example/{slug}{channel}' } }],
        [DELETE_TEMPLATE, { id: theirTemplate.id }],
        [UPDATE_DOMAIN, { id: theirDomain.id, input: { headers: [{ name: 'X-Hijack', value: '1' }] } }],
        [DELETE_DOMAIN, { id: theirDomain.id }],
      ];
      for (const [document, variables] of notFound) {
        expectError(await server.graphql(a, document, variables), { code: 'NOT_FOUND', field: 'id' });
      }
      expectError(await server.graphql(a, LINK_FROM_TEMPLATE, { templateId: theirTemplate.id, variables: { slug: 'x' } }), { code: 'NOT_FOUND', field: 'templateId' });
      const rejected: [string, Variables, string][] = [
        [CREATE_TEMPLATE, { input: landingTemplate({ campaignId: theirCampaign.id }) }, 'campaignId'],
        [CREATE_LINK, { input: { destinationUrl: 'https://example.com', domainId: theirDomain.id } }, 'domainId'],
      ];
      for (const [document, variables, field] of rejected) {
        expectError(await server.graphql(a, document, variables), { code: 'BAD_USER_INPUT', field });
      }

      expect((await server.ok<{ linkTemplates: LinkTemplate[] }>(b, TEMPLATES)).linkTemplates).toEqual([theirTemplate]);
      expect((await server.ok<{ domains: Domain[] }>(b, DOMAINS)).domains).toEqual([theirDomain]);
    });
  });

  describe('scopes', () => {
    it('lets a links:read key list templates and domains but not change them', async () => {
      const workspace = `ws-read-${Math.random().toString(36).slice(2)}`;
      const writer = (await server.createKey(workspace)).key;
      const reader = (await server.createKey(workspace, ['links:read'])).key;
      const template = await createTemplate(writer);
      const domain = await createDomain(writer);
      expect((await server.ok<{ linkTemplates: LinkTemplate[] }>(reader, TEMPLATES)).linkTemplates).toEqual([template]);
      expect((await server.ok<{ domains: Domain[] }>(reader, DOMAINS)).domains).toEqual([domain]);
      const mutations: [string, Variables][] = [
        [CREATE_TEMPLATE, { input: landingTemplate() }],
        [UPDATE_TEMPLATE, { id: template.id, input: { isActive: false } }],
        [DELETE_TEMPLATE, { id: template.id }],
        [LINK_FROM_TEMPLATE, { templateId: template.id, variables: { slug: 'x' } }],
        [CREATE_DOMAIN, { input: { domain: uniqueHost() } }],
        [UPDATE_DOMAIN, { id: domain.id, input: { sslEnabled: false } }],
        [DELETE_DOMAIN, { id: domain.id }],
      ];
      for (const [document, variables] of mutations) {
        expectError(await server.graphql(reader, document, variables), { code: 'FORBIDDEN' });
      }
    });
  });
});
