import type { HistoryRecord, HistoryStore, StoredSpan } from '../history/types';
import type { LinkGenerations } from './linkGenerations';
import type { DocumentStorage, StorageStatus } from './types';

/**
 * Adds latency to every load and write of another storage: a slow disk or a remote database
 * (STORAGE_DELAY_MS, for tests and load experiments). Each call waits `delayMs` and then runs; calls
 * for one document run one after another in the order they were made (the order storage guarantees),
 * while calls for different documents wait side by side, as on a disk that serves several requests
 * at once.
 */
export class DelayedStorage implements DocumentStorage {
  readonly backend: string;
  readonly history: HistoryStore;
  readonly links: LinkGenerations;
  /** The last call of each document with calls waiting or running. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly inner: DocumentStorage,
    private readonly delayMs: number,
  ) {
    this.backend = `${inner.backend}+delay`;
    this.history = inner.history;
    this.links = inner.links;
  }

  private delayed<T>(name: string, f: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(name) ?? Promise.resolve()).then(() => new Promise((resolve) => setTimeout(resolve, this.delayMs))).then(f);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return result;
  }

  loadDocument(name: string): Promise<Uint8Array | null> {
    return this.delayed(name, () => this.inner.loadDocument(name));
  }

  appendUpdate(name: string, update: Uint8Array, records?: HistoryRecord[]): Promise<StoredSpan> {
    return this.delayed(name, () => this.inner.appendUpdate(name, update, records));
  }

  compact(name: string, state: Uint8Array): Promise<void> {
    return this.delayed(name, () => this.inner.compact(name, state));
  }

  storedSize(name: string): Promise<number> {
    return this.inner.storedSize(name);
  }

  /** After the document's waiting calls, without a delay of its own. */
  forgetDocument(name: string): void {
    void (this.tails.get(name) ?? Promise.resolve()).then(() => this.inner.forgetDocument?.(name));
  }

  updateCount(name: string): Promise<number> {
    return this.inner.updateCount(name);
  }

  status(): StorageStatus {
    return this.inner.status();
  }

  async close(): Promise<void> {
    await Promise.all(this.tails.values());
    await this.inner.close();
  }
}
