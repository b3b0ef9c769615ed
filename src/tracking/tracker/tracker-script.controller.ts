import { Controller, Get, Header, Logger, OnModuleInit, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicRoute } from 'src/common/auth/api-key.guard';
import { BuiltScript, sendBuiltScript } from 'src/common/http/built-script';
import { buildConsentBannerScript, buildTrackerScript } from 'src/tracking/tracker/tracker-bundle';

/** GET /trackflow.js and /trackflow-consent.js, built once at start, revalidated by ETag and gzipped when the browser takes them. */
@Controller()
@PublicRoute('every visitor\'s browser loads the tracker script')
export class TrackerScriptController implements OnModuleInit {
  private readonly logger = new Logger('Tracker');
  private script!: BuiltScript;
  private consentBanner!: BuiltScript;

  async onModuleInit(): Promise<void> {
    [this.script, this.consentBanner] = await Promise.all([buildTrackerScript(), buildConsentBannerScript()]);
    this.logger.log(`trackflow.js built: ${this.script.code.length} bytes, ${this.script.gzipped.length} gzipped`);
  }

  // A day fresh, then revalidated in the background for a week: a new version reaches every site within a day.
  @Get('trackflow.js')
  @Header('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800')
  serve(@Req() request: Request, @Res() response: Response): void {
    sendPublicScript(request, response, this.script);
  }

  @Get('trackflow-consent.js')
  @Header('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800')
  serveConsentBanner(@Req() request: Request, @Res() response: Response): void {
    sendPublicScript(request, response, this.consentBanner);
  }
}

function sendPublicScript(request: Request, response: Response, script: BuiltScript): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  sendBuiltScript(request, response, script);
}
