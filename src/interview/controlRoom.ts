import * as Y from 'yjs';
import { connectRoom, type RoomProvider } from '../sync/connect';
import { roomName } from '../shared/boardId';
import { applyControlChange, IDLE_CONTROL, readControl, type ControlChange, type ControlState } from '../shared/interview/control';

/**
 * The board's control room on the client (room `<boardId>.control`, layout in
 * src/shared/interview/control.ts): the timer, the interviewer's step, the reveal and whether the
 * candidate sees Review. Every role reads it; the server applies changes from the interviewer
 * token only, so a change made here by anyone else stays in this browser and reaches nobody.
 *
 * One room per board while something on the page shows it (useControl), opened by the first
 * subscriber and closed shortly after the last one leaves. Never kept in IndexedDB: the control
 * state is the server's, and a browser that has not reached it shows an idle timer.
 */
export interface ControlSnapshot extends ControlState {
  /** The server's copy has arrived at least once. */
  synced: boolean;
}

const ORIGIN = Symbol('control');
const CLOSE_DELAY_MS = 1_000;

export class ControlRoom {
  private doc: Y.Doc | null = null;
  private provider: RoomProvider | null = null;
  private snapshot: ControlSnapshot = { ...IDLE_CONTROL, synced: false };
  private readonly listeners = new Set<() => void>();
  private closeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly boardId: string,
    private readonly token: string | undefined,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    this.listeners.add(listener);
    this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.closeTimer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
    };
  };

  getSnapshot = (): ControlSnapshot => this.snapshot;

  /**
   * Applies a change (src/shared/interview/control.ts: startTimer, reveal...). Callers offer it to
   * the interviewer only; the server would drop anyone else's. Returns whether anything changed.
   */
  change(change: ControlChange): boolean {
    if (!this.doc) return false;
    return applyControlChange(this.doc, ORIGIN, change);
  }

  private open(): void {
    if (this.doc || !this.token) return;
    const doc = new Y.Doc();
    const provider = connectRoom(doc, roomName(this.boardId, 'control'), this.token);
    // Presence belongs to the board room.
    provider.awareness.setLocalState(null);
    this.doc = doc;
    this.provider = provider;
    doc.on('update', this.refresh);
    provider.on('sync', this.refresh);
  }

  private close(): void {
    this.closeTimer = null;
    if (this.listeners.size > 0 || !this.doc) return;
    this.provider?.destroy();
    this.doc.destroy();
    this.doc = null;
    this.provider = null;
  }

  private readonly refresh = (): void => {
    if (!this.doc) return;
    const next: ControlSnapshot = { ...readControl(this.doc), synced: this.snapshot.synced || (this.provider?.synced ?? false) };
    if (JSON.stringify(next) === JSON.stringify(this.snapshot)) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  };
}

const rooms = new Map<string, ControlRoom>();

/** The control room of a board for this token (one per board and token on the page). */
export function controlRoomFor(boardId: string, token: string | undefined): ControlRoom {
  const key = `${boardId} ${token ?? ''}`;
  let room = rooms.get(key);
  if (!room) rooms.set(key, (room = new ControlRoom(boardId, token)));
  return room;
}
