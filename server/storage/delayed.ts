import type { HistoryRecord, HistoryStore } from '../history/types';
import type { LinkGenerations } from './linkGenerations';
import type { DocumentStorage, StorageStatus } from './types';

/**
 * Adds latency to loads and writes of another storage: simulates a slow disk or a remote database
 * (STORAGE_DELAY_MS, for tests and load experiments). Order of operations is kept.
 */
export class DelayedStorage implements DocumentStorage {
  readonly backend: string;
  readonly history: HistoryStore;
  readonly links: LinkGenerations;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly inner: DocumentStorage,
    private readonly delayMs: number,
  ) {
    this.backend = `${inner.backend}+delay`;
    this.history = inner.history;
    this.links = inner.links;
  }

  private delayed<T>(f: () => Promise<T>): Promise<T> {
    const result = this.chain.then(() => new Promise((resolve) => setTimeout(resolve, this.delayMs))).then(f);
    this.chain = result.catch(() => undefined);
    return result;
  }

  loadDocument(name: string): Promise<Uint8Array | null> {
    return this.delayed(() => this.inner.loadDocument(name));
  }

  appendUpdate(name: string, update: Uint8Array, records?: HistoryRecord[]): Promise<number | void> {
    return this.delayed(() => this.inner.appendUpdate(name, update, records));
  }

  compact(name: string, state: Uint8Array): Promise<void> {
    return this.delayed(() => this.inner.compact(name, state));
  }

  storedSize(name: string): Promise<number> {
    return this.inner.storedSize(name);
  }

  updateCount(name: string): Promise<number> {
    return this.inner.updateCount(name);
  }

  status(): StorageStatus {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.chain.then(() => this.inner.close());
  }
}
