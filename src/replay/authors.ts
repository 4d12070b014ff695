import type * as Y from 'yjs';
import { writerOf } from './engine';
import type { People } from './people';
import type { WindowedHistory } from './windows';

export type Kind = 'node' | 'edge';

/**
 * Who drew a node or an edge of the board shown (`shown`, the document of the moment): the earliest
 * creation the passes of the loaded windows tell, else the Yjs client that wrote its entry in `shown`.
 * A window's pass waits for idle time (seconds after a jump into a window just loaded, on a busy
 * machine), so the cards of a moment get their authors with the moment; once made, the pass tells the
 * first creator of a card someone wrote again (a restore, an undo of its removal).
 */
export function authorOf(windows: WindowedHistory, shown: Y.Doc, kind: Kind, id: string): number | undefined {
  return windows.creatorOf(kind, id)?.author ?? writerOf(shown, kind, id);
}

/** The class that gives a node or an edge its author's colour (AuthorStyles on the replay page). */
export function authorClass(windows: WindowedHistory, people: People, shown: Y.Doc, kind: Kind, id: string): string | undefined {
  const author = authorOf(windows, shown, kind, id);
  return author === undefined ? undefined : `replay-by-${people.list.indexOf(people.of(author))}`;
}

/** How many of the nodes and edges on the board shown each person drew, by name. */
export function whoDrew(windows: WindowedHistory, people: People, shown: Y.Doc, board: { nodes: readonly { id: string }[]; edges: readonly { id: string }[] }): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (kind: Kind, id: string) => {
    const author = authorOf(windows, shown, kind, id);
    if (author === undefined) return;
    const name = people.of(author).name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  for (const node of board.nodes) count('node', node.id);
  for (const edge of board.edges) count('edge', edge.id);
  return counts;
}
