import * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';

/**
 * Rebuilds a room's Yjs document at any moment of its history, React-free.
 *
 * Input is what the server keeps (docs/HISTORY.md, `GET /api/boards/<id>/history/updates`): a base
 * state and the stored updates after it, each with its server time and its author's client id.
 * One pass over the updates keeps:
 * - a checkpoint (the full encoded state) every `checkpointEvery` updates, so reaching any moment
 *   costs one restore and fewer than `checkpointEvery` applies, whatever the history's length;
 * - who first created each node and edge, and when (re-adding a deleted id, an undo of a delete,
 *   keeps its first creator: the person who drew it);
 * - what each update touched (nodes and edges added or removed, which framework step's notes),
 *   for the timeline and the debrief.
 * The pass costs several times what rebuilding one moment does (its checkpoints encode the whole
 * document, its observers read every change), so it is not made when the engine is built: `index`
 * makes it, whole or a slice at a time (the replay page, while idle, after the moment asked for is
 * drawn), and `creatorOf` and `activity` finish it first. Seeking needs none of it: it restores the
 * checkpoints made so far (the base before any).
 *
 * `seek` keeps one cursor document: going forward applies just the updates in between (playback
 * costs one update per step); going back, or far forward, restores the nearest checkpoint at or
 * before the moment into a NEW document. Callers compare the returned doc with the previous one.
 */
export interface TimedUpdate {
  /** Server time, epoch ms. */
  at: number;
  /** The author's Yjs client id (the connection's), as the server recorded it. */
  author: number;
  update: Uint8Array;
}

export interface ReplaySource {
  base: { at: number; state: Uint8Array };
  /** In server order (the order the server applied them); times never decrease. */
  updates: TimedUpdate[];
}

export interface Creation {
  /** The author's client id; for elements already in the base state, the Yjs client that wrote them. */
  author: number;
  /** The update's time; for elements already in the base state, the base's. */
  at: number;
  /** Whether the element was already in the base state: created before this history's first update. */
  inBase: boolean;
}

export interface UpdateActivity {
  at: number;
  author: number;
  nodesAdded: string[];
  nodesRemoved: string[];
  edgesAdded: string[];
  edgesRemoved: string[];
  /** Framework steps whose shared notes this update changed. */
  notes: FrameworkStepId[];
}

export interface SeekResult {
  doc: Y.Doc;
  /** Index of the last update applied; -1 for the base state alone. */
  index: number;
}

export const DEFAULT_CHECKPOINT_EVERY = 64;

export class ReplayEngine {
  readonly from: number;
  readonly to: number;
  private readonly updates: TimedUpdate[];
  private readonly every: number;
  /** checkpoints[k] is the state after updates [0, k * every) were applied (k = 0: the base); the pass adds them. */
  private readonly checkpoints: Uint8Array[];
  private readonly nodeCreation = new Map<string, Creation>();
  private readonly edgeCreation = new Map<string, Creation>();
  private readonly passActivity: UpdateActivity[] = [];
  /** The pass while it is under way: its document and the next update it applies. */
  private pass: { doc: Y.Doc; next: number } | null = null;
  private passMade = false;
  /** What the update the pass is applying touched, filled by its observers. */
  private current: UpdateActivity = emptyActivity(0, 0);
  private cursor: SeekResult | null = null;

  /** `until` extends the history past its last update (the clock and steps went on after the last edit). */
  constructor(source: ReplaySource, { checkpointEvery = DEFAULT_CHECKPOINT_EVERY, until = 0 }: { checkpointEvery?: number; until?: number } = {}) {
    if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) throw new Error('checkpointEvery must be a positive integer');
    this.every = checkpointEvery;
    this.updates = source.updates;
    this.from = source.base.at;
    this.to = Math.max(source.base.at, source.updates.at(-1)?.at ?? source.base.at, until);
    this.checkpoints = [source.base.state];
  }

  get length(): number {
    return this.updates.length;
  }

  /** Whether the pass over the updates is made. */
  get indexed(): boolean {
    return this.passMade;
  }

  /** What each update touched, in order (the pass is finished first). */
  get activity(): readonly UpdateActivity[] {
    this.index();
    return this.passActivity;
  }

  /**
   * Makes the pass over the updates, or its next slice: one update, then more while `more()` says
   * so (by default the whole pass). Returns whether the pass is made.
   */
  index(more: () => boolean = () => true): boolean {
    if (this.passMade) return true;
    const pass = (this.pass ??= this.startPass());
    while (pass.next < this.updates.length) {
      const update = this.updates[pass.next]!;
      this.current = emptyActivity(update.at, update.author);
      Y.applyUpdate(pass.doc, update.update);
      this.passActivity.push(this.current);
      pass.next++;
      if (pass.next % this.every === 0) this.checkpoints.push(Y.encodeStateAsUpdate(pass.doc));
      if (pass.next < this.updates.length && !more()) return false;
    }
    pass.doc.destroy();
    this.pass = null;
    this.passMade = true;
    return true;
  }

  /** The index of the last update at or before `at` (-1: none, the base state). */
  indexAt(at: number): number {
    let low = 0;
    let high = this.updates.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.updates[mid]!.at <= at) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  /** The time of update `index` (the base's time for -1). */
  timeOf(index: number): number {
    return index < 0 ? this.from : this.updates[index]!.at;
  }

  /** Who drew a node or an edge, and when; undefined for an id never seen in this history (the pass is finished first). */
  creatorOf(kind: 'node' | 'edge', id: string): Creation | undefined {
    this.index();
    return (kind === 'node' ? this.nodeCreation : this.edgeCreation).get(id);
  }

  /** A new document holding the room as it was at `at` (the caller owns and destroys it). */
  docAt(at: number): Y.Doc {
    return this.build(this.indexAt(at)).doc;
  }

  /** The cursor document moved to `at`: the same document when it could go forward, else a new one. */
  seek(at: number): SeekResult {
    return this.seekIndex(this.indexAt(at));
  }

  seekIndex(index: number): SeekResult {
    const target = Math.max(-1, Math.min(index, this.updates.length - 1));
    const cursor = this.cursor;
    if (cursor && cursor.index === target) return cursor;
    // Forward from the cursor unless a later checkpoint is closer to the target.
    if (cursor && cursor.index < target && this.checkpointBefore(target) * this.every <= cursor.index + 1) {
      for (let i = cursor.index + 1; i <= target; i++) Y.applyUpdate(cursor.doc, this.updates[i]!.update);
      this.cursor = { doc: cursor.doc, index: target };
      return this.cursor;
    }
    cursor?.doc.destroy();
    this.cursor = this.build(target);
    return this.cursor;
  }

  /** Destroys the cursor document and the pass's, when it is under way. */
  destroy(): void {
    this.cursor?.doc.destroy();
    this.cursor = null;
    this.pass?.doc.destroy();
    this.pass = null;
  }

  private checkpointBefore(index: number): number {
    return Math.min(Math.floor((index + 1) / this.every), this.checkpoints.length - 1);
  }

  private build(index: number): SeekResult {
    const k = this.checkpointBefore(index);
    const doc = new Y.Doc();
    // One transaction: its cleanup (merging and collecting the structs) once, not after every update.
    Y.transact(doc, () => {
      Y.applyUpdate(doc, this.checkpoints[k]!);
      for (let i = k * this.every; i <= index; i++) Y.applyUpdate(doc, this.updates[i]!.update);
    });
    return { doc, index };
  }

  /** The pass's document at the base, with the observers that record creators and activity as `index` applies the updates. */
  private startPass(): { doc: Y.Doc; next: number } {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.checkpoints[0]!);
    const nodes = doc.getMap('nodes');
    const edges = doc.getMap('edges');
    for (const [kind, map] of [
      [this.nodeCreation, nodes],
      [this.edgeCreation, edges],
    ] as const) {
      for (const key of map.keys()) kind.set(key, { author: writerIn(map, key)!, at: this.from, inBase: true });
    }

    const watch = (map: Y.Map<unknown>, creation: Map<string, Creation>, added: 'nodesAdded' | 'edgesAdded', removed: 'nodesRemoved' | 'edgesRemoved') =>
      map.observe((event) => {
        for (const [key, change] of event.changes.keys) {
          // 'update' is a key deleted and set again in one transaction (a board restored): not a new element.
          if (change.action === 'add') {
            this.current[added].push(key);
            if (!creation.has(key)) creation.set(key, { author: this.current.author, at: this.current.at, inBase: false });
          } else if (change.action === 'delete') this.current[removed].push(key);
        }
      });
    watch(nodes, this.nodeCreation, 'nodesAdded', 'nodesRemoved');
    watch(edges, this.edgeCreation, 'edgesAdded', 'edgesRemoved');
    const noted = (step: unknown) => {
      if (typeof step === 'string' && isStep(step) && !this.current.notes.includes(step)) this.current.notes.push(step);
    };
    const interview = doc.getMap('interview');
    interview.observeDeep((events) => {
      for (const event of events) {
        const [key, step] = event.path;
        if (key === 'notes' && step !== undefined) noted(step);
        else {
          // Texts written in the update that created them fire no event of their own (the notes seeded and typed into
          // in one stored entry, a restore): a step whose new text holds anything counts.
          const notes = key === 'notes' ? event.target : key === undefined && event.changes.keys.has('notes') ? interview.get('notes') : null;
          if (!(notes instanceof Y.Map)) continue;
          const steps = key === 'notes' ? [...event.changes.keys].filter(([, change]) => change.action !== 'delete').map(([id]) => id) : [...notes.keys()];
          for (const id of steps) if ((notes.get(id) as unknown) instanceof Y.Text && (notes.get(id) as Y.Text).length > 0) noted(id);
        }
      }
    });
    return { doc, next: 0 };
  }
}

/**
 * The Yjs client that wrote a node's or an edge's entry in a document: who drew it, unless someone
 * wrote it again since (a restore, an undo of its removal by someone else). Undefined when the
 * document does not hold it.
 */
export function writerOf(doc: Y.Doc, kind: 'node' | 'edge', id: string): number | undefined {
  return writerIn(doc.getMap(kind === 'node' ? 'nodes' : 'edges'), id);
}

function writerIn(map: Y.Map<unknown>, key: string): number | undefined {
  const item = map._map.get(key);
  return item && !item.deleted ? item.id.client : undefined;
}

function emptyActivity(at: number, author: number): UpdateActivity {
  return { at, author, nodesAdded: [], nodesRemoved: [], edgesAdded: [], edgesRemoved: [], notes: [] };
}

function isStep(id: string): id is FrameworkStepId {
  return (FRAMEWORK_STEP_IDS as readonly string[]).includes(id);
}
