import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { DomainEvents } from 'src/common/events/domain-events';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { requiredText } from 'src/common/validation/input-rules';
import { validateDestinationUrl } from 'src/links/destination-url.util';
import { CreateLinkVariantInput, UpdateLinkVariantInput } from 'src/links/dto/link-variant.dto';
import { CampaignLinkVariant } from 'src/links/entities/campaign-link-variant.entity';
import { VariantChanged } from 'src/links/links.events';
import { LinkVariantRepository } from 'src/links/link-variant.repository';
import { TrackedLinkRepository } from 'src/links/tracked-link.repository';

const MAX_WEIGHT = 10_000;

/** A/B variants: the redirect splits a link's traffic among its active variants by weight. */
@Injectable()
export class LinkVariantsService {
  constructor(
    private readonly variants: LinkVariantRepository,
    private readonly links: TrackedLinkRepository,
    private readonly events: DomainEvents,
  ) {}

  listForLinks(workspaceId: string, trackedLinkIds: string[]): Promise<CampaignLinkVariant[]> {
    return this.variants.listForLinks(workspaceId, trackedLinkIds);
  }

  async create(workspaceId: string, input: CreateLinkVariantInput): Promise<CampaignLinkVariant> {
    const link = await this.links.findOne(workspaceId, input.trackedLinkId);
    if (!link) throw new ValidationFailure('trackedLinkId', 'no such tracked link in this workspace');
    const variant = await this.saving(() =>
      this.variants.insert(workspaceId, {
        trackedLinkId: link.id,
        variantName: requiredText(input.variantName, 'variantName', 100),
        destinationUrl: validateDestinationUrl(input.destinationUrl, 'destinationUrl'),
        weight: checkWeight(input.weight ?? 1),
        active: input.active ?? true,
      }),
    );
    await this.events.publish(VariantChanged, { workspaceId, variantId: variant.id, trackedLinkId: link.id });
    return variant;
  }

  async update(workspaceId: string, id: string, input: UpdateLinkVariantInput): Promise<CampaignLinkVariant> {
    const changes: Partial<CampaignLinkVariant> = {};
    if (input.variantName !== undefined) changes.variantName = requiredText(input.variantName, 'variantName', 100);
    if (input.destinationUrl !== undefined) changes.destinationUrl = validateDestinationUrl(input.destinationUrl, 'destinationUrl');
    if (input.weight !== undefined) changes.weight = checkWeight(input.weight);
    if (input.active !== undefined) changes.active = input.active;
    const variant = await this.saving(() => this.variants.update(workspaceId, id, changes));
    if (!variant) throw notFound('Link variant', id);
    await this.events.publish(VariantChanged, { workspaceId, variantId: id, trackedLinkId: variant.trackedLinkId });
    return variant;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const variant = await this.variants.findOne(workspaceId, id);
    if (!variant) throw notFound('Link variant', id);
    await this.variants.delete(workspaceId, id);
    await this.events.publish(VariantChanged, { workspaceId, variantId: id, trackedLinkId: variant.trackedLinkId });
    return true;
  }

  private async saving<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_campaign_link_variant_name')) throw new ValidationFailure('variantName', 'this link already has a variant with this name');
      throw error;
    }
  }
}

function checkWeight(weight: number): number {
  if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) throw new ValidationFailure('weight', `must be a whole number from 0 to ${MAX_WEIGHT}`);
  return weight;
}
