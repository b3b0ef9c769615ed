import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TemplateVariable } from 'src/links/entities/template-variable.entity';

@Entity({ schema: 'trackflow', name: 'link_template' })
export class LinkTemplate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('text', { name: 'template_name' })
  templateName!: string;

  @Column('text', { name: 'url_template' })
  urlTemplate!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('boolean', { name: 'is_active' })
  isActive!: boolean;

  @Column('uuid', { name: 'campaign_id', nullable: true })
  campaignId!: string | null;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('text', { nullable: true })
  medium!: string | null;

  @OneToMany(() => TemplateVariable, (variable) => variable.template, { cascade: true, eager: true })
  variables!: TemplateVariable[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
