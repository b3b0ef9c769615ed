/**
 * The address a person meant when they typed a destination without its scheme ("example.com/spring"):
 * the same with https:// in front, or null when the text already has a scheme or does not look like
 * a web address (no dot in the host, spaces), so nothing is offered that the API would refuse anyway.
 */
export function suggestHttps(typed: string): string | null {
  const text = typed.trim();
  // "host:8443/x" is a port, not a scheme.
  if (!text || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return null;
  const withoutSlashes = text.replace(/^\/\//, '');
  const host = withoutSlashes.split(/[/?#]/, 1)[0];
  if (/\s/.test(withoutSlashes) || !/^[^.]+(\.[^.]+)+$/.test(host.replace(/:\d+$/, ''))) return null;
  return `https://${withoutSlashes}`;
}
