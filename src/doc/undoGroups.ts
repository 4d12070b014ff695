import * as Y from 'yjs';

/**
 * This person's undo history and the one way to write the document: every local write is a
 * transaction carrying `origin`, the one origin the UndoManager tracks, so undo and redo revert this
 * client's own changes, never a collaborator's.
 */
export class UndoGroups {
  readonly origin: { readonly client: number };
  readonly manager: Y.UndoManager;
  private lastMergeKey: string | null = null;

  constructor(
    private readonly doc: Y.Doc,
    scope: ConstructorParameters<typeof Y.UndoManager>[0],
  ) {
    this.origin = { client: doc.clientID };
    this.manager = new Y.UndoManager(scope, { trackedOrigins: new Set([this.origin]) });
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

  undo(): void {
    this.lastMergeKey = null;
    this.manager.undo();
  }

  redo(): void {
    this.lastMergeKey = null;
    this.manager.redo();
  }
}
