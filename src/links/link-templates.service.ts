import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { optionalText, requiredText } from 'src/common/validation/input-rules';
import { validateDestinationUrl } from 'src/links/destination-url.util';
import { CreateLinkTemplateInput, TemplateVariableInput, UpdateLinkTemplateInput } from 'src/links/dto/link-template.dto';
import { TemplateVariableType } from 'src/links/dto/link-enums';
import { LinkTemplate } from 'src/links/entities/link-template.entity';
import { TemplateVariable } from 'src/links/entities/template-variable.entity';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';
import { CampaignRepository } from 'src/links/campaign.repository';
import { LinkTemplateRepository } from 'src/links/link-template.repository';
import { TrackedLinksService } from 'src/links/tracked-links.service';
import { checkTemplateVariables, fillUrlTemplate, TemplateVariableSpec } from 'src/links/url-template.util';

@Injectable()
export class LinkTemplatesService {
  constructor(
    private readonly templates: LinkTemplateRepository,
    private readonly campaigns: CampaignRepository,
    private readonly trackedLinks: TrackedLinksService,
  ) {}

  list(workspaceId: string): Promise<LinkTemplate[]> {
    return this.templates.findMany(workspaceId, {}, { templateName: 'ASC' });
  }

  async get(workspaceId: string, id: string, field = 'id'): Promise<LinkTemplate> {
    const template = await this.templates.findOne(workspaceId, id);
    if (!template) throw notFound('Link template', id, field);
    return template;
  }

  async create(workspaceId: string, input: CreateLinkTemplateInput): Promise<LinkTemplate> {
    const template = this.templates.create({ workspaceId, isActive: true, variables: [] });
    return this.apply(workspaceId, template, { ...input, variables: input.variables ?? [] });
  }

  async update(workspaceId: string, id: string, input: UpdateLinkTemplateInput): Promise<LinkTemplate> {
    return this.apply(workspaceId, await this.get(workspaceId, id), input);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    await this.get(workspaceId, id);
    return this.templates.delete(workspaceId, id);
  }

  async createLink(workspaceId: string, templateId: string, values: unknown, shortCode?: string | null): Promise<TrackedLink> {
    const template = await this.get(workspaceId, templateId, 'templateId');
    if (!template.isActive) throw new ValidationFailure('templateId', 'this template is inactive');
    if (values !== undefined && values !== null && (typeof values !== 'object' || Array.isArray(values))) {
      throw new ValidationFailure('variables', 'must be an object of variable name to value');
    }
    const destinationUrl = fillUrlTemplate(template.urlTemplate, template.variables, (values ?? {}) as Record<string, unknown>);
    return this.trackedLinks.create(workspaceId, {
      destinationUrl,
      campaignId: template.campaignId,
      source: template.source,
      medium: template.medium,
      shortCode,
    });
  }

  private async apply(workspaceId: string, template: LinkTemplate, input: UpdateLinkTemplateInput): Promise<LinkTemplate> {
    if (input.templateName !== undefined) template.templateName = requiredText(input.templateName, 'templateName', 140);
    if (input.urlTemplate !== undefined) template.urlTemplate = requiredText(input.urlTemplate, 'urlTemplate', 2048);
    if (input.description !== undefined) template.description = optionalText(input.description, 'description', 5000) ?? null;
    if (input.isActive !== undefined) template.isActive = input.isActive;
    if (input.source !== undefined) template.source = optionalText(input.source, 'source') ?? null;
    if (input.medium !== undefined) template.medium = optionalText(input.medium, 'medium') ?? null;
    if (input.campaignId !== undefined) {
      if (input.campaignId !== null && !(await this.campaigns.findOne(workspaceId, input.campaignId))) {
        throw new ValidationFailure('campaignId', 'no such campaign in this workspace');
      }
      template.campaignId = input.campaignId;
    }
    if (input.variables !== undefined) template.variables = input.variables.map((variable, position) => toVariable(workspaceId, variable, position));
    if (!template.templateName) throw new ValidationFailure('templateName', 'is required and must not be blank');
    if (!template.urlTemplate) throw new ValidationFailure('urlTemplate', 'is required and must not be blank');
    checkTemplateVariables(template.urlTemplate, template.variables);
    validateDestinationUrl(fillUrlTemplate(template.urlTemplate, template.variables.map(asSample), {}), 'urlTemplate');
    try {
      await this.templates.save(template);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_link_template_name')) throw new ValidationFailure('templateName', 'a template with this name already exists');
      if (isUniqueViolation(error, 'uq_template_variable_name')) throw new ValidationFailure('variables', 'variable names must be unique');
      throw error;
    }
    return this.get(workspaceId, template.id);
  }
}

function toVariable(workspaceId: string, input: TemplateVariableInput, position: number): TemplateVariable {
  const rules = input.validationRules;
  if (rules !== undefined && rules !== null && (typeof rules !== 'object' || Array.isArray(rules))) {
    throw new ValidationFailure(`variables.${input.variableName}.validationRules`, 'must be an object {pattern?, minLength?, maxLength?, options?}');
  }
  return Object.assign(new TemplateVariable(), {
    workspaceId,
    variableName: requiredText(input.variableName, 'variables.variableName', 64),
    variableType: input.variableType ?? TemplateVariableType.TEXT,
    defaultValue: optionalText(input.defaultValue, `variables.${input.variableName}.defaultValue`, 512) ?? null,
    description: optionalText(input.description, `variables.${input.variableName}.description`, 1000) ?? null,
    isRequired: input.isRequired ?? true,
    validationRules: (rules ?? null) as TemplateVariable['validationRules'],
    position,
  });
}

/** A stand-in value of the right type, to check that the template yields a valid URL at all. */
function asSample(variable: TemplateVariableSpec): TemplateVariableSpec {
  const samples: Record<string, string> = { NUMBER: '1', DATE: '2024-01-01', URL: 'https://example.com' };
  const sample = variable.defaultValue ?? variable.validationRules?.options?.[0] ?? samples[variable.variableType] ?? 'sample';
  return { ...variable, defaultValue: sample, validationRules: null, variableType: 'TEXT' };
}
