import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { CreateDomainInput, DomainDto, UpdateDomainInput } from 'src/links/dto/domain.dto';
import { CreateLinkTemplateInput, LinkTemplateDto, UpdateLinkTemplateInput } from 'src/links/dto/link-template.dto';
import { DomainsService } from 'src/links/domains.service';
import { LinkTemplatesService } from 'src/links/link-templates.service';
import { toDomainDto, toLinkTemplateDto } from 'src/links/links.mappers';

@Resolver()
export class TemplatesDomainsResolver {
  constructor(
    private readonly templates: LinkTemplatesService,
    private readonly domainsService: DomainsService,
  ) {}

  @Query(() => [LinkTemplateDto])
  @RequireScope('links:read')
  async linkTemplates(@CurrentWorkspace() workspaceId: string): Promise<LinkTemplateDto[]> {
    return (await this.templates.list(workspaceId)).map(toLinkTemplateDto);
  }

  @Query(() => LinkTemplateDto)
  @RequireScope('links:read')
  async linkTemplate(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<LinkTemplateDto> {
    return toLinkTemplateDto(await this.templates.get(workspaceId, id));
  }

  @Mutation(() => LinkTemplateDto)
  @RequireScope('links:write')
  async createLinkTemplate(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateLinkTemplateInput): Promise<LinkTemplateDto> {
    return toLinkTemplateDto(await this.templates.create(workspaceId, input));
  }

  @Mutation(() => LinkTemplateDto)
  @RequireScope('links:write')
  async updateLinkTemplate(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateLinkTemplateInput,
  ): Promise<LinkTemplateDto> {
    return toLinkTemplateDto(await this.templates.update(workspaceId, id, input));
  }

  @Mutation(() => Boolean)
  @RequireScope('links:write')
  deleteLinkTemplate(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.templates.delete(workspaceId, id);
  }

  @Query(() => [DomainDto])
  @RequireScope('links:read')
  async domains(@CurrentWorkspace() workspaceId: string): Promise<DomainDto[]> {
    return (await this.domainsService.list(workspaceId)).map(toDomainDto);
  }

  @Mutation(() => DomainDto)
  @RequireScope('settings:write')
  async createDomain(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateDomainInput): Promise<DomainDto> {
    return toDomainDto(await this.domainsService.create(workspaceId, input));
  }

  @Mutation(() => DomainDto)
  @RequireScope('settings:write')
  async updateDomain(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateDomainInput,
  ): Promise<DomainDto> {
    return toDomainDto(await this.domainsService.update(workspaceId, id, input));
  }

  @Mutation(() => Boolean)
  @RequireScope('settings:write')
  deleteDomain(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.domainsService.delete(workspaceId, id);
  }
}
