const DOMAIN_FIELDS = 'id domain isPrimary sslEnabled headers { name value }';

export const DOMAINS = `query Domains { domains { ${DOMAIN_FIELDS} } }`;
export const CREATE_DOMAIN = `mutation CreateDomain($input: CreateDomainInput!) { createDomain(input: $input) { ${DOMAIN_FIELDS} } }`;
export const UPDATE_DOMAIN = `mutation UpdateDomain($id: ID!, $input: UpdateDomainInput!) { updateDomain(id: $id, input: $input) { ${DOMAIN_FIELDS} } }`;
export const DELETE_DOMAIN = `mutation DeleteDomain($id: ID!) { deleteDomain(id: $id) }`;

export interface Domain {
  id: string;
  domain: string;
  isPrimary: boolean;
  sslEnabled: boolean;
  /** Added to every redirect answered on the domain. */
  headers: { name: string; value: string }[];
}
