import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { normaliseSiteDomain } from 'src/common/http/site-origin.util';
import { WorkspaceDirectoryService } from 'src/common/workspace/workspace-directory.service';
import { UpdateWorkspaceInput, WorkspaceDto } from 'src/common/workspace/workspace.dto';
import { Workspace } from 'src/common/workspace/workspace.entity';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';

const MAX_SITE_DOMAINS = 50;

const toDto = (workspace: Workspace): WorkspaceDto => ({ id: workspace.id, name: workspace.name, publicKey: workspace.publicKey, siteDomains: workspace.siteDomains });

@Resolver(() => WorkspaceDto)
export class WorkspaceResolver {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly directory: WorkspaceDirectoryService,
  ) {}

  @Query(() => WorkspaceDto)
  @RequireScope('settings:read')
  async workspace(@CurrentWorkspace() workspaceId: string): Promise<WorkspaceDto> {
    return toDto((await this.workspaces.findById(workspaceId)) as Workspace);
  }

  @Mutation(() => WorkspaceDto)
  @RequireScope('settings:write')
  async updateWorkspace(@CurrentWorkspace() workspaceId: string, @Args('input') input: UpdateWorkspaceInput): Promise<WorkspaceDto> {
    if (input.siteDomains === undefined || input.siteDomains === null) return this.workspace(workspaceId);
    if (input.siteDomains.length > MAX_SITE_DOMAINS) throw new ValidationFailure('siteDomains', `must list at most ${MAX_SITE_DOMAINS} domains`);
    const domains = [...new Set(input.siteDomains.map((domain, index) => normaliseSiteDomain(domain, `siteDomains[${index}]`)))];
    return toDto(await this.directory.updateSiteDomains(workspaceId, domains));
  }
}
