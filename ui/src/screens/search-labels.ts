/** How people and deals read on screen when Twenty told TrackFlow little about them. */

/** Ids are long and mean nothing to people; eight characters tell two apart. */
export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export const personLabel = (person: { personId: string; displayName: string | null }): string => person.displayName ?? `Unnamed person ${shortId(person.personId)}`;

export const dealLabel = (deal: { opportunityId: string; name: string | null }): string => deal.name ?? `Unnamed deal ${shortId(deal.opportunityId)}`;

/** The count a search announces to screen readers as results arrive. */
export function resultsSummary(count: number, noun: { one: string; many: string }, limit: number): string {
  if (count === 0) return `No ${noun.one} matches`;
  const name = count === 1 ? noun.one : noun.many;
  return count >= limit ? `The first ${count} ${name} found; type more to narrow them` : `${count} ${name} found`;
}
