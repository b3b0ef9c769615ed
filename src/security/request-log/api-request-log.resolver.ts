import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { uuid, wholeNumber } from 'src/common/validation/input-rules';
import { ApiRequestPageDto } from 'src/security/request-log/api-request-log.dto';
import { ApiRequestLogRepository } from 'src/security/request-log/api-request-log.repository';
import { decodeRequestLogCursor, encodeRequestLogCursor } from 'src/security/request-log/request-log-cursor.util';

@Resolver()
export class ApiRequestLogResolver {
  constructor(private readonly log: ApiRequestLogRepository) {}

  @Query(() => ApiRequestPageDto, { description: "An API key's logged requests, newest first, a page at a time (kept for the workspace's retentionApiRequestLogDays)" })
  @RequireScope('admin')
  async apiRequests(
    @CurrentWorkspace() workspaceId: string,
    @Args('apiKeyId', { type: () => ID }) apiKeyId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 500, default 50' }) first?: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The nextCursor of the page before' }) after?: string | null,
  ): Promise<ApiRequestPageDto> {
    const limit = wholeNumber(first ?? 50, 'first', 1, 500);
    // One row more than asked says whether an older page exists.
    const rows = await this.log.listForKey(workspaceId, uuid(apiKeyId, 'apiKeyId'), after ? decodeRequestLogCursor(after, 'after') : null, limit + 1);
    const requests = rows.slice(0, limit);
    const last = requests[requests.length - 1];
    return { requests, nextCursor: rows.length > limit && last ? encodeRequestLogCursor(last) : null };
  }
}
