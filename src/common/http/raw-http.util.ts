import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationFailure } from 'src/common/errors/validation-failure';

/** What the router already read of a raw request: its path without the query, and the browser's Origin. */
export type RawRequest = { path: string; origin: string | null };

/** A public endpoint served from node:http ahead of Express (and so ahead of the API-key guard), declared with @RawRoutes. */
export interface RawHttpHandler {
  handle(request: IncomingMessage, response: ServerResponse, raw: RawRequest): Promise<void>;
}

/** An answer other than success from a handler served on raw node:http, with its JSON body. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status));
  }
}

export function sendJson(response: ServerResponse, status: number, body: Record<string, unknown> | null, headers: Record<string, string> = {}): void {
  const text = body === null ? '' : JSON.stringify(body);
  response.writeHead(status, { ...headers, ...(body === null ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), 'Content-Length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/** The request body as received (signatures are over these exact bytes), refused with 413 past `maxBytes`. */
export function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new HttpFailure(413, { field: 'body', message: `at most ${maxBytes} bytes a request` });
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * How a raw handler answers a thrown error: its own HttpFailure as it is, bad input as 400 naming
 * the field and the rule, anything else as a logged 503 the client may retry.
 */
export function answerFailure(response: ServerResponse, error: unknown, headers: Record<string, string>, log: (message: string) => void): void {
  if (error instanceof HttpFailure) return sendJson(response, error.status, error.body, { ...headers, ...error.headers });
  if (error instanceof ValidationFailure) return sendJson(response, 400, { field: error.field, rule: error.rule, message: error.message }, headers);
  log((error as Error).message);
  sendJson(response, 503, { message: 'try again shortly' }, { ...headers, 'Retry-After': '5' });
}
