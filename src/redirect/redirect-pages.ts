/** Small self-contained pages: they name no other link and load nothing from elsewhere. */
function page(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#222}` +
    `h1{font-size:1.4rem}</style></head><body><h1>${title}</h1><p>${message}</p></body></html>`;
}

export const NOT_FOUND_PAGE = page('Link not found', 'This short link does not exist. Check that it was copied completely.');
export const GONE_PAGE = page('Link no longer available', 'This short link has been paused, has expired or was removed by its owner.');
export const TOO_MANY_PAGE = page('Too many requests', 'Too many short links were opened from your network in the last hour. Please try again later.');
export const UNAVAILABLE_PAGE = page('Temporarily unavailable', 'This short link cannot be opened right now. Please try again in a moment.');

export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
