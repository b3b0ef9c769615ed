import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedRequest } from 'src/common/auth/api-key.guard';
import { clientIp } from 'src/common/http/request-origin.util';
import { storedIp } from 'src/common/net/ip-address.util';
import { AppConfig } from 'src/config/app-config';
import { ApiRequestLogRepository, ApiRequestLogRow } from 'src/security/request-log/api-request-log.repository';
import { loggableBody, loggableResponse } from 'src/security/request-log/redact-secrets.util';
import { SettingsService } from 'src/settings/settings.service';

const FLUSH_MS = 1000;
const MAX_BUFFER = 500;
/** Responses read for the log up to this size; larger ones are noted by size only. */
const MAX_RESPONSE_BYTES = 65_536;

/**
 * The API Request Log: every request made with an API key (GraphQL and REST), with endpoint,
 * method, status, duration, key and address (anonymised when the workspace anonymises addresses); the request and response bodies only where the
 * workspace turned it on, with secrets redacted. Rows are buffered and written in batches, a second apart at most.
 */
@Injectable()
export class ApiRequestLogService implements OnModuleDestroy {
  private readonly logger = new Logger(ApiRequestLogService.name);
  private buffer: ApiRequestLogRow[] = [];
  /** Entries still reading their workspace's settings; a flush waits for them so none is left behind. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly repository: ApiRequestLogRepository,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** Call when a request starts; the row is taken when the response has been sent. */
  watch(request: IncomingMessage, response: ServerResponse): void {
    const started = Date.now();
    const startedAt = process.hrtime.bigint();
    // Express rewrites request.url for mounted middleware (Apollo sees "/"), so the path is read now.
    const endpoint = (request.url ?? '').split('?')[0].slice(0, 512);
    const answer = captureBody(response);
    response.once('finish', () => {
      const { principal, body } = request as AuthenticatedRequest;
      if (!principal) return;
      const recording = this.record(
        principal.workspaceId,
        {
          workspaceId: principal.workspaceId,
          apiKeyId: principal.apiKeyId,
          endpoint,
          method: request.method ?? 'GET',
          requestTime: new Date(started),
          responseCode: response.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - startedAt) / 1e6),
          ipAddress: clientIp(request, this.config.trustProxy),
          requestData: null,
          responseData: null,
        },
        body,
        answer,
      ).finally(() => this.inFlight.delete(recording));
      this.inFlight.add(recording);
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
    const rows = this.buffer;
    this.buffer = [];
    try {
      await this.repository.insertMany(rows);
    } catch (error) {
      // The log is an audit aid: losing a batch is reported, never allowed to fail the API.
      this.logger.error(`request log batch of ${rows.length} lost: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async record(workspaceId: string, row: ApiRequestLogRow, body: unknown, answer: CapturedBody): Promise<void> {
    try {
      const { settings } = await this.settings.get(workspaceId);
      // The caller's address is anonymised like a visitor's: the setting speaks of every address the workspace keeps.
      const logged = { ...row, ipAddress: storedIp(row.ipAddress, settings.anonymizeIpAddresses) };
      if (settings.logRequestBodies) this.buffer.push({ ...logged, requestData: loggableBody(body), responseData: loggableResponse(answer.text(), answer.bytes) });
      else this.buffer.push(logged);
      if (this.buffer.length >= MAX_BUFFER) await this.flush();
    } catch (error) {
      this.logger.error(`request log entry lost: ${(error as Error).message}`);
    }
  }
}

type CapturedBody = { bytes: number; text: () => string | null };

/** What the response sends, kept up to MAX_RESPONSE_BYTES (text() is null past it) while passing every byte on. */
function captureBody(response: ServerResponse): CapturedBody {
  const chunks: Buffer[] = [];
  const captured = { bytes: 0, text: () => (captured.bytes > MAX_RESPONSE_BYTES ? null : Buffer.concat(chunks).toString('utf8')) };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    captured.bytes += buffer.length;
    if (captured.bytes <= MAX_RESPONSE_BYTES) chunks.push(buffer);
    else chunks.length = 0;
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((...args: unknown[]) => (keep(args[0], args[1]), write(...args))) as ServerResponse['write'];
  response.end = ((...args: unknown[]) => (keep(args[0], args[1]), end(...args))) as ServerResponse['end'];
  return captured;
}
