import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { ApiKeyPrincipal, ApiKeyService } from 'src/security/api-keys/api-key.service';
import { scopesAllow } from 'src/security/api-keys/api-key-secret.util';

export const REQUIRED_SCOPE = 'trackflow:required-scope';

/** Declares the scope an operation needs; the guard refuses keys that lack it. */
export const RequireScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);

export type AuthenticatedRequest = Request & { principal?: ApiKeyPrincipal };

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
    if (!request.principal) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthenticated('Authorization: send "Bearer <api key>"');
      const principal = await this.apiKeys.authenticate(match[1]);
      if (!principal) throw unauthenticated('Authorization: the API key is unknown, revoked or expired');
      request.principal = principal;
    }
    const scope = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (scope && !scopesAllow(request.principal.scopes, scope)) {
      throw new GraphQLError(`Authorization: this API key lacks the "${scope}" scope`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    }
    return true;
  }
}
