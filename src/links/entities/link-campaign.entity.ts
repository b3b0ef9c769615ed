import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn, nullableBigintColumn } from 'src/common/database/bigint.transformer';

@Entity({ schema: 'trackflow', name: 'link_campaign' })
export class LinkCampaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'external_campaign_id', nullable: true })
  externalCampaignId!: string | null;

  @Column('text', { name: 'campaign_type' })
  campaignType!: string;

  @Column('text')
  status!: string;

  @Column('date', { name: 'start_date', nullable: true })
  startDate!: string | null;

  @Column('date', { name: 'end_date', nullable: true })
  endDate!: string | null;

  @Column('text', { name: 'owner_user', nullable: true })
  ownerUser!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('text', { nullable: true })
  medium!: string | null;

  @Column(nullableBigintColumn('budget_micros'))
  budgetMicros!: bigint | null;

  @Column('text', { name: 'currency_code' })
  currencyCode!: string;

  @Column('numeric', { name: 'expected_roi', nullable: true })
  expectedRoi!: string | null;

  @Column(bigintColumn('total_clicks'))
  totalClicks!: bigint;

  @Column(bigintColumn('unique_visitors'))
  uniqueVisitors!: bigint;

  @Column('integer')
  conversions!: number;

  @Column(bigintColumn('revenue_micros'))
  revenueMicros!: bigint;

  @Column('numeric', { name: 'conversion_rate', nullable: true })
  conversionRate!: string | null;

  @Column(nullableBigintColumn('cost_micros'))
  costMicros!: bigint | null;

  @Column(nullableBigintColumn('cost_per_click_micros'))
  costPerClickMicros!: bigint | null;

  @Column(nullableBigintColumn('cost_per_acquisition_micros'))
  costPerAcquisitionMicros!: bigint | null;

  @Column('numeric', { name: 'roi_percentage', nullable: true })
  roiPercentage!: string | null;

  @Column('timestamptz', { name: 'last_click', nullable: true })
  lastClick!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date | null;
}
