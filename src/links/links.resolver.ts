import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { CampaignDto, CreateCampaignInput, UpdateCampaignInput } from 'src/links/dto/campaign.dto';
import { CreateLinkVariantInput, LinkVariantDto, UpdateLinkVariantInput } from 'src/links/dto/link-variant.dto';
import { CreateTrackedLinkInput, TrackedLinkDto, UpdateTrackedLinkInput } from 'src/links/dto/tracked-link.dto';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';
import { CampaignsService } from 'src/links/campaigns.service';
import { LinkTemplatesService } from 'src/links/link-templates.service';
import { LinkVariantsService } from 'src/links/link-variants.service';
import { toCampaignDto, toLinkVariantDto, toTrackedLinkDto } from 'src/links/links.mappers';
import { qrTargetOf } from 'src/links/short-url.util';
import { renderQrSvg } from 'src/links/qr-code.util';
import { TrackedLinksService } from 'src/links/tracked-links.service';

@Resolver(() => TrackedLinkDto)
export class LinksResolver {
  constructor(
    private readonly campaignsService: CampaignsService,
    private readonly links: TrackedLinksService,
    private readonly variants: LinkVariantsService,
    private readonly templates: LinkTemplatesService,
  ) {}

  @Query(() => [CampaignDto])
  @RequireScope('links:read')
  async campaigns(@CurrentWorkspace() workspaceId: string): Promise<CampaignDto[]> {
    return (await this.campaignsService.list(workspaceId)).map(toCampaignDto);
  }

  @Query(() => CampaignDto)
  @RequireScope('links:read')
  async campaign(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<CampaignDto> {
    return toCampaignDto(await this.campaignsService.get(workspaceId, id));
  }

  @Mutation(() => CampaignDto)
  @RequireScope('links:write')
  async createCampaign(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateCampaignInput): Promise<CampaignDto> {
    return toCampaignDto(await this.campaignsService.create(workspaceId, input));
  }

  @Mutation(() => CampaignDto)
  @RequireScope('links:write')
  async updateCampaign(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCampaignInput,
  ): Promise<CampaignDto> {
    return toCampaignDto(await this.campaignsService.update(workspaceId, id, input));
  }

  @Mutation(() => Boolean)
  @RequireScope('links:write')
  deleteCampaign(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.campaignsService.delete(workspaceId, id);
  }

  @Query(() => [TrackedLinkDto])
  @RequireScope('links:read')
  async trackedLinks(
    @CurrentWorkspace() workspaceId: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
  ): Promise<TrackedLinkDto[]> {
    return this.present(workspaceId, await this.links.list(workspaceId, campaignId ?? undefined));
  }

  @Query(() => TrackedLinkDto)
  @RequireScope('links:read')
  async trackedLink(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<TrackedLinkDto> {
    return this.presentOne(workspaceId, await this.links.get(workspaceId, id));
  }

  @Mutation(() => TrackedLinkDto)
  @RequireScope('links:write')
  async createTrackedLink(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateTrackedLinkInput): Promise<TrackedLinkDto> {
    return this.presentOne(workspaceId, await this.links.create(workspaceId, input));
  }

  @Mutation(() => TrackedLinkDto)
  @RequireScope('links:write')
  async updateTrackedLink(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateTrackedLinkInput,
  ): Promise<TrackedLinkDto> {
    return this.presentOne(workspaceId, await this.links.update(workspaceId, id, input));
  }

  @Mutation(() => Boolean)
  @RequireScope('links:write')
  deleteTrackedLink(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.links.delete(workspaceId, id);
  }

  @Mutation(() => TrackedLinkDto)
  @RequireScope('links:write')
  async createLinkFromTemplate(
    @CurrentWorkspace() workspaceId: string,
    @Args('templateId', { type: () => ID }) templateId: string,
    @Args('variables', { type: () => GraphQLJSON, nullable: true }) variables: unknown,
    @Args('shortCode', { type: () => String, nullable: true, description: 'As createTrackedLink: required while settings autoGenerateShortCodes is off' }) shortCode?: string | null,
  ): Promise<TrackedLinkDto> {
    return this.presentOne(workspaceId, await this.templates.createLink(workspaceId, templateId, variables, shortCode));
  }

  @Mutation(() => LinkVariantDto)
  @RequireScope('links:write')
  async createLinkVariant(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateLinkVariantInput): Promise<LinkVariantDto> {
    return toLinkVariantDto(await this.variants.create(workspaceId, input));
  }

  @Mutation(() => LinkVariantDto)
  @RequireScope('links:write')
  async updateLinkVariant(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateLinkVariantInput,
  ): Promise<LinkVariantDto> {
    return toLinkVariantDto(await this.variants.update(workspaceId, id, input));
  }

  @Mutation(() => Boolean)
  @RequireScope('links:write')
  deleteLinkVariant(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.variants.delete(workspaceId, id);
  }

  @ResolveField(() => String, { description: 'QR code of the short URL, as SVG markup' })
  qrCodeSvg(@Parent() link: TrackedLinkDto): Promise<string> {
    return renderQrSvg(qrTargetOf(link.shortUrl));
  }

  private async presentOne(workspaceId: string, link: TrackedLink): Promise<TrackedLinkDto> {
    return (await this.present(workspaceId, [link]))[0];
  }

  private async present(workspaceId: string, links: TrackedLink[]): Promise<TrackedLinkDto[]> {
    const variants = await this.variants.listForLinks(workspaceId, links.map((link) => link.id));
    return Promise.all(
      links.map(async (link) => toTrackedLinkDto(link, await this.links.shortUrl(link), variants.filter((variant) => variant.trackedLinkId === link.id))),
    );
  }
}
