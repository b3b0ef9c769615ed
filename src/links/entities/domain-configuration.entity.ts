import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DomainHeaderConfiguration } from 'src/links/entities/domain-header-configuration.entity';

@Entity({ schema: 'trackflow', name: 'domain_configuration' })
export class DomainConfiguration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('text')
  domain!: string;

  @Column('boolean', { name: 'is_primary' })
  isPrimary!: boolean;

  @Column('boolean', { name: 'ssl_enabled' })
  sslEnabled!: boolean;

  @OneToMany(() => DomainHeaderConfiguration, (header) => header.domain, { cascade: true, eager: true })
  headers!: DomainHeaderConfiguration[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
