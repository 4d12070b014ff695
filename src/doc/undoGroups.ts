import * as Y from 'yjs';

/**
 * A step written to another document (the interviewer's private notes) that belongs to one of this
 * history's steps: undone and redone with it, destroyed with this history.
 */
export interface LinkedStep {
  undo(): void;
  redo(): void;
  destroy(): void;
}

const LINKED = 'linked';

/**
 * This person's undo history and the one way to write the document: every local write is a
 * transaction carrying `origin`, the one origin the UndoManager tracks, so undo and redo revert this
 * client's own changes, never a collaborator's.
 */
export class UndoGroups {
  readonly origin: { readonly client: number };
  readonly manager: Y.UndoManager;
  private lastMergeKey: string | null = null;
  private readonly linked = new Set<LinkedStep>();

  constructor(
    private readonly doc: Y.Doc,
    scope: ConstructorParameters<typeof Y.UndoManager>[0],
  ) {
    this.origin = { client: doc.clientID };
    this.manager = new Y.UndoManager(scope, { trackedOrigins: new Set([this.origin]) });
    // Undoing a step pushes a new one on the redo stack (and redoing, on the undo stack): its link goes along.
    this.manager.on('stack-item-added', ({ stackItem }) => {
      const step = (this.manager.undoing || this.manager.redoing) && this.manager.currStackItem?.meta.get(LINKED);
      if (step) stackItem.meta.set(LINKED, step);
    });
    this.manager.on('stack-item-popped', ({ stackItem, type }) => {
      const step = stackItem.meta.get(LINKED) as LinkedStep | undefined;
      if (type === 'undo') step?.undo();
      else step?.redo();
    });
  }

  /**
   * One local transaction. Writes that share a merge key (typing in one field, nudging) join the
   * previous undo step; anything else starts a new one, so "undo" reverts exactly the last action.
   */
  write<T>(fn: () => T, mergeKey?: string): T {
    if (!mergeKey || mergeKey !== this.lastMergeKey) this.manager.stopCapturing();
    this.lastMergeKey = mergeKey ?? null;
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, this.origin);
    return result;
  }

  /** Several writes as one transaction and one undo step; the next edit starts its own step, even in a field the batch wrote. */
  batch<T>(fn: () => T): T {
    const result = this.write(fn);
    this.lastMergeKey = null;
    return result;
  }

  /**
   * Ties `step` to the undo step just written, so that undo and redo take both; `previous` was the
   * newest step before that write (when the write made no step of its own, nothing is tied).
   */
  linkToLast(step: LinkedStep, previous: unknown): void {
    const last = this.manager.undoStack.at(-1);
    if (!last || last === previous) return step.destroy();
    last.meta.set(LINKED, step);
    this.linked.add(step);
  }

  destroy(): void {
    this.manager.destroy();
    for (const step of this.linked) step.destroy();
    this.linked.clear();
  }

  undo(): void {
    this.lastMergeKey = null;
    this.manager.undo();
  }

  redo(): void {
    this.lastMergeKey = null;
    this.manager.redo();
  }
}
