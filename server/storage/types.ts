/**
 * Where documents live between sessions. A document is stored as a list of Yjs updates that
 * `compact` replaces by one merged state. Implementations: leveldb.ts (default). A PostgreSQL
 * backend would be another file implementing the same interface (one table of
 * (name, seq, update) rows; compact = insert the state and delete the older rows in one transaction).
 *
 * Guarantees the server relies on:
 * - appendUpdate resolves only once the update is written (it survives the process being killed);
 *   it rejects if it was not.
 * - operations on one document take effect in the order they were called.
 * - loadDocument after a crash at any point of compact returns the full document (the merged state is
 *   written before the updates it replaces are removed; applying an update twice is harmless in Yjs).
 */
export interface DocumentStorage {
  readonly backend: string;
  /** The merged state of every stored update, or null when nothing is stored under this name. */
  loadDocument(name: string): Promise<Uint8Array | null>;
  appendUpdate(name: string, update: Uint8Array): Promise<void>;
  /** Replaces every stored update of the document by `state`, which must contain all of them. */
  compact(name: string, state: Uint8Array): Promise<void>;
  /** Bytes stored for the document (all its updates). */
  storedSize(name: string): Promise<number>;
  /** Number of stored updates of the document (1 right after a compaction). */
  updateCount(name: string): Promise<number>;
  status(): StorageStatus;
  close(): Promise<void>;
}

export interface StorageStatus {
  ok: boolean;
  backend: string;
  /** The last failure, cleared by the next operation that succeeds. */
  error?: string;
}

export class StorageError extends Error {}
