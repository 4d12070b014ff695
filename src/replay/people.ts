import { PEOPLE_COLORS } from '../sync/presence';
import type { Author } from './historyApi';

/**
 * The people of a history: client ids grouped by the name their awareness announced (a reload
 * gives the same person a new client id), each with a colour of its own for "who drew it".
 * A client that never announced a name is its own person, "Someone (n)".
 */
export interface Person {
  name: string;
  /** Whether the history named this person (awareness announced a name); else "Someone (n)". */
  named: boolean;
  color: string;
  clientIds: number[];
}

export interface People {
  list: Person[];
  /** The person behind a client id; a client the history never named gets an anonymous person. */
  of(clientId: number): Person;
}

export function groupPeople(authors: readonly Author[], seenClients: Iterable<number> = []): People {
  const byName = new Map<string, Person>();
  const byClient = new Map<number, Person>();
  let anonymous = 0;
  const add = (clientId: number, name: string | null | undefined) => {
    if (byClient.has(clientId)) return;
    const key = name?.trim() || `Someone (${++anonymous})`;
    let person = byName.get(key);
    if (!person) {
      person = { name: key, named: !!name?.trim(), color: PEOPLE_COLORS[byName.size % PEOPLE_COLORS.length]!, clientIds: [] };
      byName.set(key, person);
    }
    person.clientIds.push(clientId);
    byClient.set(clientId, person);
  };
  // The named first, so the people of an interview get the first colours, not a server or a script.
  for (const author of authors) if (author.name?.trim()) add(author.clientId, author.name);
  for (const author of authors) add(author.clientId, author.name);
  for (const clientId of seenClients) add(clientId, undefined);
  return {
    list: [...byName.values()],
    of: (clientId) => {
      if (!byClient.has(clientId)) add(clientId, undefined);
      return byClient.get(clientId)!;
    },
  };
}
