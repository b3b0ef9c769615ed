import { GraphqlResult, TestServer } from 'tests/support/test-server';

/** GraphQL documents and result shapes of the links feature, shared by the end-to-end specs. */

export type Campaign = {
  id: string;
  name: string;
  campaignType: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  source: string | null;
  medium: string | null;
  budget: string | null;
  currencyCode: string;
  description: string | null;
};

export type LinkVariant = { id: string; trackedLinkId: string; variantName: string; destinationUrl: string; weight: number; active: boolean };

export type TrackedLink = {
  id: string;
  campaignId: string | null;
  domainId: string | null;
  shortCode: string;
  shortUrl: string;
  destinationUrl: string;
  status: string;
  expiryDate: string | null;
  source: string | null;
  medium: string | null;
  utmCampaign: string | null;
  content: string | null;
  term: string | null;
  additionalParameters: Record<string, string>;
  clickCount: number;
  uniqueVisitorCount: number;
  lastClick: string | null;
  qrCodeSvg: string;
  variants: LinkVariant[];
};

const CAMPAIGN_FIELDS = 'id name campaignType status startDate endDate source medium budget currencyCode description';
const VARIANT_FIELDS = 'id trackedLinkId variantName destinationUrl weight active';
const LINK_FIELDS = `id campaignId domainId shortCode shortUrl destinationUrl status expiryDate source medium utmCampaign content term
  additionalParameters clickCount uniqueVisitorCount lastClick qrCodeSvg variants { ${VARIANT_FIELDS} }`;

export const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
export const UPDATE_CAMPAIGN = `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;
export const DELETE_CAMPAIGN = `mutation ($id: ID!) { deleteCampaign(id: $id) }`;
export const CAMPAIGN = `query ($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const CAMPAIGNS = `query { campaigns { ${CAMPAIGN_FIELDS} } }`;

export const CREATE_LINK = `mutation ($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { ${LINK_FIELDS} } }`;
export const UPDATE_LINK = `mutation ($id: ID!, $input: UpdateTrackedLinkInput!) { updateTrackedLink(id: $id, input: $input) { ${LINK_FIELDS} } }`;
export const DELETE_LINK = `mutation ($id: ID!) { deleteTrackedLink(id: $id) }`;
export const TRACKED_LINK = `query ($id: ID!) { trackedLink(id: $id) { ${LINK_FIELDS} } }`;
export const TRACKED_LINKS = `query ($campaignId: ID) { trackedLinks(campaignId: $campaignId) { ${LINK_FIELDS} } }`;

export const CREATE_VARIANT = `mutation ($input: CreateLinkVariantInput!) { createLinkVariant(input: $input) { ${VARIANT_FIELDS} } }`;
export const UPDATE_VARIANT = `mutation ($id: ID!, $input: UpdateLinkVariantInput!) { updateLinkVariant(id: $id, input: $input) { ${VARIANT_FIELDS} } }`;
export const DELETE_VARIANT = `mutation ($id: ID!) { deleteLinkVariant(id: $id) }`;

/** An id that exists in no workspace. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export async function createCampaign(server: TestServer, key: string, input: Record<string, unknown> = {}): Promise<Campaign> {
  const name = `Campaign ${Math.random().toString(36).slice(2)}`;
  return (await server.ok<{ createCampaign: Campaign }>(key, CREATE_CAMPAIGN, { input: { name, ...input } })).createCampaign;
}

export async function createLink(server: TestServer, key: string, input: Record<string, unknown> = {}): Promise<TrackedLink> {
  return (await server.ok<{ createTrackedLink: TrackedLink }>(key, CREATE_LINK, { input: { destinationUrl: 'https://example.com/landing', ...input } })).createTrackedLink;
}

export async function createVariant(server: TestServer, key: string, trackedLinkId: string, input: Record<string, unknown> = {}): Promise<LinkVariant> {
  const variables = { input: { trackedLinkId, variantName: 'B', destinationUrl: 'https://example.com/b', weight: 1, active: true, ...input } };
  return (await server.ok<{ createLinkVariant: LinkVariant }>(key, CREATE_VARIANT, variables)).createLinkVariant;
}

type ExpectedError = { code: string; field?: string; rule?: string | RegExp };

export type Variables = Record<string, unknown>;

/** One row of a table of rejected inputs: the variables may need rows made first, in the key's workspace. */
export type InvalidCase = { label: string; document: string; variables: (key: string) => Promise<Variables> | Variables; field: string; rule: string | RegExp };

/** The call failed with exactly one error of this code (and field and rule, when given), and returned no data. */
export function expectError<T>(result: GraphqlResult<T>, expected: ExpectedError): void {
  expect(result.errors).toHaveLength(1);
  const extensions = result.errors?.[0].extensions ?? {};
  expect(extensions.code).toBe(expected.code);
  if (expected.field !== undefined) expect(extensions.field).toBe(expected.field);
  if (expected.rule !== undefined) expect(extensions.rule).toEqual(expected.rule instanceof RegExp ? expect.stringMatching(expected.rule) : expected.rule);
  expect(result.data ?? null).toBeNull();
}
