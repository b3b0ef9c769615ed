import type { IncomingMessage, ServerResponse } from 'node:http';

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
