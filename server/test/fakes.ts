import * as Y from 'yjs';
import {
  serverRecord,
  type AuthoredSnapshot,
  type EntryBounds,
  type HistoryCheckpoint,
  type HistoryEntry,
  type HistoryRecord,
  type HistorySnapshot,
  type HistoryStore,
  type SnapshotMark,
  type StoredSpan,
} from '../history/types';
import type { LinkGenerations } from '../storage/linkGenerations';
import type { DocumentStorage, StorageStatus } from '../storage/types';

/** A history kept in memory, numbered like LevelDB's (one number per entry). */
export class MemoryHistory implements HistoryStore {
  readonly rooms = new Map<string, { entries: HistoryEntry[]; snapshots: AuthoredSnapshot[]; checkpoints: HistoryCheckpoint[]; seq: number }>();

  private room(name: string) {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = { entries: [], snapshots: [], checkpoints: [], seq: 0 }));
    return room;
  }

  append(name: string, records: HistoryRecord[]): StoredSpan {
    const room = this.room(name);
    const previous = room.seq;
    for (const record of records) room.entries.push({ ...record, at: Math.max(record.at, room.entries.at(-1)?.at ?? 0), seq: ++room.seq });
    return { previous, seq: room.seq, at: room.entries.at(-1)!.at };
  }

  async entries(name: string, afterSeq: number, throughSeq = Infinity): Promise<HistoryEntry[]> {
    return this.room(name).entries.filter((e) => e.seq > afterSeq && e.seq <= throughSeq);
  }

  async snapshotMarks(name: string): Promise<SnapshotMark[]> {
    return this.room(name).snapshots.map(({ seq, at, authors }) => ({ seq, at, authors }));
  }

  async snapshot(name: string, seq: number): Promise<HistorySnapshot | null> {
    return this.room(name).snapshots.find((s) => s.seq === seq) ?? null;
  }

  async entryBounds(name: string): Promise<EntryBounds | null> {
    const { entries } = this.room(name);
    const [first, last] = [entries[0], entries.at(-1)];
    return first && last ? { first: { seq: first.seq, at: first.at }, last: { seq: last.seq, at: last.at } } : null;
  }

  async roomsAfter(after: string, limit: number): Promise<string[]> {
    return [...this.rooms.keys()]
      .filter((name) => name > after)
      .sort()
      .slice(0, limit);
  }

  async snapshots(name: string): Promise<HistorySnapshot[]> {
    return [...this.room(name).snapshots];
  }

  async adopt(name: string, state: Uint8Array, seq: number | null, at: number): Promise<boolean> {
    const room = this.room(name);
    if (room.entries.length > 0 || room.snapshots.length > 0) return false;
    room.snapshots.push({ seq: seq ?? room.seq, at, state, authors: [] });
    return true;
  }

  async writeSnapshot(name: string, snapshot: AuthoredSnapshot): Promise<void> {
    const room = this.room(name);
    if (!room.snapshots.some((s) => s.seq === snapshot.seq)) room.snapshots = [...room.snapshots, snapshot].sort((a, b) => a.seq - b.seq);
  }

  async checkpoints(name: string): Promise<HistoryCheckpoint[]> {
    return [...this.room(name).checkpoints];
  }

  async addCheckpoint(name: string, checkpoint: HistoryCheckpoint): Promise<void> {
    this.room(name).checkpoints.push(checkpoint);
  }

  async fold(name: string, base: AuthoredSnapshot): Promise<void> {
    await this.writeSnapshot(name, base);
    const room = this.room(name);
    room.entries = room.entries.filter((e) => e.seq > base.seq);
    room.snapshots = room.snapshots.filter((s) => s.seq >= base.seq);
  }

  release(): void {}

  async storedBytes(name: string): Promise<number> {
    const room = this.room(name);
    return [...room.entries.map((e) => e.update), ...room.snapshots.map((s) => s.state)].reduce((n, u) => n + u.length, 0);
  }
}

/** Link generations kept in memory. */
export class MemoryLinkGenerations implements LinkGenerations {
  readonly generations = new Map<string, number>();

  async current(boardId: string): Promise<number> {
    return this.generations.get(boardId) ?? 0;
  }

  async advance(boardId: string): Promise<number> {
    const next = (this.generations.get(boardId) ?? 0) + 1;
    this.generations.set(boardId, next);
    return next;
  }
}

/** In-memory storage whose loads and appends can be held back or made to fail. */
export class FakeStorage implements DocumentStorage {
  readonly backend = 'fake';
  readonly history = new MemoryHistory();
  readonly links = new MemoryLinkGenerations();
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

  async appendUpdate(name: string, update: Uint8Array, records: HistoryRecord[] = [serverRecord(update)]): Promise<StoredSpan> {
    await this.gate();
    if (this.failAppends) throw new Error('disk full');
    this.docs.set(name, [...(this.docs.get(name) ?? []), update]);
    return this.history.append(name, records);
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
