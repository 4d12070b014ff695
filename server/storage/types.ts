/**
 * Where documents live between sessions. A document is stored as a list of Yjs updates that
 * `compact` replaces by one merged state. Implementations: leveldb.ts (default, one process) and
 * postgres.ts (a SharedStorage, for several processes in scale-out mode).
 *
 * Guarantees the server relies on:
 * - appendUpdate resolves only once the update is written (it survives the process being killed);
 *   it rejects if it was not.
 * - operations on one document take effect in the order they were called.
 * - loadDocument after a crash at any point of compact returns the full document (the merged state is
 *   written before the updates it replaces are removed; applying an update twice is harmless in Yjs).
 */
import type { HistoryRecord, HistoryStore, StoredSpan } from '../history/types';
import type { LinkGenerations } from './linkGenerations';

export interface DocumentStorage {
  readonly backend: string;
  /** Every stored update with its time and author, and snapshots (server/history/). */
  readonly history: HistoryStore;
  /** Each board's link generation: replacing the links raises it (linkGenerations.ts). */
  readonly links: LinkGenerations;
  /** The merged state of every stored update, or null when nothing is stored under this name. */
  loadDocument(name: string): Promise<Uint8Array | null>;
  /**
   * Resolves once the update is stored, and with it, in the same write, its history entries: `records`
   * (one per author, their updates together equal to `update`), or one entry by the server (client id 0)
   * when none are given; with the numbers and time those entries took (a SharedStorage's `seq` is the
   * update's sequence number).
   */
  appendUpdate(name: string, update: Uint8Array, records?: HistoryRecord[]): Promise<StoredSpan>;
  /** Replaces every stored update of the document by `state`, which must contain all of them. */
  compact(name: string, state: Uint8Array): Promise<void>;
  /** Bytes stored for the document (all its updates). */
  storedSize(name: string): Promise<number>;
  /** Number of stored updates of the document (1 right after a compaction). */
  updateCount(name: string): Promise<number>;
  /** The document left memory: what the storage keeps of it in memory goes too (read again from storage when needed). */
  forgetDocument?(name: string): void;
  status(): StorageStatus;
  close(): Promise<void>;
}

export interface StorageStatus {
  ok: boolean;
  backend: string;
  /** The last failure, cleared by the next operation that succeeds. */
  error?: string;
}

/** A stored update and its number in its document's sequence. */
export interface SequencedUpdate {
  seq: number;
  update: Uint8Array;
}

/**
 * Storage that several server processes share. Every stored update gets the next number of its
 * document's sequence (1, 2, 3, ...), and numbers become visible in order, never with a gap: a
 * process whose copy holds updates 1..n lacks exactly those after n, whoever stored them.
 */
export interface SharedStorage extends DocumentStorage {
  /**
   * The stored updates numbered after `seq`, in order. Where a compaction replaced some of them,
   * its merged state comes first, numbered with the last update it holds.
   */
  updatesAfter(name: string, seq: number): Promise<SequencedUpdate[]>;
  /**
   * Replaces the updates numbered up to `seq` by `state`, which must contain all of them (it may
   * contain more). Resolves false, doing nothing, while another process compacts the document.
   */
  compactThrough(name: string, state: Uint8Array, seq: number): Promise<boolean>;
  /** The number of the newest stored update of each document (0 when none). */
  lastSeqs(names: string[]): Promise<Map<string, number>>;
}

export class StorageError extends Error {}
