import { VariableType } from '../template-variables';

const TEMPLATE_FIELDS = 'id templateName urlTemplate description isActive source medium variables { variableName variableType defaultValue isRequired validationRules }';

export const ADMIN_LINK_TEMPLATES = `query AdminLinkTemplates { linkTemplates { ${TEMPLATE_FIELDS} } }`;
export const CREATE_LINK_TEMPLATE = `mutation CreateLinkTemplate($input: CreateLinkTemplateInput!) { createLinkTemplate(input: $input) { ${TEMPLATE_FIELDS} } }`;
export const UPDATE_LINK_TEMPLATE = `mutation UpdateLinkTemplate($id: ID!, $input: UpdateLinkTemplateInput!) { updateLinkTemplate(id: $id, input: $input) { ${TEMPLATE_FIELDS} } }`;
export const DELETE_LINK_TEMPLATE = `mutation DeleteLinkTemplate($id: ID!) { deleteLinkTemplate(id: $id) }`;

export interface AdminLinkTemplate {
  id: string;
  templateName: string;
  urlTemplate: string;
  description: string | null;
  isActive: boolean;
  source: string | null;
  medium: string | null;
  variables: { variableName: string; variableType: VariableType; defaultValue: string | null; isRequired: boolean; validationRules: { options?: string[] } | null }[];
}
