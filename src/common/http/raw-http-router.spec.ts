import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { RawHttpRouter } from 'src/common/http/raw-http-router';
import { RawHttpHandler, RawRequest, sendJson } from 'src/common/http/raw-http.util';
import { RawRoutes } from 'src/common/http/raw-route.decorator';

@RawRoutes({
  public: 'a site posts here with its public key',
  routes: [
    { path: '/site', methods: ['POST'] },
    { path: '/site/cookies', methods: ['POST', 'GET'], cookies: true },
  ],
  refusal: 'post to /site',
  cors: 'site',
  failureLog: 'site failed',
})
class SiteHandler implements RawHttpHandler {
  async handle(request: IncomingMessage, response: ServerResponse, { path, origin }: RawRequest): Promise<void> {
    if (new URL(request.url ?? '', 'http://x').searchParams.has('bad')) throw new ValidationFailure('key', 'is required');
    if (new URL(request.url ?? '', 'http://x').searchParams.has('broken')) throw new Error('database gone');
    sendJson(response, 202, { path, origin });
  }
}

@RawRoutes({ public: 'anyone follows a short link', routes: [{ path: /^\/r\/\w+$/, methods: ['GET'] }] })
class PatternHandler implements RawHttpHandler {
  async handle(_request: IncomingMessage, response: ServerResponse): Promise<void> {
    sendJson(response, 200, { pattern: true });
  }
}

describe('RawHttpRouter', () => {
  let server: Server;
  let url: string;
  const router = new RawHttpRouter([new SiteHandler(), new PatternHandler()]);

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!router.dispatch(request, response)) sendJson(response, 404, { message: 'for Express' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves a declared path and method, with the site origin allowed on the answer', async () => {
    const response = await fetch(`${url}/site?key=k`, { method: 'POST', headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ path: '/site', origin: 'https://shop.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight with the methods of its routes, allowing cookies where the route takes them', async () => {
    const response = await fetch(`${url}/site/cookies`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, GET');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });

  it('refuses another method on its paths with 405, Allow and the declared words', async () => {
    const response = await fetch(`${url}/site`, { method: 'GET', headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await response.json()).toEqual({ message: 'post to /site' });
  });

  it('answers what the handler throws: bad input as 400, anything else as a logged 503', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const invalid = await fetch(`${url}/site?bad=1`, { method: 'POST' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ field: 'key', rule: 'is required', message: 'key: is required' });
    const broken = await fetch(`${url}/site?broken=1`, { method: 'POST' });
    expect(broken.status).toBe(503);
    expect(broken.headers.get('retry-after')).toBe('5');
    expect(logged).toHaveBeenCalledWith('site failed: database gone');
    logged.mockRestore();
  });

  it('matches a pattern over the URL, and leaves another method to Express when the route declares no refusal', async () => {
    expect((await fetch(`${url}/r/abc`)).status).toBe(200);
    expect((await fetch(`${url}/r/abc`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });

  it('refuses a handler that declares no routes', () => {
    expect(() => new RawHttpRouter([{ handle: async () => undefined }])).toThrow('Object declares no @RawRoutes');
  });
});
