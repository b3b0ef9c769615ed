import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthenticatedRequest } from 'src/common/auth/api-key.guard';

/** The workspace of the API key that ApiKeyGuard accepted; every service call is scoped by it. */
export const CurrentWorkspace = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  if (!request.principal) throw new Error('CurrentWorkspace used without ApiKeyGuard');
  return request.principal.workspaceId;
});
