import { registerEnumType } from '@nestjs/graphql';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  ARCHIVED = 'ARCHIVED',
}

export enum CampaignType {
  EMAIL = 'EMAIL',
  SOCIAL = 'SOCIAL',
  PAID_SEARCH = 'PAID_SEARCH',
  PAID_SOCIAL = 'PAID_SOCIAL',
  DISPLAY = 'DISPLAY',
  AFFILIATE = 'AFFILIATE',
  CONTENT = 'CONTENT',
  EVENT = 'EVENT',
  PRINT = 'PRINT',
  REFERRAL = 'REFERRAL',
  OTHER = 'OTHER',
}

/** EXPIRED is never stored: a link past its expiry date reads as EXPIRED. */
export enum LinkStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  EXPIRED = 'EXPIRED',
  ARCHIVED = 'ARCHIVED',
}

export enum TemplateVariableType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  DATE = 'DATE',
  URL = 'URL',
  SELECT = 'SELECT',
}

registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(CampaignType, { name: 'CampaignType' });
registerEnumType(LinkStatus, { name: 'LinkStatus' });
registerEnumType(TemplateVariableType, { name: 'TemplateVariableType' });
