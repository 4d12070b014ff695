import type { Fanout, FanoutListener } from './types';

/** Fan-out within one process. */
export class LocalFanout implements Fanout {
  private readonly listeners = new Map<string, Set<FanoutListener>>();

  publish(room: string, message: Uint8Array, exceptConnection: string | null): void {
    const listeners = this.listeners.get(room);
    if (!listeners) return;
    for (const listener of listeners) listener(message, exceptConnection);
  }

  subscribe(room: string, listener: FanoutListener): void {
    let listeners = this.listeners.get(room);
    if (!listeners) this.listeners.set(room, (listeners = new Set()));
    listeners.add(listener);
  }

  unsubscribe(room: string, listener: FanoutListener): void {
    const listeners = this.listeners.get(room);
    if (!listeners) return;
    listeners.delete(listener);
    if (listeners.size === 0) this.listeners.delete(room);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
