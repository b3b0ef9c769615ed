export interface LinkUtm {
  source?: string | null;
  medium?: string | null;
  campaign?: string | null;
  content?: string | null;
  term?: string | null;
}

interface ClickTracking {
  visitorId: string;
  clickId: string;
}

const VISITOR_ID_PARAMETER = 'tf_vid';
const CLICK_ID_PARAMETER = 'tf_cid';

const UTM_PARAMETERS: ReadonlyArray<readonly [keyof LinkUtm, string]> = [
  ['source', 'utm_source'],
  ['medium', 'utm_medium'],
  ['campaign', 'utm_campaign'],
  ['content', 'utm_content'],
  ['term', 'utm_term'],
];

/**
 * The Location of a redirect: the stored destination with the link's UTMs and additional
 * parameters appended where the destination does not already carry them, then our `tf_vid` and
 * `tf_cid`, which replace any the destination has. Without `tracking` (a visitor who may not be
 * tracked) no ids are appended, and any the destination carries are still removed.
 *
 * Works on the string rather than through URL/URLSearchParams: those re-encode every existing
 * parameter (`%20` becomes `+`, `'` becomes `%27`), which can break signed or picky destinations,
 * and cost several times more on a path that runs for every click. The destination is expected to
 * be the output of `validateDestinationUrl`, so it is already a well-formed absolute URL.
 *
 * Parameter names are compared after percent-decoding and case-sensitively, as servers read them.
 * A link UTM field wins over an additional parameter of the same name.
 */
export function buildRedirectUrl(
  destination: string,
  utm: LinkUtm,
  additionalParameters: Readonly<Record<string, string>>,
  tracking: ClickTracking | null,
): string {
  const hashAt = destination.indexOf('#');
  const beforeFragment = hashAt === -1 ? destination : destination.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : destination.slice(hashAt);
  const queryAt = beforeFragment.indexOf('?');
  const base = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  let query = queryAt === -1 ? '' : beforeFragment.slice(queryAt + 1);

  const present = new Set<string>();
  if (query !== '') {
    query = keepForeignParameters(query, present);
  }

  let appended = '';
  for (const [field, parameter] of UTM_PARAMETERS) {
    const value = utm[field];
    if (typeof value === 'string' && value.trim() !== '' && !present.has(parameter)) {
      appended += `&${parameter}=${encodeQueryComponent(value)}`;
      present.add(parameter);
    }
  }
  for (const name of Object.keys(additionalParameters)) {
    const value: unknown = additionalParameters[name];
    if (name === '' || value === undefined || value === null || present.has(name) || isOurParameter(name)) {
      continue;
    }
    appended += `&${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`;
    present.add(name);
  }
  if (tracking) {
    appended +=
      `&${VISITOR_ID_PARAMETER}=${encodeQueryComponent(tracking.visitorId)}` +
      `&${CLICK_ID_PARAMETER}=${encodeQueryComponent(tracking.clickId)}`;
  }

  const joined = query === '' || query.endsWith('&') ? query + appended.slice(1) : query + appended;
  return joined === '' ? `${base}${fragment}` : `${base}?${joined}${fragment}`;
}

/** Records the names in `query` and returns it without our own parameters, otherwise untouched. */
function keepForeignParameters(query: string, present: Set<string>): string {
  const kept: string[] = [];
  let droppedAny = false;
  for (const segment of query.split('&')) {
    const name = decodeParameterName(segment);
    if (isOurParameter(name)) {
      droppedAny = true;
    } else {
      present.add(name);
      kept.push(segment);
    }
  }
  return droppedAny ? kept.join('&') : query;
}

function isOurParameter(name: string): boolean {
  return name === VISITOR_ID_PARAMETER || name === CLICK_ID_PARAMETER;
}

function decodeParameterName(segment: string): string {
  const equalsAt = segment.indexOf('=');
  const raw = equalsAt === -1 ? segment : segment.slice(0, equalsAt);
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) {
    return raw;
  }
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape is not our business to fix; compare it as written.
    return raw;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function encodeQueryComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // encodeURIComponent throws on a lone surrogate; the redirect must still go out.
    return encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd'));
  }
}
