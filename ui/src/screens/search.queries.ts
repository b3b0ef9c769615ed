/** The GraphQL of the people and deals searches and of a campaign's conversions, and the shapes the screens read. */

export interface PersonFound {
  personId: string;
  displayName: string | null;
  companyId: string | null;
  leadStatus: string | null;
  conversions: number;
  lastSeen: string | null;
}

export interface DealFound {
  opportunityId: string;
  name: string | null;
  stage: string | null;
  amount: string | null;
  currencyCode: string;
  wonAt: string | null;
  contactId: string | null;
  contactName: string | null;
}

export const SEARCH_PEOPLE = `query SearchPeople($query: String!) { searchPeople(query: $query) { personId displayName companyId leadStatus conversions lastSeen } }`;
export const SEARCH_DEALS = `query SearchDeals($query: String!) { searchDeals(query: $query) { opportunityId name stage amount currencyCode wonAt contactId contactName } }`;

export interface CampaignConversion {
  conversionId: string;
  conversionType: string;
  convertedAt: string;
  value: string;
  currencyCode: string;
  shortCode: string | null;
  personId: string | null;
  personName: string | null;
  opportunityId: string | null;
  dealName: string | null;
}

export const CAMPAIGN_CONVERSIONS = `query CampaignConversions($campaignId: ID!) { campaignConversions(campaignId: $campaignId) {
  conversionId conversionType convertedAt value currencyCode shortCode personId personName opportunityId dealName } }`;
