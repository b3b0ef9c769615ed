import { request as httpRequest } from 'node:http';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createLink, DELETE_LINK, TrackedLink, UPDATE_LINK } from 'tests/support/links-api';
import { TestServer } from 'tests/support/test-server';

type HttpAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET with a chosen Host header (fetch may not set it), as a browser on a custom short-link domain sends it. */
function get(url: string, host?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: host ? { host } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function decodePng(body: Buffer): { width: number; text: string | undefined } {
  const png = PNG.sync.read(body);
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return { width: png.width, text: jsQR(pixels, png.width, png.height)?.data };
}

describe('QR code endpoints (real server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  const newLink = async (input: Record<string, unknown> = {}) => {
    const { key } = await server.createKey();
    return { key, link: await createLink(server, key, input) };
  };
  const qrUrl = (link: TrackedLink, format: 'png' | 'svg', query = '') => `${server.url}/r/${link.shortCode}/qr.${format}${query}`;

  it('serves a PNG that decodes to the short URL with the QR marker', async () => {
    const { link } = await newLink();
    const answer = await get(qrUrl(link, 'png'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(decodePng(answer.body)).toEqual({ width: 300, text: `${link.shortUrl}?qr=1` });
  });

  it.each([
    ['?size=128&margin=1&ecc=L', 128],
    ['?size=640&margin=8&ecc=H', 640],
    ['?size=256&margin=0&ecc=q', 256],
  ])('honours size, margin and error correction (%s)', async (query, width) => {
    const { link } = await newLink();
    const answer = await get(qrUrl(link, 'png', query));
    expect(answer.status).toBe(200);
    expect(decodePng(answer.body)).toEqual({ width, text: `${link.shortUrl}?qr=1` });
  });

  it('serves the same SVG as the qrCodeSvg field, sized on request', async () => {
    const { link } = await newLink();
    const answer = await get(qrUrl(link, 'svg'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(answer.body.toString('utf8')).toBe(link.qrCodeSvg);
    const sized = (await get(qrUrl(link, 'svg', '?size=512&ecc=H'))).body.toString('utf8');
    expect(sized).toMatch(/^<svg [^>]*width="512"[^>]*height="512"/);
  });

  it.each([
    ['size', '?size=10'],
    ['size', '?size=4096'],
    ['size', '?size=abc'],
    ['size', '?size=-300'],
    ['margin', '?margin=17'],
    ['margin', '?margin=1.5'],
    ['ecc', '?ecc=X'],
  ])('answers 400 naming the %s parameter for %s', async (field, query) => {
    const { link } = await newLink();
    for (const format of ['png', 'svg'] as const) {
      const answer = await get(qrUrl(link, format, query));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ statusCode: 400, field, rule: expect.any(String) });
    }
  });

  it('answers 404 to an unknown code and 410 to a deleted link', async () => {
    const { key, link } = await newLink();
    expect((await get(`${server.url}/r/NoSuchCode/qr.png`)).status).toBe(404);
    await server.ok(key, DELETE_LINK, { id: link.id });
    for (const format of ['png', 'svg'] as const) {
      const answer = await get(qrUrl(link, format));
      expect(answer.status).toBe(410);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.body.toString('utf8')).not.toContain(link.destinationUrl);
    }
  });

  it('still serves the QR code of a paused link, which is often printed before launch', async () => {
    const { key, link } = await newLink();
    await server.ok(key, UPDATE_LINK, { id: link.id, input: { status: 'PAUSED' } });
    expect(decodePng((await get(qrUrl(link, 'png'))).body).text).toBe(`${link.shortUrl}?qr=1`);
  });

  it("encodes a domain link's own short URL when asked on that domain", async () => {
    const { key } = await server.createKey();
    const host = `qr-${Math.random().toString(36).slice(2, 10)}.example.com`;
    const { createDomain } = await server.ok<{ createDomain: { id: string } }>(key, `mutation ($input: CreateDomainInput!) { createDomain(input: $input) { id } }`, {
      input: { domain: host },
    });
    const link = await createLink(server, key, { domainId: createDomain.id });
    expect(link.shortUrl).toBe(`https://${host}/r/${link.shortCode}`);
    expect(decodePng((await get(qrUrl(link, 'png'), host)).body).text).toBe(`${link.shortUrl}?qr=1`);
    // Asked on the shared domain, the code names no link.
    expect((await get(qrUrl(link, 'png'))).status).toBe(404);
  });
});
