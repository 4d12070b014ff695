import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../src/shared/closeCodes';
import type { Fanout, FanoutListener } from './fanout/types';
import type { History } from './history/history';
import type { HistoryAuthor, HistoryRecord } from './history/types';
import { parseRoomName, roomName } from '../src/shared/boardId';
import { errorFields, type RateLimitedLog } from './limits';
import type { Logger } from './log';
import type { Counter, MessageRefusal, Metrics } from './metrics';
import type { LatencyHistogram } from './latencyHistogram';
import { ProtocolError, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyUpdate, parseMessage } from './protocol';
import { ClusterRoomStores, type ClusterOptions } from './roomStore/cluster';
import { SingleProcessRoomStores } from './roomStore/single';
import type { RemoteItem, RoomStore, RoomStoreHost, RoomStores, StoredAppend } from './roomStore/types';
import type { DocumentStorage } from './storage/types';
import { filterAwarenessUpdate, type PresenceRight } from './awarenessOwnership';
import { IntegratedUpdates, dropPending, firstGap, mergeUpdates, typesAbove } from './yjsInternals';
import { LimitError, UPDATE_LIMITS, checkUpdate, type AwarenessLimits } from './updateLimits';
import { decideLoad, type BudgetedRoom } from './loadBudget';

/** One client connection as rooms see it (transport.ts wraps a WebSocket into this). */
export interface Peer {
  readonly id: string;
  /** False for read-only connections: their document updates are dropped (awareness is relayed). */
  readonly canWrite: boolean;
  /** The board's link generation the connection's edit or read token belongs to; null for the interviewer's, never replaced. */
  readonly linkGeneration: number | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomsOptions {
  storage: DocumentStorage;
  fanout: Fanout;
  metrics: Metrics;
  log: Logger;
  rlog: RateLimitedLog;
  maxDocumentBytes: number;
  compactEveryUpdates: number;
  /** Snapshots and retention of the rooms' history (its entries are written with each stored update). */
  history?: History;
  /** Messages held for a room (while it loads or stores) beyond which senders are told to retry later. */
  maxQueuedBytes?: number;
  /** Scale-out mode: several processes hold rooms of the same boards (roomStore/cluster.ts). */
  cluster?: ClusterOptions;
  /** Size and nesting of one awareness state (updateLimits.ts). */
  awarenessLimits?: AwarenessLimits;
  /** Encoded bytes of the loaded boards beyond which no other board is loaded (loadBudget.ts). */
  maxLoadedBytes?: number;
  /** How long a board stays loaded after its last connection left (0: unloaded at once). */
  idleUnloadMs?: number;
  /** Told of each document unloaded (not of rooms that failed), with its encoded size. */
  onUnloaded?: (bytes: number) => void;
}

export interface RoomConnection {
  /** A message from the peer: handled in arrival order, after the document has loaded. */
  receive(data: Uint8Array): void;
  /** The peer is gone: its awareness states are removed; the last one out unloads the document. */
  leave(): void;
  /** How many other connections of this process the room's broadcasts reach. */
  audience(): number;
  /**
   * Whether a sync request with this state vector asks for something the document holds beyond it: what
   * costs the room an encoding of part or all of the board. A client confirming that its edits arrived
   * (its state vector covers the room's but for others' edits on their way to it) is answered with the
   * deletions and those edits only.
   */
  asksForContent(stateVector: Uint8Array): boolean;
}

type Item =
  | { kind: 'join'; peer: Peer }
  // receivedAt (performance.now()) starts the update relay latency of mldb_update_relay_seconds.
  | { kind: 'message'; peer: Peer; data: Uint8Array; receivedAt: number }
  | { kind: 'snapshot'; resolve: (state: Uint8Array) => void }
  | { kind: 'unload' }
  // From the other processes (scale-out mode), in the order received.
  | RemoteItem;

/** An update applied to the document and not stored yet: its author for the history, its arrival (performance.now()) for the relay latency. */
interface PendingWrite {
  update: Uint8Array;
  author: HistoryAuthor;
  receivedAt: number;
}

type Outgoing = { to: Peer; message: Uint8Array } | { broadcast: Uint8Array; except: string | null };

const LOAD_ORIGIN = Symbol('load');

/**
 * Throws LimitError for an update beyond the limits (for this document), ProtocolError for one that cannot be read.
 * Returns each writer of the update and the clock its part starts at.
 */
function checkClientUpdate(update: Uint8Array, doc: Y.Doc): Map<number, number> {
  try {
    return checkUpdate(update, UPDATE_LIMITS, (client, clock) => typesAbove(doc, client, clock)).starts;
  } catch (error) {
    if (error instanceof LimitError && error.kind === 'malformed') throw new ProtocolError(error.message);
    throw error;
  }
}
/** Origin of what comes from the other processes: applied and relayed here, never stored or published again. */
const REMOTE_ORIGIN = Symbol('remote');
/** Observes, for each of `writes`, the seconds from its arrival until now. */
function observeSince(histogram: LatencyHistogram<'stage'>, stage: 'stored' | 'broadcast', writes: PendingWrite[]): void {
  const now = performance.now();
  for (const { receivedAt } of writes) histogram.observe(stage, (now - receivedAt) / 1000);
}

/**
 * Items a sync request may lack and still be a confirmation that the client's edits arrived: what others
 * wrote while the request and the relay of their edits crossed on the way (a few items a keystroke or a
 * drop; a slow link, or a pasted description, crosses more). Answering it costs about what a confirmation does.
 */
const IN_FLIGHT_ITEMS = 1024;

/**
 * Whether `theirs` misses more of what `ours` holds than edits on their way to it (an empty `theirs`, a
 * new client, misses everything; an empty room, nothing).
 */
function lacksContent(theirs: Map<number, number>, ours: Map<number, number>): boolean {
  if (theirs.size === 0) return true;
  let missing = 0;
  for (const [client, clock] of ours) {
    missing += Math.max(0, clock - (theirs.get(client) ?? 0));
    if (missing > IN_FLIGHT_ITEMS) return true;
  }
  return false;
}

/** Flush to storage at least every this many updates, even when more messages are waiting. */
const MAX_BATCH = 256;

/**
 * Sync requests a connection is sent for updates that refer to data the server lacks, beyond the one it
 * gets when it joins; an update with a gap after that many is refused (4409).
 */
const MAX_RESYNCS_PER_CONNECTION = 3;

/** The sync requests (sync step 1) a room sent one connection. */
interface SyncRequests {
  /** Sent and not answered yet (the connection answers each with a sync step 2). */
  unanswered: number;
  /** Sent for updates with gaps. */
  resyncs: number;
}

class Room implements RoomStoreHost, BudgetedRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Peers and the awareness client ids each one controls. */
  readonly peers = new Map<Peer, Set<number>>();
  /**
   * Awareness client ids a connection of another process controls (scale-out: learnt from the
   * presence it relays), until that process removes them or they expire here.
   */
  private readonly ownedElsewhere = new Set<number>();
  private readonly syncRequests = new Map<Peer, SyncRequests>();
  /** The author of a connection's updates (authorOf), with the awareness state it was read from. */
  private readonly authors = new Map<Peer, { author: HistoryAuthor; state: unknown }>();
  state: 'loading' | 'ready' | 'closed' = 'loading';
  /** Resolves when the room is destroyed (unloaded, failed or shut down). */
  readonly closed: Promise<void>;

  /** Items waiting to be handled: queue[queueHead] is next (a head index keeps taking O(1)). */
  private queue: Item[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private pumping = false;
  /** Updates applied to the document but not stored yet, and the messages waiting for them. */
  private writes: PendingWrite[] = [];
  private outbox: Outgoing[] = [];
  private readonly integrated = new IntegratedUpdates(this.doc);
  /** An upper bound of the document's encoded size (exact after a measure). */
  private docBytes = 0;
  private updatesSinceCompact = 0;
  private bytesSinceCompact = 0;
  private lastStateBytes = 0;
  private resolveClosed!: () => void;
  private readonly loaded: Promise<void>;
  private readonly onFanout: FanoutListener;
  private readonly store: RoomStore;
  private shuttingDown = false;
  private readonly isControlRoom: boolean;
  /** When the last connection left (null while there are connections), and the timer that unloads the room then. */
  idleSince: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** The answer to a request for the whole document, until the document changes. */
  private wholeDocumentReply: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly options: RoomsOptions,
    stores: RoomStores,
    private readonly onDestroy: (room: Room) => void,
    /** mldb_awareness_spoof_dropped_total: awareness entries dropped by the ownership rule. */
    private readonly spoofDropped: Counter,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.isControlRoom = parseRoomName(name)?.kind === 'control';
    this.awareness.setLocalState(null);
    this.doc.on('update', () => (this.wholeDocumentReply = null));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwarenessUpdate(changes, origin));
    this.onFanout = (message, except) => {
      for (const peer of this.peers.keys()) if (peer.id !== except) peer.send(message);
    };
    options.fanout.subscribe(name, this.onFanout);
    this.store = stores.open(name, this);
    this.loaded = this.load();
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  get bytes(): number {
    return this.docBytes;
  }

  add(peer: Peer): void {
    this.idleSince = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.peers.set(peer, new Set());
    this.enqueue({ kind: 'join', peer });
  }

  receive(peer: Peer, data: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    const limit = this.options.maxQueuedBytes ?? 64 * 1024 * 1024;
    if (this.queuedBytes + data.length > limit) {
      this.refuse(peer, CloseCode.TRY_AGAIN_LATER, 'server busy', 'busy');
      return;
    }
    this.queuedBytes += data.length;
    this.enqueue({ kind: 'message', peer, data, receivedAt: performance.now() });
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    if (!controlled) return;
    this.peers.delete(peer);
    this.syncRequests.delete(peer);
    this.authors.delete(peer);
    if (controlled.size > 0 && this.state !== 'closed') awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.peers.size > 0) return;
    this.idleSince = Date.now();
    const lingerMs = this.options.idleUnloadMs ?? 0;
    if (lingerMs > 0 && !this.shuttingDown) {
      this.idleTimer = setTimeout(() => this.unloadIdle(), lingerMs);
      this.idleTimer.unref();
    } else {
      this.enqueue({ kind: 'unload' });
    }
  }

  /** Unloads the room if nobody is on it (its idle time is over, or the memory budget needs the room). */
  unloadIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.peers.size === 0) this.enqueue({ kind: 'unload' });
  }

  /** The document state once everything received before this call is stored. */
  snapshot(): Promise<Uint8Array> {
    return new Promise((resolve) => this.enqueue({ kind: 'snapshot', resolve }));
  }

  enqueue(item: Item): void {
    if (this.state === 'closed') return;
    this.queue.push(item);
    void this.pump();
  }

  private get queued(): number {
    return this.queue.length - this.queueHead;
  }

  private take(): Item {
    const item = this.queue[this.queueHead]!;
    this.queue[this.queueHead++] = undefined as unknown as Item;
    if (this.queueHead >= 1024 && this.queueHead * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    return item;
  }

  private async load(): Promise<void> {
    const { log, metrics } = this.options;
    try {
      const { state, storedBytes, uncompactedUpdates } = await this.store.load();
      this.docBytes = storedBytes;
      this.updatesSinceCompact = uncompactedUpdates;
      if (state) {
        Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
        this.lastStateBytes = state.length;
        if (dropPending(this.doc)) log.warn({ room: this.name }, 'stored document had updates that cannot be integrated; ignored');
      }
      this.state = 'ready';
    } catch (error) {
      metrics.storageErrors.inc({ operation: 'load' });
      // Every reconnect retries the load: a board that cannot be loaded must not flood the log.
      this.options.rlog.error('load_failed', { room: this.name, ...errorFields(error) }, 'cannot load document');
      this.destroy(CloseCode.INTERNAL_ERROR, 'cannot load the board');
    }
  }

  /**
   * Handles queued items one at a time, in order. Document updates are applied at once but their
   * broadcasts, and every reply, wait in the outbox until the updates are stored: no peer ever
   * receives an edit that is not on disk.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      await this.loaded;
      while (this.state === 'ready' && this.queued > 0) {
        const item = this.take();
        if (item.kind === 'message' || item.kind === 'join') {
          if (item.kind === 'message') this.queuedBytes -= item.data.length;
          if (this.peers.has(item.peer)) this.handle(item);
          if (this.writes.length >= MAX_BATCH || this.queued === 0) await this.flush();
        } else if (item.kind === 'snapshot') {
          await this.flush();
          if (this.state === 'ready') item.resolve(Y.encodeStateAsUpdate(this.doc));
        } else if (item.kind === 'remote-update' || item.kind === 'remote-awareness' || item.kind === 'catch-up') {
          await this.handleRemote(item);
          if (this.queued === 0) await this.flush();
        } else {
          await this.flush();
          if (this.state === 'ready' && this.peers.size === 0) await this.unload();
        }
      }
    } catch (error) {
      this.options.rlog.error('room_failed', { room: this.name, ...errorFields(error) }, 'room failed');
      this.destroy(CloseCode.INTERNAL_ERROR, 'server error');
    } finally {
      this.pumping = false;
    }
  }

  private handle(item: { kind: 'join'; peer: Peer } | { kind: 'message'; peer: Peer; data: Uint8Array; receivedAt: number }): void {
    const { peer } = item;
    if (item.kind === 'join') {
      this.outbox.push({ to: peer, message: encodeSyncStep1(this.doc) });
      this.syncRequests.set(peer, { unanswered: 1, resyncs: 0 });
      const states = this.awareness.getStates();
      if (states.size > 0) this.outbox.push({ to: peer, message: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])) });
      return;
    }
    try {
      const message = parseMessage(item.data, this.options.awarenessLimits);
      switch (message.type) {
        case 'sync-step1':
          this.outbox.push({ to: peer, message: this.syncReply(message.stateVector) });
          break;
        case 'sync-update': {
          const requests = this.syncRequests.get(peer)!;
          if (message.answer) requests.unanswered = Math.max(0, requests.unanswered - 1);
          this.applyClientUpdate(peer, message.update, item.receivedAt);
          break;
        }
        case 'awareness': {
          const owned = filterAwarenessUpdate(message.update, (id, clock) => this.presenceRight(peer, id, clock));
          if (owned.dropped > 0) {
            this.spoofDropped.inc(owned.dropped);
            this.options.rlog.warn('awareness_spoof', { room: this.name, peer: peer.id, dropped: owned.dropped }, "awareness entries for another connection's client ids dropped");
          }
          if (owned.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, owned.update, peer);
          break;
        }
        case 'query-awareness': {
          const states = this.awareness.getStates();
          if (states.size > 0) this.outbox.push({ to: peer, message: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])) });
          break;
        }
      }
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.options.rlog.warn('malformed', { room: this.name, peer: peer.id, error: error.message }, 'malformed message');
        this.refuse(peer, CloseCode.MALFORMED, 'malformed message', 'malformed');
      } else if (error instanceof LimitError) {
        this.options.rlog.warn('beyond_limits', { room: this.name, peer: peer.id, error: error.message }, 'message beyond the limits; refused');
        this.refuse(peer, CloseCode.BEYOND_LIMITS, error.message.slice(0, 100), 'beyond_limits');
      } else {
        // A peer can repeat whatever caused this: one rate-limited line, no stack per message.
        this.options.rlog.error('message_error', { room: this.name, peer: peer.id, ...errorFields(error) }, 'error handling a message');
        this.refuse(peer, CloseCode.INTERNAL_ERROR, 'server error', 'malformed');
      }
    }
  }

  /**
   * The answer to a sync request: what the document has beyond `stateVector`. The whole document
   * (an empty state vector: every new client's first request) is encoded once per change of the
   * document, not once per request: encoding a large board takes the process seconds.
   */
  private syncReply(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length !== 1 || stateVector[0] !== 0) return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.wholeDocumentReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.wholeDocumentReply;
  }

  /**
   * Validates and applies one update from a peer. What the document integrated (the `update` event's
   * payload, not the raw message) is queued for storage, then broadcast.
   */
  private applyClientUpdate(peer: Peer, update: Uint8Array, receivedAt: number): void {
    const { metrics, rlog, maxDocumentBytes } = this.options;
    if (!peer.canWrite) {
      // In the control room only the interviewer writes (access.ts canWrite): a candidate's timer change stops here.
      if (!isEmptyUpdate(update)) metrics.refuseMessage(this.isControlRoom ? 'control_not_interviewer' : 'read_only');
      return;
    }
    // Read as the load path will read it, with bounded nesting and sizes, before anything decodes it.
    const writers = checkClientUpdate(update, this.doc);
    if (this.docBytes + update.length > maxDocumentBytes) {
      // The estimate says the cap is near: measure the document, once per refusal at most.
      this.docBytes = Y.encodeStateAsUpdate(this.doc).length;
      if (this.docBytes + update.length > maxDocumentBytes) {
        rlog.warn('document_too_large', { room: this.name, peer: peer.id, bytes: this.docBytes }, 'document size cap reached; update refused');
        this.refuse(peer, CloseCode.DOCUMENT_TOO_LARGE, `board size limit (${maxDocumentBytes} bytes) reached`, 'too_large_document');
        return;
      }
    }
    if (firstGap(this.doc, writers)) {
      this.resync(peer);
      return;
    }
    const { updates, failure } = this.integrated.during(() => Y.applyUpdate(this.doc, update, peer));
    // Whatever could not be integrated is dropped, never kept waiting for data that may never come.
    const pending = dropPending(this.doc);
    const author = updates.length > 0 ? this.authorOf(peer, writers) : null;
    for (const integrated of updates) {
      this.writes.push({ update: integrated, author: author!, receivedAt });
      this.docBytes += integrated.length;
      this.outbox.push({ broadcast: encodeUpdate(integrated), except: peer.id });
    }
    if (failure) {
      throw new ProtocolError(`update could not be applied: ${(failure.error as Error)?.message ?? String(failure.error)}`);
    } else if (pending) {
      this.resync(peer);
    }
  }

  /**
   * A peer's update referred to data the document lacks (edits made offline, or ones a process that died
   * never stored) and was dropped. The peer's answer to a sync request carries everything the document
   * lacks, the dropped edit included: the answer on its way, if any (a client sends the edits it makes
   * before it answers the request of its join ahead of that answer), else the answer to a new request.
   * A peer still sending gaps after MAX_RESYNCS_PER_CONNECTION requests is refused.
   */
  private resync(peer: Peer): void {
    const { metrics, rlog } = this.options;
    const requests = this.syncRequests.get(peer)!;
    if (requests.unanswered > 0) {
      metrics.resync('awaiting');
    } else if (requests.resyncs < MAX_RESYNCS_PER_CONNECTION) {
      requests.unanswered++;
      requests.resyncs++;
      metrics.resync('sent');
      this.outbox.push({ to: peer, message: encodeSyncStep1(this.doc) });
    } else {
      rlog.warn('out_of_sync', { room: this.name, peer: peer.id }, 'updates still refer to missing data after resyncs; refused');
      this.refuse(peer, CloseCode.OUT_OF_SYNC, 'update refers to missing data', 'out_of_sync');
    }
  }

  /**
   * Who wrote an update, for the history: the awareness client id the connection announced (y-websocket's
   * awareness and document share the client id; of several, the one that wrote the update's structs),
   * else the update's own writer (`writers`: those checkUpdate read); and the name that client's awareness shows.
   * A connection that announced one id gets the same author until that id's awareness state is replaced.
   */
  private authorOf(peer: Peer, writers: Map<number, number>): HistoryAuthor {
    const announced = this.peers.get(peer);
    const states = this.awareness.getStates();
    const cached = this.authors.get(peer);
    if (cached && announced?.size === 1 && announced.has(cached.author.clientId) && states.get(cached.author.clientId) === cached.state) return cached.author;
    let clientId: number;
    if (announced?.size === 1) clientId = announced.values().next().value!;
    else {
      const ids = [...(announced ?? [])];
      clientId = ids.find((id) => writers.has(id)) ?? ids[0] ?? writers.keys().next().value ?? 0;
    }
    const state = states.get(clientId) as { user?: { name?: unknown } } | undefined;
    const name = state?.user?.name;
    const trimmed = typeof name === 'string' ? name.trim() : '';
    const author = { clientId, name: trimmed === '' ? null : trimmed.slice(0, 80) };
    if (announced?.size === 1) this.authors.set(peer, { author, state });
    return author;
  }

  /** Work from the other processes (scale-out mode): presence, and the stored updates this copy lacks. */
  private async handleRemote(item: RemoteItem): Promise<void> {
    if (item.kind === 'remote-awareness') {
      // The other process let through only what its connections own; two processes can both let a
      // client id through before each hears of the other's, and then the connection here keeps it.
      const owned = filterAwarenessUpdate(item.update, (id) => (this.ownedHere(id) ? 'spoof' : 'own'));
      if (owned.dropped > 0) this.spoofDropped.inc(owned.dropped);
      if (owned.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, owned.update, REMOTE_ORIGIN);
      return;
    }
    const updates = await this.store.missingUpdates(item);
    if (this.state === 'ready' && updates.length > 0) this.applyRemote(updates);
  }

  /** Applies stored updates from elsewhere; what the document did not have yet goes to this process's peers. */
  private applyRemote(updates: Uint8Array[]): void {
    const integrated = this.integrated.during(() =>
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
      }, REMOTE_ORIGIN),
    );
    if (integrated.failure) throw integrated.failure.error;
    for (const update of integrated.updates) {
      this.docBytes += update.length;
      this.outbox.push({ broadcast: encodeUpdate(update), except: null });
    }
  }

  /** The board's links were replaced: connections that came with an older edit or read link are closed. */
  revokeLinks(generation: number): void {
    for (const peer of [...this.peers.keys()]) {
      if (peer.linkGeneration === null || peer.linkGeneration >= generation) continue;
      this.options.metrics.connectionsDropped.inc({ reason: 'link_revoked' });
      this.leave(peer);
      peer.close(CloseCode.LINK_REVOKED, 'link replaced');
    }
  }

  /** The awareness states this process's connections control, for another process that asks who is here. */
  ownAwareness(): Uint8Array | null {
    const ids = [...this.peers.values()].flatMap((controlled) => [...controlled]);
    if (ids.length === 0 || this.state === 'closed') return null;
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
  }

  /**
   * A connection sets or removes only the presence of client ids it owns: those first seen on it, and
   * free again once the connection that owned them is gone (a client that reconnects gets its id back
   * when its old connection closes). Never the server's own id. An entry for another's id that is
   * not newer than what the room holds is an echo (y-websocket relays what it receives), not a spoof.
   */
  private presenceRight(peer: Peer, clientId: number, clock: number): PresenceRight {
    const owned = clientId === this.awareness.clientID || this.ownedHere(clientId, peer) || this.ownedElsewhere.has(clientId);
    if (!owned) return 'own';
    return clock <= (this.awareness.meta.get(clientId)?.clock ?? -1) ? 'echo' : 'spoof';
  }

  /** Whether a connection to this process (other than `except`) controls the client id. */
  private ownedHere(clientId: number, except?: Peer): boolean {
    return [...this.peers].some(([other, ids]) => other !== except && ids.has(clientId));
  }

  private onAwarenessUpdate({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const controlled = this.peers.get(origin as Peer);
    if (controlled) {
      // presenceRight let through only ids this connection owns or nobody does: the new ones become its own.
      for (const id of [...added, ...updated]) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    } else if (origin === REMOTE_ORIGIN) {
      for (const id of [...added, ...updated]) this.ownedElsewhere.add(id);
    }
    // Gone, whoever removed it (its owner, another process, the expiry): the id is free again.
    for (const id of removed) this.ownedElsewhere.delete(id);
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.state === 'closed') return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.options.fanout.publish(this.name, encodeAwareness(update), controlled ? (origin as Peer).id : null);
    // Changes made here go to the other processes; not those relayed from them, nor expiries (every
    // process expires states itself), nor the removals of a shutdown: its clients reconnect to
    // another process with their presence unchanged, which a removal (a newer clock) would hide there.
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout' && !this.shuttingDown) this.store.publishAwareness(update);
  }

  /** Stores the pending updates, then sends what waited for them. */
  private async flush(): Promise<void> {
    const { metrics, compactEveryUpdates, history } = this.options;
    let writes: PendingWrite[] = [];
    let stored: StoredAppend | null = null;
    let storedRecords: HistoryRecord[] = [];
    if (this.writes.length > 0) {
      writes = this.writes;
      this.writes = [];
      const merged = writes.length === 1 ? writes[0]!.update : mergeUpdates(writes.map((write) => write.update));
      const records = historyRecords(writes, merged);
      const writeStarted = performance.now();
      try {
        stored = await this.store.append(merged, records);
        metrics.storageWrite.observe('append', (performance.now() - writeStarted) / 1000);
      } catch (error) {
        metrics.storageErrors.inc({ operation: 'append' });
        this.options.rlog.error('store_failed', { room: this.name, ...errorFields(error) }, 'cannot store an update; closing the room');
        // Nobody received the unstored updates; clients resend them when they reconnect.
        this.destroy(CloseCode.INTERNAL_ERROR, 'cannot save the board');
        return;
      }
      metrics.updatesStored.inc(writes.length);
      observeSince(metrics.updateRelay, 'stored', writes);
      storedRecords = records;
      this.updatesSinceCompact += 1;
      this.bytesSinceCompact += merged.length;
    }
    const outbox = this.outbox;
    this.outbox = [];
    for (const out of outbox) {
      if ('to' in out) {
        if (this.peers.has(out.to)) out.to.send(out.message);
      } else {
        this.options.fanout.publish(this.name, out.broadcast, out.except);
      }
    }
    observeSince(metrics.updateRelay, 'broadcast', writes);
    // After the relays, before anything else is applied: the document holds what was just stored, a snapshot the history may take.
    if (stored) history?.noteStored(this.name, storedRecords.length, { span: stored.span, authors: storedRecords, doc: stored.exact ? this.doc : null });
    if (this.updatesSinceCompact >= compactEveryUpdates || this.bytesSinceCompact >= Math.max(this.lastStateBytes, 1024 * 1024)) await this.compact();
  }

  private async compact(): Promise<void> {
    const { metrics } = this.options;
    const state = Y.encodeStateAsUpdate(this.doc);
    const endWrite = metrics.storageWrite.startTimer('compact');
    try {
      if (await this.store.compact(state)) metrics.compactions.inc();
      endWrite();
      this.docBytes = state.length;
      this.lastStateBytes = state.length;
      this.updatesSinceCompact = 0;
      this.bytesSinceCompact = 0;
    } catch (error) {
      // Not fatal: the updates are stored; compaction is tried again later.
      metrics.storageErrors.inc({ operation: 'compact' });
      this.options.rlog.error('compact_failed', { room: this.name, ...errorFields(error) }, 'cannot compact document');
    }
  }

  private async unload(): Promise<void> {
    if (this.updatesSinceCompact > 0) await this.compact();
    // Someone may have joined while the compaction was written.
    if (this.peers.size === 0 && this.queued === 0) {
      this.options.log.debug({ room: this.name }, 'document unloaded');
      this.options.history?.roomUnloaded(this.name);
      this.destroy(null, '');
      this.options.onUnloaded?.(this.docBytes);
    }
  }

  /** Frees the room; with a code, first closes every peer with it. */
  destroy(code: number | null, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const peers = [...this.peers.keys()];
    this.peers.clear();
    if (code !== null) for (const peer of peers) peer.close(code, reason);
    this.queue = [];
    this.queueHead = 0;
    this.writes = [];
    this.outbox = [];
    this.options.fanout.unsubscribe(this.name, this.onFanout);
    this.store.close();
    this.awareness.destroy();
    this.doc.destroy();
    this.onDestroy(this);
    this.resolveClosed();
  }

  /** Closes every peer (server shutting down) and resolves once the document is stored and freed. */
  async shutdown(code: number, reason: string): Promise<void> {
    this.shuttingDown = true;
    for (const peer of [...this.peers.keys()]) {
      this.leave(peer);
      peer.close(code, reason);
    }
    if (this.state !== 'closed' && this.peers.size === 0) this.unloadIdle();
    await this.closed;
  }

  private refuse(peer: Peer, code: number, reason: string, metric: MessageRefusal): void {
    this.options.metrics.refuseMessage(metric);
    this.leave(peer);
    peer.close(code, reason);
  }
}

/** One history record per run of consecutive writes by the same author (one for the whole batch, usually: then `merged` is its update). */
function historyRecords(writes: PendingWrite[], merged: Uint8Array): HistoryRecord[] {
  const at = Date.now();
  const first = writes[0]!.author;
  let oneAuthor = true;
  for (let i = 1; i < writes.length && oneAuthor; i++) oneAuthor = writes[i]!.author.clientId === first.clientId;
  if (oneAuthor) return [{ clientId: first.clientId, name: first.name, at, update: merged }];
  const runs: Array<{ author: HistoryAuthor; updates: Uint8Array[] }> = [];
  for (const { update, author } of writes) {
    const last = runs.at(-1);
    if (last && last.author.clientId === author.clientId) last.updates.push(update);
    else runs.push({ author, updates: [update] });
  }
  return runs.map(({ author, updates }) => ({ clientId: author.clientId, name: author.name, at, update: mergeUpdates(updates) }));
}

/** Every loaded room of this process. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private closing = false;
  private readonly stores: RoomStores;

  private readonly spoofDropped: Counter;

  constructor(private readonly options: RoomsOptions) {
    this.spoofDropped = options.metrics.counter('mldb_awareness_spoof_dropped_total', "Awareness entries dropped because they set or removed another connection's client id");
    this.stores = options.cluster ? new ClusterRoomStores(options.cluster, options.metrics, options.log) : new SingleProcessRoomStores(options.storage);
  }

  join(name: string, peer: Peer): RoomConnection {
    if (this.closing) throw new Error('server is shutting down');
    const room = this.roomFor(name);
    room.add(peer);
    return {
      receive: (data) => room.receive(peer, data),
      leave: () => room.leave(peer),
      audience: () => Math.max(0, room.peers.size - 1),
      asksForContent: (stateVector) => lacksContent(Y.decodeStateVector(stateVector), Y.decodeStateVector(Y.encodeStateVector(room.doc))),
    };
  }

  /** Number of rooms with a document in memory. */
  get loaded(): number {
    return this.rooms.size;
  }

  get connections(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.peers.size;
    return count;
  }

  connectionCount(name: string): number {
    return this.rooms.get(name)?.peers.size ?? 0;
  }

  isLoaded(name: string): boolean {
    return this.rooms.has(name);
  }

  /** Encoded bytes of the documents in memory (what MAX_LOADED_BYTES bounds). */
  get loadedBytes(): number {
    let bytes = 0;
    for (const room of this.rooms.values()) bytes += room.bytes;
    return bytes;
  }

  /**
   * Whether a connection to this room may load it now under the memory budget (always, when it is
   * loaded). With `makeWay`, idle boards that stand in the way are unloaded (they free their memory
   * once their last writes are stored).
   */
  mayLoad(name: string, makeWay: boolean): boolean {
    const budget = this.options.maxLoadedBytes;
    if (budget === undefined || this.rooms.get(name)?.state !== undefined) return true;
    const { admit, unload } = decideLoad(this.rooms.values(), budget);
    if (makeWay) for (const room of unload) room.unloadIdle();
    return admit;
  }

  /** The stored document state (from memory when the room is loaded, with everything received stored first). */
  async readState(name: string): Promise<Uint8Array | null> {
    const room = this.rooms.get(name);
    if (room && room.state !== 'closed') {
      const state = await Promise.race([room.snapshot(), room.closed.then(() => null)]);
      if (state) return state;
    }
    return this.options.storage.loadDocument(name);
  }

  /**
   * Stores the first state of a room nobody has opened yet (the server's own write when it creates
   * a board); refused once the room exists in memory, where it would bypass the room's order.
   */
  async storeInitialState(name: string, update: Uint8Array): Promise<void> {
    if (this.rooms.has(name)) throw new Error(`room ${name} is already open`);
    await this.options.storage.appendUpdate(name, update);
  }

  /**
   * The board's edit and read links were replaced (generation is the new one): closes this process's
   * connections that came with an older link, and tells the other processes to do the same.
   */
  revokeLinks(boardId: string, generation: number): void {
    for (const name of [roomName(boardId, 'board'), roomName(boardId, 'control')]) {
      const room = this.rooms.get(name);
      if (room && room.state !== 'closed') room.revokeLinks(generation);
      this.options.cluster?.fanout.publishLinksRevoked(name, generation);
    }
  }

  /** Closes every connection, stores and frees every document. */
  async close(code: number, reason: string): Promise<void> {
    this.closing = true;
    this.stores.close();
    await Promise.all([...this.rooms.values()].map((room) => room.shutdown(code, reason)));
  }

  private roomFor(name: string): Room {
    let room = this.rooms.get(name);
    if (!room || room.state === 'closed') {
      room = new Room(
        name,
        this.options,
        this.stores,
        (destroyed) => {
          if (this.rooms.get(name) === destroyed) this.rooms.delete(name);
        },
        this.spoofDropped,
      );
      this.rooms.set(name, room);
    }
    return room;
  }
}
