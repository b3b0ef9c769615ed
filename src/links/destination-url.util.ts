import { ValidationFailure } from 'src/common/errors/validation-failure';

export const DESTINATION_URL_MAX_LENGTH = 2048;

const RULE_ABSOLUTE = 'must be an absolute http or https URL';
const RULE_NO_CONTROL = 'must not contain control characters or whitespace';

// C0 and C1 controls, DEL, every Unicode space, zero-width and bidirectional-override characters:
// each can split a Location header, hide where a link really goes, or be trimmed differently by
// another parser than by ours.
const FORBIDDEN_CHARACTERS =
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

// Requiring the two slashes ourselves refuses `http:example.com` and `https:\\host`, which the
// WHATWG parser would quietly repair, and the third `(?![/\\])` refuses an empty authority.
const ABSOLUTE_HTTP_PREFIX = /^https?:\/\/(?![/\\])/i;

// A percent-encoded control character or space in the authority decodes into the host.
const ENCODED_CONTROL_IN_AUTHORITY = /%(?:[01][0-9a-f]|20|7f)/i;

/**
 * The normalised form of a link destination (lower-case scheme and host, punycode, percent-encoded
 * path), or a ValidationFailure naming the first rule it breaks.
 */
export function validateDestinationUrl(value: string, field = 'destinationUrl'): string {
  if (typeof value !== 'string') {
    throw new ValidationFailure(field, 'must be a string');
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new ValidationFailure(field, 'must not be empty');
  }
  // Checked before parsing so that a huge input costs nothing more than this comparison.
  if (trimmed.length > DESTINATION_URL_MAX_LENGTH) {
    throw new ValidationFailure(field, `must be at most ${DESTINATION_URL_MAX_LENGTH} characters long`);
  }
  if (FORBIDDEN_CHARACTERS.test(trimmed)) {
    throw new ValidationFailure(field, RULE_NO_CONTROL);
  }
  if (!ABSOLUTE_HTTP_PREFIX.test(trimmed)) {
    throw new ValidationFailure(field, /^https?:\/\/[/\\]/i.test(trimmed) ? 'must have a host' : RULE_ABSOLUTE);
  }
  const authority = rawAuthority(trimmed);
  if (ENCODED_CONTROL_IN_AUTHORITY.test(authority)) {
    throw new ValidationFailure(field, RULE_NO_CONTROL);
  }

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ValidationFailure(field, authority === '' ? 'must have a host' : RULE_ABSOLUTE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationFailure(field, RULE_ABSOLUTE);
  }
  if (url.hostname === '') {
    throw new ValidationFailure(field, 'must have a host');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationFailure(field, 'must not contain credentials');
  }
  const normalised = url.href;
  // Normalising can grow the text (punycode, percent-encoding), and the limit is on what we store.
  if (normalised.length > DESTINATION_URL_MAX_LENGTH) {
    throw new ValidationFailure(field, `must be at most ${DESTINATION_URL_MAX_LENGTH} characters long`);
  }
  return normalised;
}

/** The text between `scheme://` and the first `/`, `\`, `?` or `#`, as the user wrote it. */
function rawAuthority(absoluteUrl: string): string {
  const start = absoluteUrl.indexOf('//') + 2;
  let end = start;
  while (end < absoluteUrl.length) {
    const char = absoluteUrl[end];
    if (char === '/' || char === '\\' || char === '?' || char === '#') {
      break;
    }
    end++;
  }
  return absoluteUrl.slice(start, end);
}
