import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from 'src/common/database/bigint.transformer';

@Entity({ schema: 'trackflow', name: 'campaign_link_variant' })
export class CampaignLinkVariant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('uuid', { name: 'tracked_link_id' })
  trackedLinkId!: string;

  @Column('text', { name: 'variant_name' })
  variantName!: string;

  @Column('text', { name: 'destination_url' })
  destinationUrl!: string;

  @Column('integer')
  weight!: number;

  @Column('boolean')
  active!: boolean;

  @Column(bigintColumn('clicks'))
  clicks!: bigint;

  @Column('integer')
  conversions!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
