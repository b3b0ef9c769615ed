import { SetMetadata } from '@nestjs/common';

export const RAW_ROUTES = 'trackflow:raw-routes';

type HttpMethod = 'GET' | 'HEAD' | 'POST';

/** A path a raw handler serves: exact (the query aside) or a pattern over the whole URL, and the methods it answers there. */
export type RawRoute = {
  path: string | RegExp;
  methods: readonly HttpMethod[];
  /** The site's cookies come with the request (consent), so CORS must allow them explicitly. */
  cookies?: boolean;
};

export type RawRoutesDeclaration = {
  /**
   * Why anyone may call it: raw routes run ahead of Express and the API-key guard, so each says
   * why it is public, as REST routes do with @PublicRoute, and the scope test reads it.
   */
  public: string;
  routes: readonly RawRoute[];
  /**
   * The message of the 405 (with an Allow header) for another method on these paths; without
   * it, such a request is not this handler's and goes on to Express.
   */
  refusal?: string;
  /**
   * Browsers on the workspace's sites may read the answers (every answer carries their origin)
   * and OPTIONS is answered as their preflight. The workspace's key decides which origins may
   * send, so the handler checks the origin, not the platform.
   */
  cors?: 'site';
  /**
   * A failure the handler throws is answered with answerFailure and logged as `<failureLog>: <message>`;
   * without it the handler answers its own failures.
   */
  failureLog?: string;
};

/** Declares what a raw node:http handler serves; RawHttpRouter matches, refuses, preflights and answers failures from it. */
export const RawRoutes = (declaration: RawRoutesDeclaration) => SetMetadata(RAW_ROUTES, declaration);
