import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';

@Entity({ schema: 'trackflow', name: 'domain_header_configuration' })
export class DomainHeaderConfiguration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('uuid', { name: 'domain_configuration_id' })
  domainConfigurationId!: string;

  @ManyToOne('DomainConfiguration', 'headers', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'domain_configuration_id' })
  domain!: DomainConfiguration;

  @Column('text', { name: 'header_name' })
  headerName!: string;

  @Column('text', { name: 'header_value' })
  headerValue!: string;
}
