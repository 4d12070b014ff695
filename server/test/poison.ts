import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { insertBoard } from '../../src/shared/yjsBoard';
import { connect, createBoard, metric, waitFor, type Board, type ServerHandle } from './harness';

/**
 * Hand-made Yjs updates (format v1) that an older server could have accepted and stored, written
 * byte by byte: building them through Yjs would need the recursion they are made to break.
 */

/** One map entry `map[key] = [[[...null...]]]` (by default `meta.poison`) nested `depth` arrays deep, by client `client` at clock 0. */
export function deepValueUpdate(depth: number, options: { client?: number; map?: string; key?: string } = {}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, options.client ?? 666_666);
  encoding.writeVarUint(encoder, 0); // clock
  encoding.writeUint8(encoder, 8 | 0b0010_0000); // ContentAny, with a parentSub (a map key)
  encoding.writeVarUint(encoder, 1); // parent is a root type, by name
  encoding.writeVarString(encoder, options.map ?? 'meta');
  encoding.writeVarString(encoder, options.key ?? 'poison');
  encoding.writeVarUint(encoder, 1); // one value
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(encoder, 117); // array
    encoding.writeVarUint(encoder, 1);
  }
  encoding.writeUint8(encoder, 126); // null
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/**
 * Maps nested `depth` deep as structure (`meta.poison` holds a map holding a map ...), one update
 * by client `client`. Yjs builds and applies it; deleting or reading it back recurses once per level.
 */
export function nestedMapsUpdate(depth: number, options: { client?: number } = {}): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = options.client ?? 555_555;
  doc.transact(() => {
    let map = doc.getMap('meta');
    for (let level = 0; level < depth; level++) {
      const child = new Y.Map();
      map.set(level === 0 ? 'poison' : 'c', child);
      map = child;
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** A y-websocket "sync update" message carrying `update`. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message with one state for `client`, given as JSON text. */
export function awarenessMessage(client: number, json: string, clock = 1): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, client);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** An awareness message with one state for `client`: `{ deep: [[[...]]] }` nested `depth` deep. */
export function deepAwarenessMessage(client: number, depth: number, clock = 1): Uint8Array {
  return awarenessMessage(client, `{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`, clock);
}

/**
 * The state of `doc` with one more map entry `meta.poison` nested `depth` arrays deep, as an older
 * server would have compacted it: written through Yjs at a harmless depth, then the nested arrays'
 * bytes deepened in place (nothing in a v1 update records the length of an item's content).
 */
export function poisonedState(doc: Y.Doc, depth: number): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let value: unknown = null;
  for (let i = 0; i < 100; i++) value = [value];
  copy.getMap('meta').set('poison', value);
  const state = Y.encodeStateAsUpdate(copy);
  copy.destroy();
  const marker = [...Array.from({ length: 100 }, () => [117, 1]).flat(), 126];
  const at = indexOf(state, marker);
  if (at < 0) throw new Error('the nested value was not found in the state');
  const deep = [...Array.from({ length: depth }, () => [117, 1]).flat(), 126];
  return new Uint8Array([...state.subarray(0, at), ...deep, ...state.subarray(at + marker.length)]);
}

function indexOf(bytes: Uint8Array, pattern: number[]): number {
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/** What a board holds once loaded by a fresh client (or why it could not be loaded). */
export async function loadBoard(server: ServerHandle, board: Board): Promise<{ nodes: string[]; exported: string[] | number; meta: string[]; closes: number[] }> {
  const response = await fetch(`${server.httpUrl}/api/boards/${board.boardId}.json?token=${board.tokens.read}`);
  const exported = response.status === 200 ? ((await response.json()) as { nodes: Array<{ id: string }> }).nodes.map((n) => n.id).sort() : response.status;
  const reader = connect(server, board.boardId, board.tokens.read);
  try {
    const synced = await Promise.race([reader.firstSync, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
    return {
      nodes: [...(synced?.getMap('nodes').keys() ?? [])].sort(),
      exported,
      meta: [...(synced?.getMap('meta').keys() ?? [])].sort(),
      closes: reader.closes.map((c) => c.code),
    };
  } finally {
    reader.destroy();
  }
}

export const NODE_IDS = Array.from({ length: 22 }, (_, i) => `n${i}`);
const note = (id: string) => ({ id, type: 'note', title: `node ${id}`, position: { x: 0, y: 0 }, props: {} });

/** 22 nodes written by a client, then the server stopped: a board as any session leaves it. */
export async function boardWithNodes(server: ServerHandle): Promise<{ board: Board; doc: Y.Doc }> {
  const board = await createBoard(server);
  const writer = connect(server, board.boardId, board.tokens.edit);
  await writer.firstSync;
  insertBoard(writer.doc, { nodes: NODE_IDS.map(note), edges: [] });
  writer.doc.getMap('meta').set('title', 'Poisoned');
  await waitFor(async () => (await metric(server, 'mldb_updates_stored_total')) >= 1, 'the edits to be stored');
  const reader = connect(server, board.boardId, board.tokens.read);
  await waitFor(() => reader.doc.getMap('nodes').size === NODE_IDS.length, 'the edits to reach a peer');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc));
  writer.destroy();
  reader.destroy();
  return { board, doc };
}

/** An edit by another client after the poisoned one (stored after it). */
export function laterEdit(doc: Y.Doc): Uint8Array {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(other);
  insertBoard(other, { nodes: [note('after')], edges: [] });
  return Y.encodeStateAsUpdate(other, before);
}
