import { toConversionDto } from 'src/attribution/attribution.mappers';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { notFound } from 'src/common/errors/trackflow.exception';
import { optionalText, requiredText } from 'src/common/validation/input-rules';
import { PersonJourneyDto, VisitorClickDto, VisitorDto, VisitorFilterInput, VisitorSessionDto } from 'src/tracking/visitors/visitor.dto';
import { VisitorRow, VisitorsRepository } from 'src/tracking/visitors/visitors.repository';

@Resolver(() => VisitorDto)
export class VisitorsResolver {
  constructor(
    private readonly repository: VisitorsRepository,
    private readonly conversions: ConversionsService,
  ) {}

  @Query(() => VisitorDto, { description: 'A visitor and their journey; a merged visitor id answers with the visitor it joined' })
  @RequireScope('analytics:read')
  async visitor(@CurrentWorkspace() workspaceId: string, @Args('id') id: string): Promise<VisitorRow> {
    const visitor = await this.repository.findOne(workspaceId, id);
    if (!visitor) throw notFound('Visitor', id);
    return visitor;
  }

  @Query(() => PersonJourneyDto, { description: "A Twenty person's journey: their visitors with sessions and clicks, and their conversions" })
  @RequireScope('analytics:read')
  async personJourney(@CurrentWorkspace() workspaceId: string, @Args('personId') personId: string): Promise<Omit<PersonJourneyDto, 'visitors'> & { visitors: VisitorRow[] }> {
    const id = requiredText(personId, 'personId', 64);
    const [visitors, conversions] = await Promise.all([this.repository.forPerson(workspaceId, id), this.conversions.listForPerson(workspaceId, id)]);
    return { personId: id, visitors, conversions: conversions.map(toConversionDto) };
  }

  @Query(() => [VisitorDto], { description: 'Most recently seen first' })
  @RequireScope('analytics:read')
  visitors(@CurrentWorkspace() workspaceId: string, @Args('filter', { nullable: true }) filter?: VisitorFilterInput): Promise<VisitorRow[]> {
    const limit = filter?.limit ?? 50;
    const offset = filter?.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationFailure('filter.limit', 'must be a whole number from 1 to 500');
    if (!Number.isInteger(offset) || offset < 0) throw new ValidationFailure('filter.offset', 'must be a whole number, 0 or more');
    if (filter?.from && filter.to && filter.from >= filter.to) throw new ValidationFailure('filter.to', 'must be after filter.from');
    return this.repository.list(workspaceId, {
      from: filter?.from ?? null,
      to: filter?.to ?? null,
      source: optionalText(filter?.source, 'filter.source') ?? null,
      campaign: optionalText(filter?.campaign, 'filter.campaign') ?? null,
      hasConverted: filter?.hasConverted ?? null,
      includeBots: filter?.includeBots ?? false,
      limit,
      offset,
    });
  }

  @ResolveField(() => [VisitorSessionDto])
  async sessions(@CurrentWorkspace() workspaceId: string, @Parent() visitor: VisitorRow): Promise<VisitorSessionDto[]> {
    const [sessions, events] = await Promise.all([this.repository.sessions(workspaceId, visitor.visitorId), this.repository.events(workspaceId, visitor.visitorId)]);
    return sessions.map((session) => ({ ...session, events: events.filter((event) => event.sessionId === session.id) }));
  }

  @ResolveField(() => [VisitorClickDto])
  clicks(@CurrentWorkspace() workspaceId: string, @Parent() visitor: VisitorRow): Promise<VisitorClickDto[]> {
    return this.repository.clicks(workspaceId, visitor.visitorId);
  }
}
