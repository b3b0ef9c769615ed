import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from 'src/common/database/bigint.transformer';

@Entity({ schema: 'trackflow', name: 'tracked_link' })
export class TrackedLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('uuid', { name: 'campaign_id', nullable: true })
  campaignId!: string | null;

  @Column('uuid', { name: 'domain_id', nullable: true })
  domainId!: string | null;

  @Column('text', { name: 'short_code' })
  shortCode!: string;

  @Column('text', { name: 'destination_url' })
  destinationUrl!: string;

  @Column('text', { name: 'fallback_url', nullable: true })
  fallbackUrl!: string | null;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'expiry_date', nullable: true })
  expiryDate!: Date | null;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('text', { nullable: true })
  medium!: string | null;

  @Column('text', { name: 'utm_campaign', nullable: true })
  utmCampaign!: string | null;

  @Column('text', { nullable: true })
  content!: string | null;

  @Column('text', { nullable: true })
  term!: string | null;

  @Column('jsonb', { name: 'additional_parameters' })
  additionalParameters!: Record<string, string>;

  @Column(bigintColumn('click_count'))
  clickCount!: bigint;

  @Column(bigintColumn('unique_visitor_count'))
  uniqueVisitorCount!: bigint;

  @Column('integer', { name: 'conversion_count' })
  conversionCount!: number;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'last_click', nullable: true })
  lastClick!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date | null;
}
