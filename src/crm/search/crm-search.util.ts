import { ValidationFailure } from 'src/common/errors/validation-failure';
import { hasControlCharacters } from 'src/common/validation/input-rules';

/**
 * How a search box's text is looked for. An address is matched exactly, through the hash TrackFlow
 * keeps instead of addresses; anything else is a piece of a name (or a whole Twenty id), with
 * LIKE's wildcards taken literally.
 */
export type CrmSearchTerm = { kind: 'email'; email: string } | { kind: 'text'; text: string; pattern: string };

export const SEARCH_MAX_LENGTH = 200;

export function crmSearchTermOf(query: string | null | undefined, field = 'query'): CrmSearchTerm {
  const text = (query ?? '').trim().replace(/\s+/g, ' ');
  if (text.length < 2) throw new ValidationFailure(field, 'must be at least 2 characters');
  if (text.length > SEARCH_MAX_LENGTH) throw new ValidationFailure(field, `must be at most ${SEARCH_MAX_LENGTH} characters`);
  if (hasControlCharacters(text)) throw new ValidationFailure(field, 'must not contain control characters');
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { kind: 'email', email: text.toLowerCase() };
  return { kind: 'text', text, pattern: `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%` };
}
