import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { parseRoomName, type Role, type RoomKind } from '../src/shared/boardId';
import { CloseCode } from '../src/shared/closeCodes';
import { canJoin, canWrite, type Access, type TokenCheck } from './access';
import { clientAddress, type Capacity, type SlotClass } from './capacity';
import { TokenBucket, errorFields, type RateLimitedLog } from './limits';
import type { Logger } from './log';
import type { ConnectionRefusal, MessageRefusal, Metrics } from './metrics';
import { KEEPALIVE_MESSAGE, isAwarenessMessage, isSyncAnswer, isSyncRequest, syncRequestStateVector } from './protocol';
import { KeyedTokenBuckets } from './keyedLimits';
import type { Peer, RoomConnection, Rooms } from './rooms';

export interface TransportOptions {
  access: Access;
  rooms: Rooms;
  metrics: Metrics;
  log: Logger;
  rlog: RateLimitedLog;
  maxMessageBytes: number;
  /** Connection slots per room and per address (capacity.ts). */
  capacity: Capacity;
  /** Client addresses come from X-Forwarded-For (set by a proxy in front). */
  trustProxy: boolean;
  /** Upgrades per client address (one token each, taken before anything else is read). */
  upgrades: KeyedTokenBuckets;
  /** Presence bytes per connection and per client address: sustained per second, and the burst (at least one largest state). */
  awarenessBytes: { perSecond: number; perAddressPerSecond: number; burst: number };
  /** Full-document sync requests (sync step 1) allowed per connection and per client address. */
  syncRequests: { perConnectionPerMinute: number; connectionBurst: number; perAddressPerMinute: number; addressBurst: number };
  /** Bytes of sync answers (sync step 2) sent to one client address: sustained per second, and the burst. */
  syncAnswerBytes: { perAddressPerSecond: number; burst: number };
  /** Presence bytes times the peers they go to, from one client address: sustained per second, and the burst. */
  awarenessFanoutBytes: { perAddressPerSecond: number; burst: number };
  messagesPerSecond: number;
  messageBurst: number;
  pingIntervalMs: number;
  keepaliveMs: number;
  /** A connection whose unsent data exceeds this is dropped as too slow. */
  maxBufferedBytes: number;
}

export const WS_PATH_PREFIX = '/ws/';

export type Admission =
  | { ok: true; room: string; role: Role; readOnly: boolean; slot: SlotClass; linkGeneration: number | null }
  | { ok: false; status: 400 | 403 | 404 | 429 | 503; reason: ConnectionRefusal; message: string; retryAfterSeconds?: number };

type Refusal = Extract<Admission, { ok: false }>;
/** A room name and what the token is on its board, or why the token alone refuses it. */
type CheckedToken = { room: string; kind: RoomKind; checked: TokenCheck } | Refusal;

/** The part of admission that reads storage (the board's link generation). */
export async function checkToken(access: Access, room: string, token: string | null): Promise<CheckedToken> {
  const parsed = parseRoomName(room);
  if (!parsed) return { ok: false, status: 400, reason: 'bad_room', message: 'Not a board room name' };
  if (!token) return { ok: false, status: 403, reason: 'missing_token', message: 'Missing token' };
  return { room, kind: parsed.kind, checked: await access.check(parsed.boardId, token) };
}

/**
 * The rest of the decision, synchronous, so the upgrade takes its slot before anything else is
 * admitted. An edit or read connection remembers the link generation it came with: replacing the
 * board's links closes it (Rooms.revokeLinks).
 */
export function admitChecked(capacity: Capacity, token: CheckedToken, address: string, mayLoad: (room: string) => boolean): Admission {
  if ('ok' in token) return token;
  const { room, kind, checked } = token;
  if (!checked) return { ok: false, status: 403, reason: 'bad_token', message: 'The token does not grant access to this board' };
  if ('revoked' in checked) return { ok: false, status: 403, reason: 'link_revoked', message: "This link was replaced by the board's owner" };
  const { role, generation } = checked;
  if (!canJoin(role, kind)) return { ok: false, status: 403, reason: 'forbidden_room', message: 'This room needs an interviewer token' };
  const readOnly = !canWrite(role, kind);
  const slot = role === 'interviewer' ? 'interviewer' : readOnly ? 'read' : 'edit';
  const full = capacity.refusal(room, slot, address);
  if (full) return { ok: false, ...full };
  if (!mayLoad(room)) return { ok: false, status: 503, reason: 'memory_budget', message: 'The server holds as many boards as its memory allows; try again later' };
  return { ok: true, room, role, readOnly, slot, linkGeneration: role === 'interviewer' ? null : generation };
}

/**
 * Who may connect to a room: the same decision for the WebSocket upgrade and for
 * GET /api/rooms/<room>, which the app asks when a connection is refused.
 */
export async function admit(access: Access, capacity: Capacity, room: string, token: string | null, address: string, mayLoad: (room: string) => boolean): Promise<Admission> {
  return admitChecked(capacity, await checkToken(access, room, token), address, mayLoad);
}

/** The refusal of an address that made more upgrades than `upgrades` allows, or null. Taking: an upgrade; peeking: /api/rooms explaining one. */
export function upgradeRateRefusal(upgrades: KeyedTokenBuckets, address: string, taking: boolean): Refusal | null {
  const waitMs = taking ? upgrades.take(address) : upgrades.wait(address);
  if (waitMs === 0) return null;
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return { ok: false, status: 429, reason: 'upgrade_rate', message: `Too many connection attempts from your address; try again in ${retryAfterSeconds} s`, retryAfterSeconds };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };

function refuseUpgrade(socket: Duplex, status: number, message: string, retryAfterSeconds?: number): void {
  const body = message + '\n';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n${retryAfterSeconds === undefined ? '' : `Retry-After: ${retryAfterSeconds}\r\n`}\r\n${body}`,
  );
}

interface Connection {
  ws: WebSocket;
  peer: Peer;
  alive: boolean;
  lastSent: number;
}

/** WebSocket endpoint `/ws/<room>?token=<token>` on the HTTP server. */
export class Transport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly syncByAddress: KeyedTokenBuckets;
  private readonly presenceByAddress: KeyedTokenBuckets;
  private readonly syncAnswersByAddress: KeyedTokenBuckets;
  private readonly fanoutByAddress: KeyedTokenBuckets;
  private nextId = 1;
  private closing = false;

  constructor(
    server: Server,
    private readonly options: TransportOptions,
  ) {
    this.syncByAddress = new KeyedTokenBuckets(options.syncRequests.perAddressPerMinute / 60, options.syncRequests.addressBurst);
    this.presenceByAddress = new KeyedTokenBuckets(options.awarenessBytes.perAddressPerSecond, options.awarenessBytes.burst);
    this.syncAnswersByAddress = new KeyedTokenBuckets(options.syncAnswerBytes.perAddressPerSecond, options.syncAnswerBytes.burst);
    this.fanoutByAddress = new KeyedTokenBuckets(options.awarenessFanoutBytes.perAddressPerSecond, options.awarenessFanoutBytes.burst);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    this.timers.push(setInterval(() => this.ping(), options.pingIntervalMs));
    this.timers.push(setInterval(() => this.keepalive(), Math.max(50, Math.floor(options.keepaliveMs / 3))));
    for (const timer of this.timers) timer.unref();
  }

  get open(): number {
    return this.connections.size;
  }

  /** Closes every connection with `code`; refuses new upgrades from now on. */
  close(code: number, reason: string): void {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const connection of this.connections) connection.peer.close(code, reason);
  }

  /** Destroys whatever is still open (after the close handshakes had their chance). */
  terminateAll(): void {
    for (const connection of this.connections) connection.ws.terminate();
    this.wss.close();
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { metrics, rlog, access, capacity, trustProxy } = this.options;
    const address = clientAddress(req, trustProxy);
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: 400 | 403 | 404 | 429 | 503, reason: ConnectionRefusal, message: string, retryAfterSeconds?: number) => {
      metrics.refuseConnection(reason);
      // Never log the token: only the path, which holds no secret.
      rlog.warn(`upgrade_${reason}`, { status, path: url.pathname.slice(0, 200), ip: address }, 'WebSocket upgrade refused');
      refuseUpgrade(socket, status, message, retryAfterSeconds);
    };
    if (this.closing) return refuse(503, 'shutting_down', 'The server is shutting down');
    // First, and cheap: a connection costs a token check, a room join and a sync, and a client closed
    // for a limit that reconnects at once would otherwise make the server pay them in a loop.
    const tooOften = upgradeRateRefusal(this.options.upgrades, address, true);
    if (tooOften) return refuse(tooOften.status, tooOften.reason, tooOften.message, tooOften.retryAfterSeconds);
    if (!url.pathname.startsWith(WS_PATH_PREFIX)) return refuse(404, 'bad_path', 'WebSocket endpoint is /ws/<room>');
    let room: string;
    try {
      room = decodeURIComponent(url.pathname.slice(WS_PATH_PREFIX.length));
    } catch {
      return refuse(400, 'bad_room', 'Not a board room name');
    }
    checkToken(access, room, url.searchParams.get('token')).then(
      (token) => {
        if (socket.destroyed) return;
        if (this.closing) return refuse(503, 'shutting_down', 'The server is shutting down');
        const admission = admitChecked(capacity, token, address, (name) => this.options.rooms.mayLoad(name, true));
        if (!admission.ok) return refuse(admission.status, admission.reason, admission.message);
        // The slot is held from here until the socket closes, whether the upgrade completes or not.
        socket.once('close', capacity.take(room, admission.slot, address));
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          if (this.closing) return ws.close(CloseCode.GOING_AWAY, 'server shutting down');
          this.onConnection(ws, room, admission, address);
        });
      },
      (error: unknown) => {
        rlog.error('upgrade_token_check', { path: url.pathname.slice(0, 200), ...errorFields(error) }, 'cannot check a token (storage)');
        refuseUpgrade(socket, 503, 'The server cannot check the link right now');
      },
    );
  }

  private onConnection(ws: WebSocket, room: string, admission: Extract<Admission, { ok: true }>, address: string): void {
    const { role, readOnly, linkGeneration } = admission;
    const { metrics, rooms, log, rlog, maxBufferedBytes } = this.options;
    const id = `c${this.nextId++}`;
    const connection: Connection = { ws, alive: true, lastSent: Date.now(), peer: undefined as unknown as Peer };
    let closed = false;
    const peer: Peer = {
      id,
      canWrite: !readOnly,
      linkGeneration,
      send: (message) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        // The whole of a large board is the costliest thing a client can ask for: bytes of answers per address.
        if (isSyncAnswer(message) && this.syncAnswersByAddress.take(address, Math.min(message.length, this.options.syncAnswerBytes.burst)) > 0) {
          closed = true;
          metrics.refuseMessage('sync_bytes');
          rlog.warn('sync_bytes', { room, connection: id, ip: address, bytes: message.length }, 'sync answers beyond the address byte budget; not sent, closed');
          ws.close(CloseCode.RATE_LIMITED, 'too much document data');
          return;
        }
        if (ws.bufferedAmount > maxBufferedBytes) {
          metrics.connectionsDropped.inc({ reason: 'slow_consumer' });
          rlog.warn('slow_consumer', { room, connection: id, buffered: ws.bufferedAmount }, 'connection too slow; dropped');
          // A close frame would queue behind the backlog: drop the connection at once (the client sees 1006 and reconnects).
          ws.terminate();
          return;
        }
        connection.lastSent = Date.now();
        metrics.messagesOut.inc();
        metrics.bytesOut.inc(message.length);
        ws.send(message, { binary: true }, (error) => {
          if (error) ws.terminate();
        });
      },
      close: (code, reason) => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
      },
    };
    connection.peer = peer;
    this.connections.add(connection);
    metrics.connectionsAccepted.inc();
    log.debug({ room, connection: id, role }, 'connection opened');

    let handle: RoomConnection;
    try {
      handle = rooms.join(room, peer);
    } catch {
      this.connections.delete(connection);
      ws.close(CloseCode.GOING_AWAY, 'server shutting down');
      return;
    }
    const bucket = new TokenBucket(this.options.messagesPerSecond, this.options.messageBurst);
    const syncBucket = new TokenBucket(this.options.syncRequests.perConnectionPerMinute / 60, this.options.syncRequests.connectionBurst);
    const presenceBucket = new TokenBucket(this.options.awarenessBytes.perSecond, this.options.awarenessBytes.burst);

    /** Closes the connection for a message it may not send: counted, logged (rate-limited), and the room left before the close completes. */
    const refuse = (reason: MessageRefusal, fields: Record<string, unknown>, logMessage: string, code: number, closeReason: string) => {
      closed = true;
      metrics.refuseMessage(reason);
      rlog.warn(reason, { room, connection: id, ...fields }, logMessage);
      handle.leave();
      ws.close(code, closeReason);
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (closed) return;
      const bytes = toBytes(data);
      metrics.messagesIn.inc();
      metrics.bytesIn.inc(bytes.length);
      if (!bucket.take()) return refuse('rate_limit', {}, 'connection over its message rate; closed', CloseCode.RATE_LIMITED, 'rate limit');
      // Answering a sync request can cost a whole document: a client asks for content once per connection. The app's
      // later requests confirm that its edits arrived (connectionMonitor.ts) and cost the room its deletions only.
      if (isSyncRequest(bytes) && asksForContent(handle, bytes) && (!syncBucket.take() || this.syncByAddress.take(address) > 0)) {
        return refuse('sync_rate', { ip: address }, 'too many full sync requests; closed', CloseCode.RATE_LIMITED, 'too many sync requests');
      }
      // Every presence change goes to every peer of the board: a large state sent often costs them all.
      // One message is charged at most the burst: a state over the size limit is refused for that (4422).
      const presenceCost = Math.min(bytes.length, this.options.awarenessBytes.burst);
      if (isAwarenessMessage(bytes) && (!presenceBucket.take(presenceCost) || this.presenceByAddress.take(address, presenceCost) > 0)) {
        return refuse('awareness_rate', { ip: address }, 'too much presence data; closed', CloseCode.RATE_LIMITED, 'too much presence data');
      }
      // What a presence change costs the server is its bytes times the peers it is sent to.
      const fanoutCost = Math.min(presenceCost * handle.audience(), this.options.awarenessFanoutBytes.burst);
      if (isAwarenessMessage(bytes) && fanoutCost > 0 && this.fanoutByAddress.take(address, fanoutCost) > 0) {
        return refuse('awareness_fanout', { ip: address }, 'presence fan-out beyond the address byte budget; closed', CloseCode.RATE_LIMITED, 'too much presence data');
      }
      if (!isBinary) return refuse('malformed', {}, 'text frame; closed', CloseCode.MALFORMED, 'binary messages only');
      handle.receive(bytes);
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the connection itself (1009 for a message over maxPayload, 1002 for a protocol error).
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.refuseMessage('too_big');
      else metrics.refuseMessage('malformed');
      rlog.warn(error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too_big' : 'ws_error', { room, connection: id, error: error.message }, 'WebSocket error');
    });
    ws.on('close', (code: number) => {
      closed = true;
      this.connections.delete(connection);
      handle.leave();
      log.debug({ room, connection: id, code }, 'connection closed');
    });
  }

  /** Drops peers that did not answer the previous ping, pings the others. */
  private ping(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.options.metrics.connectionsDropped.inc({ reason: 'ping_timeout' });
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      try {
        connection.ws.ping();
      } catch {
        connection.ws.terminate();
      }
    }
  }

  /** Keeps idle connections (a read-only viewer on a quiet board) from being reconnected by the client. */
  private keepalive(): void {
    const now = Date.now();
    for (const connection of this.connections) {
      if (now - connection.lastSent >= this.options.keepaliveMs) connection.peer.send(KEEPALIVE_MESSAGE);
    }
  }
}

/** The message in a buffer of its own, so no decoder can read past its end into a shared pool. */
/** Whether a sync request asks the room for content (RoomConnection.asksForContent); one that cannot be read counts as asking. */
function asksForContent(handle: RoomConnection, bytes: Uint8Array): boolean {
  const stateVector = syncRequestStateVector(bytes);
  if (!stateVector) return true;
  try {
    return handle.asksForContent(stateVector);
  } catch {
    return true;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}
