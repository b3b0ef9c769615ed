import { Controller, Get, Header, Logger, OnModuleInit, Req, Res } from '@nestjs/common';
import { PublicRoute } from 'src/common/auth/api-key.guard';
import type { Request, Response } from 'express';
import { BuiltScript, sendBuiltScript } from 'src/common/http/built-script';
import { buildDashboardBundle } from 'src/dashboard/dashboard-bundle';

/**
 * QR previews load from the links' short URLs, which may sit on a customer's own domain; the
 * screens' style sheet is one inline <style>. Everything else comes from this origin.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>TrackFlow</title>
</head>
<body style="margin:0;background:#f7f8fa">
<div id="app"></div>
<noscript>The TrackFlow dashboard needs JavaScript.</noscript>
<script src="/app/app.js"></script>
</body>
</html>`;

/** GET /app: the standalone dashboard (the same screens as the Twenty app), signed in with an API key. */
@Controller('app')
@PublicRoute('the sign-in page and its script; every call it makes carries an API key')
export class DashboardController implements OnModuleInit {
  private readonly logger = new Logger('Dashboard');
  private bundle!: BuiltScript;

  async onModuleInit(): Promise<void> {
    this.bundle = await buildDashboardBundle();
    this.logger.log(`dashboard built: ${this.bundle.code.length} bytes, ${this.bundle.gzipped.length} gzipped`);
  }

  @Get()
  page(@Res() response: Response): void {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    response.type('text/html; charset=utf-8').send(PAGE);
  }

  @Get('app.js')
  // Revalidated on every load: a new server version shows at once, an unchanged one costs a 304.
  @Header('Cache-Control', 'no-cache')
  script(@Req() request: Request, @Res() response: Response): void {
    sendBuiltScript(request, response, this.bundle);
  }
}
