/**
 * The base of a link's short URL: its own domain, else the workspace's default short-link domain,
 * else the server's public URL. A bare host in settings is taken as https.
 */
export function shortUrlBase(domain: { domain: string; sslEnabled: boolean } | null, defaultShortlinkDomain: string | null, publicBaseUrl: string): string {
  if (domain) return `${domain.sslEnabled ? 'https' : 'http'}://${domain.domain}`;
  if (defaultShortlinkDomain) {
    const base = /^https?:\/\//i.test(defaultShortlinkDomain) ? defaultShortlinkDomain : `https://${defaultShortlinkDomain}`;
    return base.replace(/\/+$/, '');
  }
  return publicBaseUrl;
}

export const shortUrlOf = (base: string, shortCode: string) => `${base}/r/${shortCode}`;

/** The QR code points at the short URL with a marker, so a scan is told apart from a click. */
export const qrTargetOf = (shortUrl: string) => `${shortUrl}?qr=1`;
