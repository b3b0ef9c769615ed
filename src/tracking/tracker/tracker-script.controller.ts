import { Controller, Get, Header, Logger, OnModuleInit, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { buildTrackerScript, TrackerScript } from 'src/tracking/tracker/tracker-bundle';

/** GET /trackflow.js, built once at start, revalidated by ETag and gzipped when the browser takes it. */
@Controller()
export class TrackerScriptController implements OnModuleInit {
  private readonly logger = new Logger('Tracker');
  private script!: TrackerScript;

  async onModuleInit(): Promise<void> {
    this.script = await buildTrackerScript();
    this.logger.log(`trackflow.js built: ${this.script.code.length} bytes, ${this.script.gzipped.length} gzipped`);
  }

  @Get('trackflow.js')
  // A day fresh, then revalidated in the background for a week: a new version reaches every site within a day.
  @Header('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800')
  serve(@Req() request: Request, @Res() response: Response): void {
    response.setHeader('ETag', this.script.etag);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.headers['if-none-match'] === this.script.etag) {
      response.status(304).end();
      return;
    }
    response.type('application/javascript; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      response.setHeader('Content-Encoding', 'gzip');
      response.send(this.script.gzipped);
    } else {
      response.send(this.script.code);
    }
  }
}
