import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { isPermanentClose } from '../shared/closeCodes';
import { ConnectionMonitor } from './connectionMonitor';

export type { ConnectionState, ConnectionStatus } from './connectionMonitor';

/** Where the server is and how to reach it, when not from a page of the server's own origin (tests, tools). */
export interface RoomProviderOptions {
  /** The WebSocket endpoint; default ws(s)://<page host>/ws. */
  serverUrl?: string;
  /** Origin of the HTTP API used to explain refusals; default the page's own. */
  apiOrigin?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** No cross-tab sync (BroadcastChannel): for several clients of one room in one process. */
  disableBc?: boolean;
}

/**
 * A y-websocket provider for one room of the collaboration server, with a monitor of its
 * connection (state, the server's reasons, unsynced edits). `destroy()` stops both.
 */
export class RoomProvider extends WebsocketProvider {
  readonly monitor: ConnectionMonitor;

  constructor(doc: Y.Doc, room: string, token: string, awareness?: Awareness, options: RoomProviderOptions = {}) {
    super(options.serverUrl ?? collabServerUrl(), room, doc, {
      connect: false,
      params: { token },
      ...(awareness ? { awareness } : {}),
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      disableBc: options.disableBc ?? false,
      // y-websocket stops on every 44xx code; the server's 4400 and 4409 mean "reconnect".
      shouldReconnect: (event) => !isPermanentClose(event.code),
    });
    this.monitor = new ConnectionMonitor(this, room, token, options.apiOrigin ?? '');
    this.connect();
  }

  override destroy(): void {
    this.monitor.destroy();
    super.destroy();
  }
}

/** The server's WebSocket endpoint on the page's own origin: ws(s)://host/ws. */
export function collabServerUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/**
 * Connects `doc` to a room (`<boardId>` or `<boardId>.interviewer`, see roomName in
 * src/shared/boardId.ts) with a board token. Pass an awareness to share presence; by default the
 * provider makes its own. Call `destroy()` on the result to disconnect.
 */
export function connectRoom(doc: Y.Doc, room: string, token: string, awareness?: Awareness): RoomProvider {
  return new RoomProvider(doc, room, token, awareness);
}
