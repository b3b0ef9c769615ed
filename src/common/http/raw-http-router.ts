import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFailure, RawHttpHandler, sendJson } from 'src/common/http/raw-http.util';
import { RAW_ROUTES, RawRoute, RawRoutesDeclaration } from 'src/common/http/raw-route.decorator';
import { corsHeaders, preflightHeaders } from 'src/common/http/site-origin.util';

type Served = { declaration: RawRoutesDeclaration; handler: RawHttpHandler; logger: Logger; methods: string; allow: string };

/**
 * Serves the raw handlers from node:http ahead of Express, each as its @RawRoutes declares: it
 * finds the handler whose paths the request names, answers a site's preflight, refuses another
 * method with 405 and Allow, puts the CORS headers on every answer and answers what the handler
 * throws, so a handler does only its own work.
 */
export class RawHttpRouter {
  private readonly served: Served[];

  constructor(handlers: readonly RawHttpHandler[]) {
    this.served = handlers.map((handler) => {
      const declaration = Reflect.getMetadata(RAW_ROUTES, handler.constructor) as RawRoutesDeclaration | undefined;
      if (!declaration) throw new Error(`${handler.constructor.name} declares no @RawRoutes`);
      const methods = [...new Set(declaration.routes.flatMap((route) => route.methods))];
      return {
        declaration,
        handler,
        logger: new Logger(handler.constructor.name),
        methods: methods.join(', '),
        allow: [...methods, ...(declaration.cors ? ['OPTIONS'] : [])].join(', '),
      };
    });
  }

  get declarations(): RawRoutesDeclaration[] {
    return this.served.map(({ declaration }) => declaration);
  }

  /** Answers the request when one of the handlers declares its path (and method, for those without a refusal); false leaves it to Express. */
  dispatch(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    const path = url.split('?')[0];
    for (const served of this.served) {
      const route = served.declaration.routes.find((candidate) => (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(url)));
      if (!route) continue;
      const answers = (route.methods as readonly string[]).includes(request.method ?? '');
      if (!answers && served.declaration.refusal === undefined) continue;
      void this.answer(served, route, answers, request, response, path);
      return true;
    }
    return false;
  }

  private async answer(served: Served, route: RawRoute, answers: boolean, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const { declaration, handler, logger } = served;
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : null;
    const cors = declaration.cors ? corsHeaders(origin, route.cookies) : {};
    for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
    if (!answers) {
      if (declaration.cors && request.method === 'OPTIONS') return sendJson(response, 204, null, preflightHeaders(origin, served.methods, route.cookies));
      return sendJson(response, 405, { message: declaration.refusal }, { Allow: served.allow });
    }
    try {
      await handler.handle(request, response, { path, origin });
    } catch (error) {
      if (declaration.failureLog === undefined) throw error;
      answerFailure(response, error, cors, (message) => logger.error(`${declaration.failureLog}: ${message}`));
    }
  }
}
