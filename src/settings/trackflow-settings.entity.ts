import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The seed's TrackFlow Settings singleton, one row per workspace. */
@Entity({ schema: 'trackflow', name: 'trackflow_settings' })
export class TrackflowSettings {
  @PrimaryColumn('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('boolean', { name: 'enable_tracking' })
  enableTracking!: boolean;

  @Column('boolean', { name: 'auto_generate_short_codes' })
  autoGenerateShortCodes!: boolean;

  @Column('integer', { name: 'short_code_length' })
  shortCodeLength!: number;

  @Column('text', { name: 'default_shortlink_domain', nullable: true })
  defaultShortlinkDomain!: string | null;

  @Column('boolean', { name: 'exclude_internal_traffic' })
  excludeInternalTraffic!: boolean;

  @Column('integer', { name: 'cookie_expires_days' })
  cookieExpiresDays!: number;

  @Column('text', { name: 'default_attribution_model' })
  defaultAttributionModel!: string;

  @Column('integer', { name: 'attribution_window_days' })
  attributionWindowDays!: number;

  @Column('jsonb', { name: 'custom_attribution_settings', nullable: true })
  customAttributionSettings!: Record<string, unknown> | null;

  @Column('boolean', { name: 'cookie_consent_required' })
  cookieConsentRequired!: boolean;

  @Column('text', { name: 'cookie_consent_text', nullable: true })
  cookieConsentText!: string | null;

  @Column('text', { name: 'privacy_policy_link', nullable: true })
  privacyPolicyLink!: string | null;

  @Column('text', { name: 'cookie_policy_link', nullable: true })
  cookiePolicyLink!: string | null;

  @Column('boolean', { name: 'anonymize_ip_addresses' })
  anonymizeIpAddresses!: boolean;

  @Column('boolean', { name: 'respect_do_not_track' })
  respectDoNotTrack!: boolean;

  @Column('integer', { name: 'rate_limit_per_hour' })
  rateLimitPerHour!: number;

  /** Opportunity stages that mean the deal is won: reaching one records the deal Conversion. */
  @Column('text', { name: 'deal_won_stages', array: true })
  dealWonStages!: string[];

  /** Whose journey a deal is attributed over: its point of contact only, or every person of its company. */
  @Column('text', { name: 'deal_journey_scope' })
  dealJourneyScope!: 'contact' | 'company';

  /** The person field whose changes are logged as Lead Status Change; null turns logging off. */
  @Column('text', { name: 'lead_status_field', nullable: true })
  leadStatusField!: string | null;

  /** Whether the API Request Log keeps request bodies (secrets redacted); off by default. */
  @Column('boolean', { name: 'log_request_bodies' })
  logRequestBodies!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
