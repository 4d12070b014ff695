import { AppliedSequence } from '../fanout/sequence';
import type { ClusterFanout, ClusterListener } from '../fanout/types';
import type { HistoryRecord } from '../history/types';
import { errorFields } from '../limits';
import type { Logger } from '../log';
import type { Counter, Metrics } from '../metrics';
import type { SharedStorage } from '../storage/types';
import { mergeUpdates } from '../yjsInternals';
import type { CatchUpReason, LoadedDocument, RemoteItem, RoomStore, RoomStoreHost, RoomStores, StoredAppend } from './types';

export interface ClusterOptions {
  /** The storage every process uses (the same object as the rooms' `storage`). */
  storage: SharedStorage;
  /** Stored updates and presence to and from the other processes. */
  fanout: ClusterFanout;
  /** How often every loaded room is compared with storage, to fetch updates whose message was lost. */
  catchUpIntervalMs: number;
}

/**
 * Scale-out mode: several processes hold rooms of the same boards. Every update is stored in the
 * shared storage, where it gets the next number of its document's sequence, before it is published
 * to the other processes; each copy applies the stored updates in that order and fetches from storage
 * whatever it missed.
 */
export class ClusterRoomStores implements RoomStores {
  private readonly stores = new Set<ClusterRoomStore>();
  private readonly catchUps: Counter;
  private readonly checkTimer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly cluster: ClusterOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    this.catchUps = metrics.counter(
      'mldb_fanout_catchups_total',
      'Fetches of missed updates from storage, by reason (gap: a sequence number was skipped; resync: subscribed or reconnected; check: periodic comparison)',
      ['reason'],
    );
    this.checkTimer = setInterval(() => void this.checkStoredSeqs(), cluster.catchUpIntervalMs);
    this.checkTimer.unref();
  }

  open(name: string, host: RoomStoreHost): RoomStore {
    const store = new ClusterRoomStore(name, host, this.cluster, this.metrics, this.log, this.catchUps, (closed) => this.stores.delete(closed));
    this.stores.add(store);
    return store;
  }

  close(): void {
    clearInterval(this.checkTimer);
  }

  /**
   * Compares every loaded room with the newest stored update, so an update whose message was lost
   * (with no later one to reveal the gap) still arrives within an interval.
   */
  private async checkStoredSeqs(): Promise<void> {
    const ready = [...this.stores].filter((store) => store.host.ready);
    if (this.checking || ready.length === 0) return;
    this.checking = true;
    try {
      const seqs = await this.cluster.storage.lastSeqs(ready.map((store) => store.name));
      for (const store of ready) store.noteStoredSeq(seqs.get(store.name) ?? 0);
    } catch (error) {
      this.log.warn(errorFields(error), 'cannot compare loaded boards with storage');
    } finally {
      this.checking = false;
    }
  }
}

class ClusterRoomStore implements RoomStore {
  /** The stored updates the document holds. */
  private readonly applied = new AppliedSequence();
  private readonly listener: ClusterListener;
  private catchUpQueued = false;

  constructor(
    readonly name: string,
    readonly host: RoomStoreHost,
    private readonly cluster: ClusterOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly catchUps: Counter,
    private readonly onClose: (store: ClusterRoomStore) => void,
  ) {
    this.listener = {
      update: (seq, update) => host.enqueue({ kind: 'remote-update', seq, update }),
      awareness: (update) => host.enqueue({ kind: 'remote-awareness', update }),
      awarenessWanted: () => {
        const update = host.ownAwareness();
        if (update) cluster.fanout.publishAwareness(name, update);
      },
      resync: () => this.requestCatchUp('resync'),
      linksRevoked: (generation) => host.revokeLinks(generation),
    };
  }

  async load(): Promise<LoadedDocument> {
    const read = this.cluster.storage.updatesAfter(this.name, 0);
    // What is stored after this read arrives through the subscription, or through the resync once
    // Redis confirms it; both wait in the room's queue until the load is done.
    this.cluster.fanout.subscribe(this.name, this.listener);
    const stored = await read;
    this.applied.addThrough(stored.at(-1)?.seq ?? 0);
    const state = stored.length === 0 ? null : mergeUpdates(stored.map((u) => u.update));
    // A board stored before history existed: what was loaded becomes its history's base.
    if (state) await this.cluster.storage.history.adopt(this.name, state, stored.at(-1)!.seq, Date.now());
    return {
      state,
      storedBytes: stored.reduce((bytes, u) => bytes + u.update.length, 0),
      // Rows beyond one snapshot are uncompacted updates, whoever stored them: the room compacts them in its time.
      uncompactedUpdates: Math.max(0, stored.length - 1),
    };
  }

  /** Exact when this copy held every update before this one: it holds those numbered up to it, and none after (those wait in the room's queue). */
  async append(update: Uint8Array, records: HistoryRecord[]): Promise<StoredAppend> {
    const span = await this.cluster.storage.appendUpdate(this.name, update, records);
    this.applied.add(span.seq);
    this.cluster.fanout.publishUpdate(this.name, span.seq, update);
    return { span, exact: this.applied.contiguous === span.seq };
  }

  /** Through the updates this copy surely holds; false while another process compacts. */
  compact(state: Uint8Array): Promise<boolean> {
    return this.cluster.storage.compactThrough(this.name, state, this.applied.contiguous);
  }

  /**
   * A stored update from another process is applied when it is the next one this copy lacks,
   * skipped when the copy has it already (a catch-up fetched it), and after a gap (a lost message)
   * the copy catches up from storage instead, in order.
   */
  async missingUpdates(item: Extract<RemoteItem, { kind: 'remote-update' | 'catch-up' }>): Promise<Uint8Array[]> {
    if (item.kind === 'catch-up') {
      this.catchUpQueued = false;
      return this.catchUp(item.reason);
    }
    if (this.applied.has(item.seq)) return [];
    if (item.seq === this.applied.next) {
      this.applied.add(item.seq);
      return [item.update];
    }
    return this.catchUp('gap');
  }

  publishAwareness(update: Uint8Array): void {
    this.cluster.fanout.publishAwareness(this.name, update);
  }

  /** `seq` is the newest stored update; fetches what this copy lacks. */
  noteStoredSeq(seq: number): void {
    if (seq > this.applied.contiguous) this.requestCatchUp('check');
  }

  close(): void {
    this.cluster.fanout.unsubscribe(this.name, this.listener);
    this.onClose(this);
  }

  private requestCatchUp(reason: CatchUpReason): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    this.host.enqueue({ kind: 'catch-up', reason });
  }

  /** Every stored update after those this copy holds. A failure waits for the next check. */
  private async catchUp(reason: CatchUpReason): Promise<Uint8Array[]> {
    this.catchUps.inc({ reason });
    let stored;
    try {
      stored = await this.cluster.storage.updatesAfter(this.name, this.applied.contiguous);
    } catch (error) {
      this.metrics.storageErrors.inc({ operation: 'catch_up' });
      this.log.error({ room: this.name, ...errorFields(error) }, 'cannot fetch missed updates; trying again at the next check');
      return [];
    }
    if (!this.host.ready || stored.length === 0) return [];
    this.applied.addThrough(stored.at(-1)!.seq);
    return stored.map((u) => u.update);
  }
}
