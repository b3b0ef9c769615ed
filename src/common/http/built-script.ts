import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** A script the server builds once at start and serves from memory: trackflow.js, the dashboard. */
export interface BuiltScript {
  code: string;
  gzipped: Buffer;
  etag: string;
}

export function builtScript(code: string): BuiltScript {
  return { code, gzipped: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"` };
}

/** Answers 304 to a browser holding this version, else the script, gzipped when the browser takes it. */
export function sendBuiltScript(request: Request, response: Response, script: BuiltScript): void {
  response.setHeader('ETag', script.etag);
  response.setHeader('Vary', 'Accept-Encoding');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (request.headers['if-none-match'] === script.etag) {
    response.status(304).end();
    return;
  }
  response.type('application/javascript; charset=utf-8');
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    response.setHeader('Content-Encoding', 'gzip');
    response.send(script.gzipped);
  } else {
    response.send(script.code);
  }
}
