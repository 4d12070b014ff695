import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../src/shared/closeCodes';
import { AppliedSequence } from './fanout/sequence';
import type { ClusterFanout, ClusterListener, Fanout, FanoutListener } from './fanout/types';
import type { RateLimitedLog } from './limits';
import type { Logger } from './log';
import type { Counter, MessageRefusal, Metrics } from './metrics';
import { ProtocolError, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyUpdate, parseMessage } from './protocol';
import type { DocumentStorage, SharedStorage } from './storage/types';

/** One client connection as rooms see it (transport.ts wraps a WebSocket into this). */
export interface Peer {
  readonly id: string;
  /** False for read-only connections: their document updates are dropped (awareness is relayed). */
  readonly canWrite: boolean;
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
  /** Messages held for a room (while it loads or stores) beyond which senders are told to retry later. */
  maxQueuedBytes?: number;
  /** Scale-out mode: several processes hold rooms of the same boards. */
  cluster?: ClusterOptions;
}

export interface ClusterOptions {
  /** The storage every process uses (the same object as `storage`). */
  storage: SharedStorage;
  /** Stored updates and presence to and from the other processes. */
  fanout: ClusterFanout;
  /** How often every loaded room is compared with storage, to fetch updates whose message was lost. */
  catchUpIntervalMs: number;
}

/** Why a room fetched updates from storage (label `reason` of mldb_fanout_catchups_total). */
type CatchUpReason = 'gap' | 'resync' | 'check';

export interface RoomConnection {
  /** A message from the peer: handled in arrival order, after the document has loaded. */
  receive(data: Uint8Array): void;
  /** The peer is gone: its awareness states are removed; the last one out unloads the document. */
  leave(): void;
}

type Item =
  | { kind: 'join'; peer: Peer }
  | { kind: 'message'; peer: Peer; data: Uint8Array }
  | { kind: 'snapshot'; resolve: (state: Uint8Array) => void }
  | { kind: 'unload' }
  // Scale-out mode: from the other processes, in the order received.
  | { kind: 'remote-update'; seq: number; update: Uint8Array }
  | { kind: 'remote-awareness'; update: Uint8Array }
  | { kind: 'catch-up'; reason: CatchUpReason };

type Outgoing = { to: Peer; message: Uint8Array } | { broadcast: Uint8Array; except: string | null };

const LOAD_ORIGIN = Symbol('load');
/** Origin of what comes from the other processes: applied and relayed here, never stored or published again. */
const REMOTE_ORIGIN = Symbol('remote');
/** Flush to storage at least every this many updates, even when more messages are waiting. */
const MAX_BATCH = 256;

class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Peers and the awareness client ids each one controls. */
  readonly peers = new Map<Peer, Set<number>>();
  state: 'loading' | 'ready' | 'closed' = 'loading';
  /** Resolves when the room is destroyed (unloaded, failed or shut down). */
  readonly closed: Promise<void>;

  /** Items waiting to be handled: queue[queueHead] is next (a head index keeps taking O(1)). */
  private queue: Item[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private pumping = false;
  /** Updates applied to the document but not stored yet, and the messages waiting for them. */
  private writes: Uint8Array[] = [];
  private outbox: Outgoing[] = [];
  private captured: Uint8Array[] | null = null;
  /** An upper bound of the document's encoded size (exact after a measure). */
  private docBytes = 0;
  private updatesSinceCompact = 0;
  private bytesSinceCompact = 0;
  private lastStateBytes = 0;
  private resolveClosed!: () => void;
  private readonly loaded: Promise<void>;
  private readonly onFanout: FanoutListener;
  /** Scale-out mode: the stored updates the document holds, and the subscription to the other processes. */
  private readonly applied = new AppliedSequence();
  private readonly onCluster: ClusterListener | null = null;
  private catchUpQueued = false;
  private shuttingDown = false;

  constructor(
    readonly name: string,
    private readonly options: RoomsOptions,
    private readonly onDestroy: (room: Room) => void,
    private readonly catchUps: Counter | null = null,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array) => this.captured?.push(update));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwarenessUpdate(changes, origin));
    this.onFanout = (message, except) => {
      for (const peer of this.peers.keys()) if (peer.id !== except) peer.send(message);
    };
    options.fanout.subscribe(name, this.onFanout);
    this.loaded = this.load();
    if (options.cluster) {
      this.onCluster = {
        update: (seq, update) => this.enqueue({ kind: 'remote-update', seq, update }),
        awareness: (update) => this.enqueue({ kind: 'remote-awareness', update }),
        awarenessWanted: () => this.publishOwnAwareness(),
        resync: () => this.requestCatchUp('resync'),
      };
      // What is stored after the load's read arrives here, or through the resync once Redis confirms
      // the subscription; both wait in the queue until the load is done.
      options.cluster.fanout.subscribe(name, this.onCluster);
    }
  }

  /** Scale-out mode: `seq` is the newest stored update; fetches what this copy lacks. */
  noteStoredSeq(seq: number): void {
    if (seq > this.applied.contiguous) this.requestCatchUp('check');
  }

  add(peer: Peer): void {
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
    this.enqueue({ kind: 'message', peer, data });
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    if (!controlled) return;
    this.peers.delete(peer);
    if (controlled.size > 0 && this.state !== 'closed') awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.peers.size === 0) this.enqueue({ kind: 'unload' });
  }

  /** The document state once everything received before this call is stored. */
  snapshot(): Promise<Uint8Array> {
    return new Promise((resolve) => this.enqueue({ kind: 'snapshot', resolve }));
  }

  private enqueue(item: Item): void {
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
    const { storage, log, metrics, cluster } = this.options;
    try {
      let state: Uint8Array | null;
      if (cluster) {
        const stored = await cluster.storage.updatesAfter(this.name, 0);
        state = stored.length === 0 ? null : stored.length === 1 ? stored[0]!.update : Y.mergeUpdates(stored.map((u) => u.update));
        this.applied.addThrough(stored.at(-1)?.seq ?? 0);
        this.docBytes = stored.reduce((bytes, u) => bytes + u.update.length, 0);
        // Rows beyond one snapshot are uncompacted updates, whoever stored them: the room compacts them in its time.
        this.updatesSinceCompact = Math.max(0, stored.length - 1);
      } else {
        state = await storage.loadDocument(this.name);
      }
      if (state) {
        Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
        this.lastStateBytes = state.length;
        if (this.dropPending()) log.warn({ room: this.name }, 'stored document had updates that cannot be integrated; ignored');
      }
      if (!cluster) this.docBytes = await storage.storedSize(this.name);
      this.state = 'ready';
    } catch (error) {
      metrics.storageErrors.inc({ operation: 'load' });
      log.error({ room: this.name, err: error }, 'cannot load document');
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
      this.options.log.error({ room: this.name, err: error }, 'room failed');
      this.destroy(CloseCode.INTERNAL_ERROR, 'server error');
    } finally {
      this.pumping = false;
    }
  }

  private handle(item: { kind: 'join'; peer: Peer } | { kind: 'message'; peer: Peer; data: Uint8Array }): void {
    const { peer } = item;
    if (item.kind === 'join') {
      this.outbox.push({ to: peer, message: encodeSyncStep1(this.doc) });
      const states = this.awareness.getStates();
      if (states.size > 0) this.outbox.push({ to: peer, message: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])) });
      return;
    }
    try {
      const message = parseMessage(item.data);
      switch (message.type) {
        case 'sync-step1':
          this.outbox.push({ to: peer, message: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)) });
          break;
        case 'sync-update':
          this.applyClientUpdate(peer, message.update);
          break;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, peer);
          break;
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
      } else {
        this.options.log.error({ room: this.name, peer: peer.id, err: error }, 'error handling a message');
        this.refuse(peer, CloseCode.INTERNAL_ERROR, 'server error', 'malformed');
      }
    }
  }

  /**
   * Validates and applies one update from a peer. What the document integrated (the `update` event's
   * payload, not the raw message) is queued for storage, then broadcast.
   */
  private applyClientUpdate(peer: Peer, update: Uint8Array): void {
    const { metrics, rlog, maxDocumentBytes } = this.options;
    if (!peer.canWrite) {
      if (!isEmptyUpdate(update)) metrics.refuseMessage('read_only');
      return;
    }
    if (this.docBytes + update.length > maxDocumentBytes) {
      // The estimate says the cap is near: measure the document, once per refusal at most.
      this.docBytes = Y.encodeStateAsUpdate(this.doc).length;
      if (this.docBytes + update.length > maxDocumentBytes) {
        rlog.warn('document_too_large', { room: this.name, peer: peer.id, bytes: this.docBytes }, 'document size cap reached; update refused');
        this.refuse(peer, CloseCode.DOCUMENT_TOO_LARGE, `board size limit (${maxDocumentBytes} bytes) reached`, 'too_large_document');
        return;
      }
    }
    let meta: { from: Map<number, number> };
    try {
      meta = Y.parseUpdateMeta(update);
    } catch (error) {
      throw new ProtocolError(`malformed update: ${(error as Error).message}`);
    }
    for (const [client, clock] of meta.from) {
      if (clock > Y.getState(this.doc.store, client)) {
        rlog.warn('out_of_sync', { room: this.name, peer: peer.id, client, clock }, 'update starts past the server state; refused');
        this.refuse(peer, CloseCode.OUT_OF_SYNC, 'update refers to missing data', 'out_of_sync');
        return;
      }
    }
    const captured: Uint8Array[] = [];
    this.captured = captured;
    let failure: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      failure = error;
    } finally {
      this.captured = null;
    }
    // Whatever could not be integrated is refused, never kept waiting for data that may never come.
    const pending = this.dropPending();
    for (const integrated of captured) {
      this.writes.push(integrated);
      this.docBytes += integrated.length;
      this.outbox.push({ broadcast: encodeUpdate(integrated), except: peer.id });
    }
    if (failure !== null) {
      throw new ProtocolError(`update could not be applied: ${(failure as Error)?.message ?? String(failure)}`);
    } else if (pending) {
      rlog.warn('out_of_sync', { room: this.name, peer: peer.id }, 'update depends on missing data; refused');
      this.refuse(peer, CloseCode.OUT_OF_SYNC, 'update refers to missing data', 'out_of_sync');
    }
  }

  /**
   * Scale-out mode. A stored update from another process is applied when it is the next one this
   * copy lacks, skipped when the copy has it already (a catch-up fetched it), and after a gap
   * (a lost message) the copy catches up from storage instead, in order.
   */
  private async handleRemote(item: Extract<Item, { kind: 'remote-update' | 'remote-awareness' | 'catch-up' }>): Promise<void> {
    if (item.kind === 'remote-awareness') {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, item.update, REMOTE_ORIGIN);
    } else if (item.kind === 'catch-up') {
      this.catchUpQueued = false;
      await this.catchUp(item.reason);
    } else if (this.applied.has(item.seq)) {
      return;
    } else if (item.seq === this.applied.next) {
      this.applyRemote([item.update]);
      this.applied.add(item.seq);
    } else {
      await this.catchUp('gap');
    }
  }

  private requestCatchUp(reason: CatchUpReason): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    this.enqueue({ kind: 'catch-up', reason });
  }

  /** Fetches and applies every stored update after those this copy holds. A failure waits for the next check. */
  private async catchUp(reason: CatchUpReason): Promise<void> {
    const { cluster, metrics, log } = this.options;
    this.catchUps?.inc({ reason });
    let stored;
    try {
      stored = await cluster!.storage.updatesAfter(this.name, this.applied.contiguous);
    } catch (error) {
      metrics.storageErrors.inc({ operation: 'catch_up' });
      log.error({ room: this.name, err: error }, 'cannot fetch missed updates; trying again at the next check');
      return;
    }
    if (this.state !== 'ready' || stored.length === 0) return;
    this.applyRemote(stored.map((u) => u.update));
    this.applied.addThrough(stored.at(-1)!.seq);
  }

  /** Applies stored updates from elsewhere; what the document did not have yet goes to this process's peers. */
  private applyRemote(updates: Uint8Array[]): void {
    const captured: Uint8Array[] = [];
    this.captured = captured;
    try {
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
      }, REMOTE_ORIGIN);
    } finally {
      this.captured = null;
    }
    for (const integrated of captured) {
      this.docBytes += integrated.length;
      this.outbox.push({ broadcast: encodeUpdate(integrated), except: null });
    }
  }

  /** Another process asks who is here: the awareness states this process's connections control. */
  private publishOwnAwareness(): void {
    const ids = [...this.peers.values()].flatMap((controlled) => [...controlled]);
    if (ids.length === 0 || this.state === 'closed') return;
    this.options.cluster!.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Clears the document's pending structs and deletions; returns whether there were any. */
  private dropPending(): boolean {
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return false;
    store.pendingStructs = null;
    store.pendingDs = null;
    return true;
  }

  private onAwarenessUpdate({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const controlled = this.peers.get(origin as Peer);
    if (controlled) {
      // An id belongs to the connection that last announced it: a client that reconnected keeps
      // its presence when its old connection is finally dropped.
      for (const id of [...added, ...updated]) {
        if (controlled.has(id)) continue;
        for (const [other, ids] of this.peers) if (other !== origin) ids.delete(id);
        controlled.add(id);
      }
      for (const id of removed) controlled.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.state === 'closed') return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.options.fanout.publish(this.name, encodeAwareness(update), controlled ? (origin as Peer).id : null);
    // Changes made here go to the other processes; not those relayed from them, nor expiries (every
    // process expires states itself), nor the removals of a shutdown: its clients reconnect to
    // another process with their presence unchanged, which a removal (a newer clock) would hide there.
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout' && !this.shuttingDown) this.options.cluster?.fanout.publishAwareness(this.name, update);
  }

  /** Stores the pending updates, then sends what waited for them. */
  private async flush(): Promise<void> {
    const { storage, metrics, log, compactEveryUpdates, cluster } = this.options;
    if (this.writes.length > 0) {
      const writes = this.writes;
      this.writes = [];
      const merged = writes.length === 1 ? writes[0]! : Y.mergeUpdates(writes);
      try {
        if (cluster) {
          const seq = await cluster.storage.appendUpdate(this.name, merged);
          this.applied.add(seq);
          cluster.fanout.publishUpdate(this.name, seq, merged);
        } else {
          await storage.appendUpdate(this.name, merged);
        }
      } catch (error) {
        metrics.storageErrors.inc({ operation: 'append' });
        log.error({ room: this.name, err: error }, 'cannot store an update; closing the room');
        // Nobody received the unstored updates; clients resend them when they reconnect.
        this.destroy(CloseCode.INTERNAL_ERROR, 'cannot save the board');
        return;
      }
      metrics.updatesStored.inc(undefined, writes.length);
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
    if (this.updatesSinceCompact >= compactEveryUpdates || this.bytesSinceCompact >= Math.max(this.lastStateBytes, 1024 * 1024)) await this.compact();
  }

  private async compact(): Promise<void> {
    const { storage, metrics, log, cluster } = this.options;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      // Scale-out mode: through the updates this copy surely holds; false while another process compacts.
      if (cluster) {
        if (await cluster.storage.compactThrough(this.name, state, this.applied.contiguous)) metrics.compactions.inc();
      } else {
        await storage.compact(this.name, state);
        metrics.compactions.inc();
      }
      this.docBytes = state.length;
      this.lastStateBytes = state.length;
      this.updatesSinceCompact = 0;
      this.bytesSinceCompact = 0;
    } catch (error) {
      // Not fatal: the updates are stored; compaction is tried again later.
      metrics.storageErrors.inc({ operation: 'compact' });
      log.error({ room: this.name, err: error }, 'cannot compact document');
    }
  }

  private async unload(): Promise<void> {
    if (this.updatesSinceCompact > 0) await this.compact();
    // Someone may have joined while the compaction was written.
    if (this.peers.size === 0 && this.queued === 0) {
      this.options.log.debug({ room: this.name }, 'document unloaded');
      this.destroy(null, '');
    }
  }

  /** Frees the room; with a code, first closes every peer with it. */
  destroy(code: number | null, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    const peers = [...this.peers.keys()];
    this.peers.clear();
    if (code !== null) for (const peer of peers) peer.close(code, reason);
    this.queue = [];
    this.queueHead = 0;
    this.writes = [];
    this.outbox = [];
    this.options.fanout.unsubscribe(this.name, this.onFanout);
    if (this.onCluster) this.options.cluster!.fanout.unsubscribe(this.name, this.onCluster);
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
    if (this.state !== 'closed' && this.peers.size === 0) this.enqueue({ kind: 'unload' });
    await this.closed;
  }

  private refuse(peer: Peer, code: number, reason: string, metric: MessageRefusal): void {
    this.options.metrics.refuseMessage(metric);
    this.leave(peer);
    peer.close(code, reason);
  }
}

/** Every loaded room of this process. */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private closing = false;
  private readonly catchUps: Counter | null = null;
  private readonly checkTimer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly options: RoomsOptions) {
    if (options.cluster) {
      this.catchUps = options.metrics.counter('mldb_fanout_catchups_total', 'Fetches of missed updates from storage, by reason (gap: a sequence number was skipped; resync: subscribed or reconnected; check: periodic comparison)');
      this.checkTimer = setInterval(() => void this.checkStoredSeqs(options.cluster!.storage), options.cluster.catchUpIntervalMs);
      this.checkTimer.unref();
    }
  }

  join(name: string, peer: Peer): RoomConnection {
    if (this.closing) throw new Error('server is shutting down');
    const room = this.roomFor(name);
    room.add(peer);
    return {
      receive: (data) => room.receive(peer, data),
      leave: () => room.leave(peer),
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

  /** The stored document state (from memory when the room is loaded, with everything received stored first). */
  async readState(name: string): Promise<Uint8Array | null> {
    const room = this.rooms.get(name);
    if (room && room.state !== 'closed') {
      const state = await Promise.race([room.snapshot(), room.closed.then(() => null)]);
      if (state) return state;
    }
    return this.options.storage.loadDocument(name);
  }

  /** Closes every connection, stores and frees every document. */
  async close(code: number, reason: string): Promise<void> {
    this.closing = true;
    if (this.checkTimer) clearInterval(this.checkTimer);
    await Promise.all([...this.rooms.values()].map((room) => room.shutdown(code, reason)));
  }

  /**
   * Scale-out mode: compares every loaded room with the newest stored update, so an update whose
   * message was lost (with no later one to reveal the gap) still arrives within an interval.
   */
  private async checkStoredSeqs(storage: SharedStorage): Promise<void> {
    const ready = [...this.rooms.values()].filter((room) => room.state === 'ready');
    if (this.checking || ready.length === 0) return;
    this.checking = true;
    try {
      const seqs = await storage.lastSeqs(ready.map((room) => room.name));
      for (const room of ready) room.noteStoredSeq(seqs.get(room.name) ?? 0);
    } catch (error) {
      this.options.log.warn({ err: error }, 'cannot compare loaded boards with storage');
    } finally {
      this.checking = false;
    }
  }

  private roomFor(name: string): Room {
    let room = this.rooms.get(name);
    if (!room || room.state === 'closed') {
      room = new Room(
        name,
        this.options,
        (destroyed) => {
          if (this.rooms.get(name) === destroyed) this.rooms.delete(name);
        },
        this.catchUps,
      );
      this.rooms.set(name, room);
    }
    return room;
  }
}
