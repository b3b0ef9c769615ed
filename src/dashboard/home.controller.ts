import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicRoute } from 'src/common/auth/api-key.guard';

const LINKS = [
  ['/app', 'the dashboard (sign in with an API key: npx trackflow api-key:create --help)'],
  ['/healthz', 'whether PostgreSQL and Redis answer'],
  ['/graphql', 'the GraphQL API (Authorization: Bearer <API key>)'],
  ['/trackflow.js', 'the website tracker'],
] as const;

const TEXT = `TrackFlow for Twenty\n\n${LINKS.map(([path, what]) => `${path}  ${what}`).join('\n')}\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>TrackFlow</title></head>
<body>
<h1>TrackFlow for Twenty</h1>
<ul>
${LINKS.map(([path, what]) => `<li><a href="${path}">${path}</a>: ${what}</li>`).join('\n')}
</ul>
</body>
</html>`;

/** GET /: where a person who opens the server's address goes next; a page in a browser, text for curl. */
@Controller()
@PublicRoute('a list of the public entry points, the same for everyone')
export class HomeController {
  @Get()
  home(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'no-cache');
    response.format({
      'text/plain': () => response.send(TEXT),
      'text/html': () => response.send(PAGE),
      default: () => response.type('text/plain').send(TEXT),
    });
  }
}
