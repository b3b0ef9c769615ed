import { createServer } from 'node:http';

/** The baseline: a bare node:http server that answers every request with a 302 and does no work. */
const server = createServer((_request, response) => {
  response.writeHead(302, { Location: 'https://example.com/landing' });
  response.end();
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3390), '127.0.0.1', () => process.send?.('ready'));
