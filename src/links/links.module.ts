import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsService } from 'src/links/campaigns.service';
import { DomainsService } from 'src/links/domains.service';
import { CampaignLinkVariant } from 'src/links/entities/campaign-link-variant.entity';
import { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';
import { DomainHeaderConfiguration } from 'src/links/entities/domain-header-configuration.entity';
import { LinkCampaign } from 'src/links/entities/link-campaign.entity';
import { LinkTemplate } from 'src/links/entities/link-template.entity';
import { TemplateVariable } from 'src/links/entities/template-variable.entity';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';
import { LinkTemplatesService } from 'src/links/link-templates.service';
import { LinkVariantsService } from 'src/links/link-variants.service';
import { CampaignRepository } from 'src/links/campaign.repository';
import { DomainRepository } from 'src/links/domain.repository';
import { LinkTemplateRepository } from 'src/links/link-template.repository';
import { LinkVariantRepository } from 'src/links/link-variant.repository';
import { TrackedLinkRepository } from 'src/links/tracked-link.repository';
import { LinksResolver } from 'src/links/links.resolver';
import { ShortCodeGenerator } from 'src/links/short-code.generator';
import { TemplatesDomainsResolver } from 'src/links/templates-domains.resolver';
import { TrackedLinksService } from 'src/links/tracked-links.service';
import { SettingsModule } from 'src/settings/settings.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkCampaign, TrackedLink, CampaignLinkVariant, LinkTemplate, TemplateVariable, DomainConfiguration, DomainHeaderConfiguration]),
    SettingsModule,
  ],
  providers: [
    CampaignRepository,
    TrackedLinkRepository,
    LinkVariantRepository,
    LinkTemplateRepository,
    DomainRepository,
    ShortCodeGenerator,
    CampaignsService,
    TrackedLinksService,
    LinkVariantsService,
    LinkTemplatesService,
    DomainsService,
    LinksResolver,
    TemplatesDomainsResolver,
  ],
  exports: [CampaignsService, TrackedLinksService, LinkVariantsService],
})
export class LinksModule {}
