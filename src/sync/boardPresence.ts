import type { Awareness } from 'y-protocols/awareness';
import { chooseColor, readPeers, settleColor, type Peer, type Presence, type User } from './presence';
import { ValueStore } from './valueStore';

type Point = { x: number; y: number };
type View = NonNullable<Presence['view']>;
/** What an awareness 'change' event says changed, by client id. */
type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/** Awareness messages go out at most this often (about 30 a second), the last state always. */
export const PUBLISH_INTERVAL_MS = 33;

export interface PresenceSnapshot {
  peers: Peer[];
  /** The client whose view this one follows, or null. */
  following: number | null;
  /** The colour this person wears on this board (null until their name is known). */
  color: string | null;
}

/**
 * This person's presence on one board and everyone else's: the local half (user, cursor,
 * selection, in-drag positions, view) is published through awareness, throttled; the remote half
 * is read and validated on every change. Nothing here touches the document.
 */
export class BoardPresence extends ValueStore<PresenceSnapshot> {
  private local: Omit<Presence, 'user'> & { user: User | null } = { user: null, cursor: null, selection: [], drag: null, view: null };
  protected snapshot: PresenceSnapshot = { peers: [], following: null, color: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPublished = 0;
  /** A pointer, drag or view change not sent because nobody else was on the board; sent as soon as anyone is. */
  private held = false;

  constructor(readonly awareness: Awareness) {
    super();
    // Nothing is published before the person has a name.
    awareness.setLocalState(null);
    awareness.on('change', this.onChange);
  }

  get clientId(): number {
    return this.awareness.clientID;
  }

  /** Joins (or renames) with a name and role; the colour is the remembered one unless someone present wears it. */
  setUser(user: Omit<User, 'color'> & { color?: string }): User {
    const worn = this.snapshot.peers.map((p) => p.user.color);
    const color = this.local.user?.color ?? chooseColor(user.color, worn, this.clientId);
    this.local.user = { name: user.name, role: user.role, color };
    this.publish(true);
    return this.local.user;
  }

  setCursor(cursor: Point | null): void {
    this.local.cursor = cursor;
    this.publish(cursor === null);
  }

  setSelection(ids: string[]): void {
    if (sameIds(ids, this.local.selection)) return;
    this.local.selection = ids;
    this.publish(true);
  }

  /** Positions of the nodes being dragged (absolute); null at the drop, sent at once. */
  setDrag(drag: Record<string, Point> | null): void {
    if (drag === null && this.local.drag === null) return;
    this.local.drag = drag;
    this.publish(drag === null);
  }

  setView(view: View): void {
    this.local.view = view;
    this.publish(false);
  }

  follow(clientId: number | null): void {
    if (this.snapshot.following === clientId) return;
    this.set({ ...this.snapshot, following: clientId });
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.off('change', this.onChange);
    this.awareness.setLocalState(null);
    this.listeners.clear();
  }

  private publish(now: boolean): void {
    if (!this.local.user) return;
    // Alone on the board, nobody reads the pointer, the drags or the view: they would cost the page an
    // encoded message to the server (and to its other tabs) per frame of a pan or a drag for nothing.
    if (!now && this.alone()) {
      this.held = true;
      return;
    }
    this.held = false;
    const wait = this.lastPublished + PUBLISH_INTERVAL_MS - Date.now();
    if (now || wait <= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.lastPublished = Date.now();
      this.awareness.setLocalState({ ...this.local });
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.publish(true);
      }, wait);
    }
  }

  /** No other client's state at all, named or not: read from the awareness itself, never from a snapshot that may be behind it. */
  private alone(): boolean {
    for (const clientId of this.awareness.getStates().keys()) if (clientId !== this.clientId) return false;
    return true;
  }

  private onChange = ({ added, updated, removed }: AwarenessChanges): void => {
    if (this.held && !this.alone()) this.publish(true);
    // A change of this person's own state (a pointer move sent) changes nobody's snapshot: the people
    // bar, the cursors and the checklist need not read or render anything for it.
    const others = [added, updated, removed].some((ids) => ids.some((clientId) => clientId !== this.clientId));
    if (!others && this.snapshot.color === (this.local.user?.color ?? null)) return;
    const peers = readPeers(this.awareness.getStates(), this.clientId);
    const user = this.local.user;
    if (user) {
      const color = settleColor({ clientId: this.clientId, color: user.color }, peers);
      if (color !== user.color) {
        this.local.user = { ...user, color };
        this.publish(true);
      }
    }
    const following = peers.some((p) => p.clientId === this.snapshot.following) ? this.snapshot.following : null;
    this.set({ peers, following, color: this.local.user?.color ?? null });
  };
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
