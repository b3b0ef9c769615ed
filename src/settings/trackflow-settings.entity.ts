import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RetentionOverrides } from 'src/privacy/retention/retention-periods.util';

/** The seed's TrackFlow Settings singleton, one row per workspace. */
@Entity({ schema: 'trackflow', name: 'trackflow_settings' })
export class TrackflowSettings implements RetentionOverrides {
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

  /** Days the workspace keeps each kind of data (0: forever); null follows the server's RETENTION_*_DAYS. */
  @Column('integer', { name: 'retention_click_event_days', nullable: true })
  retentionClickEventDays!: number | null;

  @Column('integer', { name: 'retention_visitor_event_days', nullable: true })
  retentionVisitorEventDays!: number | null;

  @Column('integer', { name: 'retention_visitor_session_days', nullable: true })
  retentionVisitorSessionDays!: number | null;

  @Column('integer', { name: 'retention_visitor_days', nullable: true })
  retentionVisitorDays!: number | null;

  @Column('integer', { name: 'retention_api_request_log_days', nullable: true })
  retentionApiRequestLogDays!: number | null;

  @Column('integer', { name: 'retention_webhook_delivery_days', nullable: true })
  retentionWebhookDeliveryDays!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
