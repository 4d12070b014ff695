import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { closeMessage, isPermanentClose } from '../shared/closeCodes';
import { UnsyncedEdits } from './unsyncedEdits';
import { ValueStore } from './valueStore';

/**
 * connecting: opening the socket or loading the server's copy; connected: in sync, edits go out
 * live; offline: no connection, retrying (edits are kept locally and merge on reconnect);
 * stopped: the server refused this link for good (see `message`), no more retries.
 */
export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'stopped';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Local edits the server has not confirmed storing yet (see UnsyncedEdits). */
  unsynced: number;
  /** Why the server closed or refused the connection, in words for people; null when there is nothing to say. */
  message: string | null;
}

const MESSAGE_SYNC = 0;
/** Local edits are confirmed in batches: one sync request at most this often. */
const CONFIRM_DELAY_MS = 250;
/** A refused connection is explained by asking /api/rooms, at most this often. */
const EXPLAIN_INTERVAL_MS = 5000;

type SyncHandler = WebsocketProvider['messageHandlers'][number];

/**
 * Watches one provider: its connection state, the server's reasons when it closes or refuses the
 * connection, and the local edits not yet stored by the server. Permanent refusals stop the
 * provider. Read it with subscribe/getSnapshot (useSyncExternalStore).
 */
export class ConnectionMonitor extends ValueStore<ConnectionStatus> {
  protected snapshot: ConnectionStatus = { state: 'connecting', unsynced: 0, message: null };
  private readonly edits = new UnsyncedEdits();
  /** Whether the current socket opened: a socket closed before opening was refused (or the server is down). */
  private opened = false;
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private lastExplained = -Infinity;
  private destroyed = false;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly room: string,
    private readonly token: string,
    /** Where /api lives: '' for the page's own origin. */
    private readonly apiOrigin = '',
  ) {
    super();
    const handleSync = provider.messageHandlers[MESSAGE_SYNC]!;
    const watched: SyncHandler = (encoder, decoder, p, fromServer, type) => {
      const kind = decoding.peekVarUint(decoding.clone(decoder));
      handleSync(encoder, decoder, p, fromServer, type);
      if (!fromServer || this.destroyed) return; // a message from another tab (BroadcastChannel)
      if (kind === syncProtocol.messageYjsSyncStep2) {
        this.edits.answered();
        this.update();
      } else if (kind === syncProtocol.messageYjsSyncStep1) {
        // Our answer (every update the server lacks, offline edits included) is sent when this
        // handler returns; a request right after it confirms them once answered.
        queueMicrotask(() => this.sendSyncRequest());
      }
    };
    provider.messageHandlers[MESSAGE_SYNC] = watched;
    provider.on('status', this.onStatus);
    provider.on('sync', this.onSync);
    provider.on('connection-close', this.onClose);
    provider.on('closed', this.onPermanentClose);
    provider.doc.on('update', this.onUpdate);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.provider.off('status', this.onStatus);
    this.provider.off('sync', this.onSync);
    this.provider.off('connection-close', this.onClose);
    this.provider.off('closed', this.onPermanentClose);
    this.provider.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }): void => {
    if (status === 'connected') {
      this.opened = true;
      // y-websocket sends its sync request right after this event, before our offline edits.
      this.edits.requestSent(false);
    } else if (status === 'connecting') this.opened = false;
    this.update();
  };

  /** In sync again: whatever the last close or refusal was, it is over. */
  private onSync = (synced: boolean): void => this.update(synced ? { message: null } : {});

  private onClose = (event: CloseEvent | null): void => {
    this.edits.connectionLost();
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    const opened = this.opened;
    this.opened = false;
    const message = event ? closeMessage(event.code) : null;
    if (message) this.update({ message });
    else if (!opened && event) void this.explainRefusal();
    else this.update();
  };

  private onPermanentClose = ({ code }: { code: number }): void => {
    this.update({ state: 'stopped', message: closeMessage(code) });
  };

  private onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (!transaction.local) return;
    this.edits.edit();
    this.update();
    if (this.provider.synced && !this.confirmTimer) {
      this.confirmTimer = setTimeout(() => {
        this.confirmTimer = null;
        this.sendSyncRequest();
      }, CONFIRM_DELAY_MS);
    }
  };

  private sendSyncRequest(): void {
    const ws = this.provider.ws;
    if (this.destroyed || !this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN || !this.edits.uncovered) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.provider.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.edits.requestSent();
  }

  /**
   * A socket closed before it opened: the server refused the upgrade (the browser only sees 1006)
   * or cannot be reached. /api/rooms says which, with the close code the refusal stands for.
   */
  private async explainRefusal(): Promise<void> {
    const now = Date.now();
    if (now - this.lastExplained < EXPLAIN_INTERVAL_MS) return this.update();
    this.lastExplained = now;
    let closeCode: number | null = null;
    try {
      const response = await fetch(`${this.apiOrigin}/api/rooms/${encodeURIComponent(this.room)}`, { headers: { Authorization: `Bearer ${this.token}` } });
      if (!response.ok) closeCode = readCloseCode(await response.json().catch(() => null));
    } catch {
      // The server is unreachable: an ordinary offline spell.
    }
    if (this.destroyed || this.snapshot.state === 'stopped') return;
    if (closeCode !== null && isPermanentClose(closeCode)) {
      this.provider.disconnect();
      this.update({ state: 'stopped', message: closeMessage(closeCode) });
    } else {
      this.update({ message: closeCode === null ? null : closeMessage(closeCode) });
    }
  }

  private update(patch: Partial<Pick<ConnectionStatus, 'state' | 'message'>> = {}): void {
    if (this.destroyed) return;
    const state = patch.state ?? (this.snapshot.state === 'stopped' ? 'stopped' : this.currentState());
    const next: ConnectionStatus = { state, unsynced: this.edits.count, message: patch.message !== undefined ? patch.message : this.snapshot.message };
    if (next.state === this.snapshot.state && next.unsynced === this.snapshot.unsynced && next.message === this.snapshot.message) return;
    this.set(next);
  }

  private currentState(): ConnectionState {
    if (this.provider.wsconnected) return this.provider.synced ? 'connected' : 'connecting';
    if (!this.provider.shouldConnect) return 'stopped';
    return this.provider.wsUnsuccessfulReconnects > 0 ? 'offline' : 'connecting';
  }
}

function readCloseCode(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const code = (body as { closeCode?: unknown }).closeCode;
  return typeof code === 'number' ? code : null;
}
