import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { HttpFailure, RawHttpHandler, RawRequest, readRawBody, sendJson } from 'src/common/http/raw-http.util';
import { RawRoutes } from 'src/common/http/raw-route.decorator';
import { isOriginAllowed } from 'src/common/http/site-origin.util';
import { parseLeadForm } from 'src/crm/leads/lead-form.util';
import { LeadIntakeService } from 'src/crm/leads/lead-intake.service';
import { THANK_YOU_HEADERS, THANK_YOU_PAGE, wantsHtml } from 'src/crm/leads/thank-you-page.util';
import { SiteGateService } from 'src/security/rate-limits/site-gate.service';

const MAX_FORM_BYTES = 16 * 1024;

/**
 * POST /api/leads: lead forms that post to TrackFlow instead of Twenty. The person is created or
 * updated in Twenty through the CRM writer (queued, so a Twenty outage loses no lead), and
 * Twenty's webhook then runs the lead hook; before the workspace is connected, the lead is kept
 * until it is. A form with `redirect` gets a 303 to that page, a browser's plain form a thank-you
 * page, a script 202 JSON.
 */
@Injectable()
@RawRoutes({
  public: "website forms post with the workspace's public tracking key, from its site domains only",
  routes: [{ path: '/api/leads', methods: ['POST'] }],
  refusal: 'post the form to /api/leads',
  cors: 'site',
  failureLog: 'lead form failed',
})
export class LeadFormHandler implements RawHttpHandler {
  constructor(
    private readonly gate: SiteGateService,
    private readonly leads: LeadIntakeService,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, { origin }: RawRequest): Promise<void> {
    const fields = await readFields(request);
    const key = (typeof fields.key === 'string' && fields.key) || new URL(request.url ?? '', 'http://x').searchParams.get('key') || '';
    const { workspace } = await this.gate.admit(request, { key, origin, kind: 'leads' });
    const lead = parseLeadForm(fields);
    if (lead.redirectUrl && !isOriginAllowed(new URL(lead.redirectUrl).origin, workspace.siteDomains)) {
      throw new ValidationFailure('redirect', "must be a page on one of the workspace's site domains");
    }
    await this.leads.submit(workspace.id, { email: lead.email, firstName: lead.firstName, lastName: lead.lastName, visitorId: lead.visitorId });
    if (lead.redirectUrl) {
      response.writeHead(303, { Location: lead.redirectUrl, 'Content-Length': '0' });
      response.end();
      return;
    }
    if (wantsHtml(request.headers.accept, request.headers['content-type'])) {
      response.writeHead(202, THANK_YOU_HEADERS);
      response.end(THANK_YOU_PAGE);
      return;
    }
    sendJson(response, 202, { accepted: true });
  }
}

async function readFields(request: IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const raw = (await readRawBody(request, MAX_FORM_BYTES)).toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  if (type === 'application/json' || type === 'text/plain') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Reported below with the same words as for any other shape.
    }
    throw new ValidationFailure('body', 'must be a JSON object of form fields');
  }
  throw new HttpFailure(415, { field: 'content-type', message: 'send application/x-www-form-urlencoded or application/json' });
}
