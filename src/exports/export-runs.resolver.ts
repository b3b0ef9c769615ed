import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { wholeNumber } from 'src/common/validation/input-rules';
import { ExportRunDto } from 'src/exports/export-runs.dto';
import { ExportRunsRepository } from 'src/exports/export-runs.repository';

@Resolver()
export class ExportRunsResolver {
  constructor(private readonly runs: ExportRunsRepository) {}

  @Query(() => [ExportRunDto], { description: 'The scheduled export runs of the workspace, latest first' })
  @RequireScope('analytics:read')
  exportRuns(@CurrentWorkspace() workspaceId: string, @Args('limit', { type: () => Int, nullable: true, description: '1 to 500; 50 if omitted' }) limit?: number | null): Promise<ExportRunDto[]> {
    return this.runs.list(workspaceId, wholeNumber(limit ?? 50, 'limit', 1, 500));
  }
}
