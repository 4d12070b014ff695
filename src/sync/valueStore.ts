/**
 * A value that changes, read with React's useSyncExternalStore: `subscribe` and `getSnapshot` are
 * bound, to be passed as they are. A subclass holds the first value in `snapshot`; `set` replaces
 * it and tells every listener.
 */
export abstract class ValueStore<T> {
  protected abstract snapshot: T;
  protected readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): T => this.snapshot;

  protected set(snapshot: T): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
