import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { AccessStore } from './accessStore';
import { RoomConnection } from './roomConnection';
import { roomName } from '../shared/boardId';

/**
 * One open board: its Yjs document and where the document is kept. Local persistence comes first
 * (IndexedDB, one database per board id), so a board opens, survives reloads and works offline
 * without any server. With a token, the collaboration provider (WebSocket, room `<boardId>`)
 * syncs the same document with the server and carries presence; edits made offline are kept
 * locally and merge when it reconnects. `ready` resolves once the local copy is loaded, never
 * waiting for the network. The connection is made when the page calls `connection.start()`.
 */
export interface BoardSession {
  boardId: string;
  /** The token from the board link; absent for a board created while the server was unreachable. */
  token: string | undefined;
  doc: Y.Doc;
  persistence: IndexeddbPersistence;
  /** The connection to the collaboration server, once started; null for a board kept in this browser only (no token). */
  connection: RoomConnection | null;
  /** What the token grants (the role, read-only), as the server says; null for a board kept in this browser only. */
  access: AccessStore | null;
  /** Resolves when the locally stored document has been loaded into `doc`. */
  ready: Promise<void>;
  destroy(): void;
}

export function openBoardSession(boardId: string, token?: string): BoardSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(boardId, doc);
  const ready = persistence.whenSynced.then(() => undefined);
  const connection = token ? new RoomConnection(doc, roomName(boardId, 'board'), token) : null;
  const access = token ? new AccessStore(boardId, token) : null;
  return {
    boardId,
    token,
    doc,
    persistence,
    connection,
    access,
    ready,
    destroy() {
      access?.destroy();
      connection?.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
