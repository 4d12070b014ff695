import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * One open board: its Yjs document and where the document is kept. Local persistence comes first
 * (IndexedDB, one database per board id), so a board opens, survives reloads and works offline
 * without any server. The collaboration provider (WebSocket) attaches here too, when a token is
 * known; `ready` resolves once the local copy is loaded, never waiting for the network.
 */
export interface BoardSession {
  boardId: string;
  /** The token from the board link; absent for a board created while the server was unreachable. */
  token: string | undefined;
  doc: Y.Doc;
  persistence: IndexeddbPersistence;
  /** Resolves when the locally stored document has been loaded into `doc`. */
  ready: Promise<void>;
  destroy(): void;
}

export function openBoardSession(boardId: string, token?: string): BoardSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(boardId, doc);
  const ready = persistence.whenSynced.then(() => undefined);
  return {
    boardId,
    token,
    doc,
    persistence,
    ready,
    destroy() {
      void persistence.destroy();
      doc.destroy();
    },
  };
}
