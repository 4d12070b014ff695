import * as Y from 'yjs';
import type { DocumentStorage, StorageStatus } from '../storage/types';

/** In-memory storage whose loads and appends can be held back or made to fail. */
export class FakeStorage implements DocumentStorage {
  readonly backend = 'fake';
  readonly docs = new Map<string, Uint8Array[]>();
  readonly compactions: string[] = [];
  private held: Array<() => void> | null = null;
  failAppends = false;

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resume of held) resume();
  }

  private async gate(): Promise<void> {
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
  }

  async loadDocument(name: string): Promise<Uint8Array | null> {
    await this.gate();
    const updates = this.docs.get(name);
    return updates?.length ? Y.mergeUpdates(updates) : null;
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    await this.gate();
    if (this.failAppends) throw new Error('disk full');
    this.docs.set(name, [...(this.docs.get(name) ?? []), update]);
  }

  async compact(name: string, state: Uint8Array): Promise<void> {
    this.compactions.push(name);
    this.docs.set(name, [state]);
  }

  async storedSize(name: string): Promise<number> {
    return (this.docs.get(name) ?? []).reduce((n, u) => n + u.length, 0);
  }

  async updateCount(name: string): Promise<number> {
    return this.docs.get(name)?.length ?? 0;
  }

  status(): StorageStatus {
    return { ok: true, backend: this.backend };
  }

  async close(): Promise<void> {}

  /** The stored document, as a Y.Doc. */
  stored(name: string): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.docs.get(name) ?? []) Y.applyUpdate(doc, update);
    return doc;
  }
}
