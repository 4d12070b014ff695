/**
 * A room's storage and its fan-out beyond this process, behind one interface, so that rooms.ts
 * holds the protocol and the order of work and nothing that depends on the mode:
 * - single.ts: one process; the document is stored in a DocumentStorage (LevelDB by default).
 * - cluster.ts: scale-out mode; several processes hold rooms of the same boards, share a
 *   SharedStorage (PostgreSQL) and pass stored updates and presence through a ClusterFanout (Redis).
 *
 * Broadcasts between the connections of one room in this process go through the room's local
 * Fanout (fanout/local.ts) in both modes.
 */

import type { HistoryRecord, StoredSpan } from '../history/types';

/** Why a room fetched updates from storage (label `reason` of mldb_fanout_catchups_total). */
export type CatchUpReason = 'gap' | 'resync' | 'check';

/** Work that comes from the other processes, handled by the room in order with its own messages. */
export type RemoteItem = { kind: 'remote-update'; seq: number; update: Uint8Array } | { kind: 'remote-awareness'; update: Uint8Array } | { kind: 'catch-up'; reason: CatchUpReason };

/** What a store needs from its room. */
export interface RoomStoreHost {
  /** True once the document is loaded and until the room closes. */
  readonly ready: boolean;
  /** Queues work from the other processes behind what the room already has to do. */
  enqueue(item: RemoteItem): void;
  /** The awareness update of the states this process's connections control, or null when there are none. */
  ownAwareness(): Uint8Array | null;
  /** Another process replaced the board's links: close the connections that came with older ones. */
  revokeLinks(generation: number): void;
}

export interface LoadedDocument {
  /** The merged stored state, or null when nothing is stored under the room's name. */
  state: Uint8Array | null;
  /** Bytes stored for the document: an upper bound of its encoded size. */
  storedBytes: number;
  /** Stored updates beyond one merged state, which a compaction will fold in. */
  uncompactedUpdates: number;
}

/** A stored update of the room: its entries' numbers, and whether the document now holds exactly the entries through them. */
export interface StoredAppend {
  span: StoredSpan;
  /** False while this copy lacks an earlier update of another process (scale-out mode). */
  exact: boolean;
}

/** One room's document in storage and in the other processes. */
export interface RoomStore {
  load(): Promise<LoadedDocument>;
  /**
   * Resolves once the update is durable, with its history records (DocumentStorage.appendUpdate);
   * then the other processes holding the room receive it.
   */
  append(update: Uint8Array, records: HistoryRecord[]): Promise<StoredAppend>;
  /** Replaces the stored updates by `state`; false when nothing was done (another process compacts). */
  compact(state: Uint8Array): Promise<boolean>;
  /**
   * For a remote update or a catch-up the store queued: the stored updates from elsewhere that the
   * document lacks, in storage order (empty when it has them already). They count as applied.
   */
  missingUpdates(item: Extract<RemoteItem, { kind: 'remote-update' | 'catch-up' }>): Promise<Uint8Array[]>;
  /** An awareness change made by this process's connections, for the other processes. */
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

/** Opens the store of each room of this process. */
export interface RoomStores {
  open(name: string, host: RoomStoreHost): RoomStore;
  /** Stops what the stores do on their own (the cluster's periodic check). */
  close(): void;
}
