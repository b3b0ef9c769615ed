import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LinkTemplate } from 'src/links/entities/link-template.entity';

@Entity({ schema: 'trackflow', name: 'template_variable' })
export class TemplateVariable {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('uuid', { name: 'link_template_id' })
  linkTemplateId!: string;

  @ManyToOne('LinkTemplate', 'variables', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_template_id' })
  template!: LinkTemplate;

  @Column('text', { name: 'variable_name' })
  variableName!: string;

  @Column('text', { name: 'variable_type' })
  variableType!: string;

  @Column('text', { name: 'default_value', nullable: true })
  defaultValue!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('boolean', { name: 'is_required' })
  isRequired!: boolean;

  @Column('jsonb', { name: 'validation_rules', nullable: true })
  validationRules!: { pattern?: string; minLength?: number; maxLength?: number; options?: string[] } | null;

  @Column('integer')
  position!: number;
}
