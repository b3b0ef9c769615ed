import { CanActivate, ExecutionContext, ForbiddenException, HttpException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { AccessRefusal, ApiKeyAuthorizer, ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';

export const REQUIRED_SCOPE = 'trackflow:required-scope';
export const PUBLIC_ROUTE = 'trackflow:public-route';

/** Declares the scope an operation needs; the guard refuses keys that lack it. */
export const RequireScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);

/** Declares a REST route open to anyone, with the reason; without this or a scope the guard refuses every caller. */
export const PublicRoute = (reason: string) => SetMetadata(PUBLIC_ROUTE, reason);

export type AuthenticatedRequest = Request & { principal?: ApiKeyPrincipal };

type Refusal = { status: 401 | 403 | 429; message: string; headers?: Record<string, string> };

const GRAPHQL_CODES: Record<Refusal['status'], string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 429: 'RATE_LIMITED' };

function toGraphqlError(refusal: Refusal): GraphQLError {
  const headers = new Map(Object.entries(refusal.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return new GraphQLError(refusal.message, { extensions: { code: GRAPHQL_CODES[refusal.status], http: { status: refusal.status, headers } } });
}

function toHttpError(refusal: Refusal): HttpException {
  if (refusal.status === 401) return new UnauthorizedException(refusal.message);
  if (refusal.status === 403) return new ForbiddenException(refusal.message);
  return new HttpException({ statusCode: 429, message: refusal.message }, 429);
}

/**
 * Runs before every GraphQL query and mutation and every REST route (it is the application's
 * global guard). Fails closed: an operation that declares neither a scope nor, for REST, that it
 * is public is refused for every key, so a forgotten declaration is a test failure, not a leak.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly access: ApiKeyAuthorizer,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const graphql = context.getType<'graphql' | 'http'>() === 'graphql';
    const targets = [context.getHandler(), context.getClass()];
    if (!graphql && this.reflector.getAllAndOverride<string | undefined>(PUBLIC_ROUTE, targets) !== undefined) return true;
    const request = graphql ? GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req : context.switchToHttp().getRequest<AuthenticatedRequest>();
    const refusal = await this.check(request, this.reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, targets), context.getHandler().name);
    if (refusal) throw graphql ? toGraphqlError(refusal) : toHttpError(refusal);
    return true;
  }

  private async check(request: AuthenticatedRequest, scope: string | undefined, operation: string): Promise<Refusal | null> {
    if (!request.principal) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (!match) return { status: 401, message: 'Authorization: send "Bearer <api key>"' };
      const outcome = await this.access.authorize(match[1], request);
      if ('refusal' in outcome) return fromAccessRefusal(outcome.refusal);
      request.principal = outcome.principal;
    }
    if (!scope) return { status: 403, message: `Authorization: operation ${operation} declares no scope, so no key may call it` };
    if (!this.access.allows(request.principal, scope)) return { status: 403, message: `Authorization: this API key lacks the "${scope}" scope` };
    return null;
  }
}

function fromAccessRefusal(refusal: AccessRefusal): Refusal {
  switch (refusal.kind) {
    case 'unknown':
      return { status: 401, message: 'Authorization: the API key is unknown, revoked or expired' };
    case 'ip':
      return { status: 403, message: `Authorization: this API key may not be used from ${refusal.ip ?? 'an unknown address'} (see its IP allow-list)` };
    case 'rate':
      return {
        status: 429,
        message: `Rate limit: at most ${refusal.limit} requests an hour with this API key; retry in ${refusal.retryAfterSeconds} s`,
        headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
      };
  }
}
