/**
 * What a visitor sees after a plain HTML form posted to /api/leads without a `redirect` page: a
 * short thank-you instead of TrackFlow's JSON. Scripts (which do not ask for HTML) keep the JSON.
 */
export function wantsHtml(accept: string | undefined, contentType: string | undefined): boolean {
  return /(^|,)\s*text\/html/i.test(accept ?? '') && /^application\/x-www-form-urlencoded/i.test((contentType ?? '').trim());
}

export const THANK_YOU_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thank you</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2328;max-width:32em;margin:15vh auto;padding:0 16px}</style></head>
<body><main><h1>Thank you</h1><p>We have your details and will be in touch soon.</p><p>You can go back to the site with your browser's back button.</p></main></body></html>`;

/** The page loads nothing and runs nothing. */
export const THANK_YOU_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};
