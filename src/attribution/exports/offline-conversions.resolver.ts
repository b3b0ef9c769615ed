import { Args, Query, Resolver } from '@nestjs/graphql';
import { OfflineConversionsArgs, OfflineConversionsFileDto } from 'src/attribution/exports/offline-conversions.dto';
import { OfflineConversionsService } from 'src/attribution/exports/offline-conversions.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';

@Resolver()
export class OfflineConversionsResolver {
  constructor(private readonly files: OfflineConversionsService) {}

  @Query(() => OfflineConversionsFileDto, { description: "The offline-conversion file an ad platform's upload takes: won deals (and leads) that came with its click id, valued under a model" })
  @RequireScope('attribution:read')
  offlineConversions(@CurrentWorkspace() workspaceId: string, @Args() args: OfflineConversionsArgs): Promise<OfflineConversionsFileDto> {
    return this.files.export(workspaceId, args);
  }
}
