import { fetchAccess, knownAccess, type BoardLink, type KnownAccess } from './access';
import { takeEarlyRequest } from './accessRequest';
import { ValueStore } from './valueStore';

export interface AccessSnapshot {
  /** What the token grants: the server's last answer, or what was remembered from a visit before; null while unknown. */
  access: KnownAccess | null;
  /** The links this token may hand out, from the server's last answer; null until it answered. */
  links: BoardLink[] | null;
  /** Why the server refused the token (wrong, or replaced by the board's owner: reason link_revoked); the board must not open. */
  denied: { message: string; reason: string | null } | null;
  /** Whether the server was asked at least once (answered or not). */
  asked: boolean;
}

/**
 * One board's access, shared by every part of the page that needs the role: asked from the server
 * when the board opens, whenever the connection comes back, and when the server stops it for good
 * (the links may have been replaced meanwhile).
 */
export class AccessStore extends ValueStore<AccessSnapshot> {
  protected snapshot: AccessSnapshot;
  private pending: Promise<void> | null = null;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    readonly token: string,
  ) {
    super();
    this.snapshot = { access: knownAccess(boardId, token), links: null, denied: null, asked: false };
  }

  refresh(): Promise<void> {
    this.pending ??= fetchAccess(this.boardId, this.token, takeEarlyRequest(this.boardId, this.token)).then((result) => {
      this.pending = null;
      if (this.destroyed) return;
      if (result.ok) {
        const { links, ...access } = result.access;
        this.set({ access, links, denied: null, asked: true });
      } else if (result.status === 403 || result.status === 401) {
        this.set({ access: null, links: null, denied: { message: result.error, reason: result.reason }, asked: true });
      } else {
        this.set({ ...this.snapshot, asked: true });
      }
    });
    return this.pending;
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
  }
}
