import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { BoardPresence } from './boardPresence';
import type { RoomProvider } from './connect';
import type { ConnectionStatus } from './connectionMonitor';
import { ValueStore } from './valueStore';

/** Anything that says how a connection is: a provider's monitor, or a RoomConnection. */
export interface ConnectionStatusStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectionStatus;
}

const CONNECTING: ConnectionStatus = { state: 'connecting', unsynced: 0, message: null };
const LOAD_FAILED: ConnectionStatus = {
  state: 'offline',
  unsynced: 0,
  message: 'The connection could not be set up: the server cannot be reached. Your changes are kept in this browser; reload the page once the server is back.',
};

/**
 * A board's connection to the collaboration server and its presence, made when the page asks for
 * them (once the board is drawn): their code (y-websocket, the connection monitor, awareness and
 * its checks, about 5 KB gzipped) is then fetched, so the board page's first download goes without
 * it (docs/BENCHMARKS.md, load). Until then the board works on this browser's copy and the status
 * reads "connecting"; nobody sees anyone before the connection anyway.
 */
export class RoomConnection extends ValueStore<ConnectionStatus> implements ConnectionStatusStore {
  /** The provider, once its code has arrived; null before. */
  provider: RoomProvider | null = null;
  /** Who else is on the board and what this person shows them, with the provider; null before. */
  presence: BoardPresence | null = null;
  protected snapshot = CONNECTING;
  private started = false;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly room: string,
    private readonly token: string,
  ) {
    super();
  }

  /** Fetches the code of the provider and of presence, and connects; later calls do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    Promise.all([import('./connect'), import('./boardPresence')]).then(
      ([{ connectRoom }, { BoardPresence }]) => {
        if (this.destroyed) return;
        this.provider = connectRoom(this.doc, this.room, this.token);
        this.presence = new BoardPresence(this.provider.awareness);
        this.provider.monitor.subscribe(this.onMonitor);
        this.onMonitor();
      },
      () => !this.destroyed && this.set(LOAD_FAILED),
    );
  }

  private onMonitor = () => this.set(this.provider!.monitor.getSnapshot());

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.presence?.destroy();
    this.provider?.destroy();
  }
}

const NO_STATUS = () => () => {};
const getNull = () => null;

/** The status of a connection, re-rendering on changes; null without one. */
export function useConnectionStatus(store: ConnectionStatusStore | null | undefined): ConnectionStatus | null {
  return useSyncExternalStore(store ? store.subscribe : NO_STATUS, store ? store.getSnapshot : getNull);
}
