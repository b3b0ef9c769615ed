/**
 * The referrer's host in lower case without a leading "www.", or '' when there is none. Referrers
 * stored without a scheme ("news.ycombinator.com/item?id=1") still yield their host.
 */
export function referrerHost(referrer: string | null | undefined): string {
  const text = referrer?.trim() ?? '';
  if (text === '') return '';
  const host = parseHost(text) ?? parseHost(`http://${text}`) ?? '';
  return host.replace(/\.$/, '').replace(/^www\./, '');
}

function parseHost(text: string): string | null {
  try {
    const host = new URL(text).hostname.toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
