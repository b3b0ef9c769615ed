import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';
import { AuthenticatedRequest } from 'src/common/auth/api-key.guard';

function principalOf(context: ExecutionContext): ApiKeyPrincipal {
  const request = GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  if (!request.principal) throw new Error('CurrentWorkspace used without ApiKeyGuard');
  return request.principal;
}

/** The workspace of the API key that ApiKeyGuard accepted; every service call is scoped by it. */
export const CurrentWorkspace = createParamDecorator((_data: unknown, context: ExecutionContext): string => principalOf(context).workspaceId);

/** The accepted key itself, for records of who did something (audits, erasure logs). */
export const CurrentApiKey = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyPrincipal => principalOf(context));
