/**
 * The broadcast path between the connections of one room in this process. Rooms publish every
 * message meant for other peers here and deliver what they receive from a subscription to their
 * local connections (local.ts).
 *
 * Between processes (scale-out mode) rooms use a ClusterFanout (redis.ts) instead of passing
 * protocol frames along: the other processes must apply document updates to their own copy of the
 * document, in storage order, before they relay them to their connections.
 */
export type FanoutListener = (message: Uint8Array, exceptConnection: string | null) => void;

export interface Fanout {
  /** Sends `message` to every subscriber of `room`; their connection `exceptConnection` is skipped. */
  publish(room: string, message: Uint8Array, exceptConnection: string | null): void;
  subscribe(room: string, listener: FanoutListener): void;
  unsubscribe(room: string, listener: FanoutListener): void;
  close(): Promise<void>;
}

/** What a room hears from the other processes holding it. */
export interface ClusterListener {
  /** A document update another process stored, with its number in the document's sequence. */
  update(seq: number, update: Uint8Array): void;
  /** An awareness update from another process's connections. */
  awareness(update: Uint8Array): void;
  /** Another process just subscribed: it wants the awareness states of this process's connections. */
  awarenessWanted(): void;
  /** The subscription just started or was restored after a disconnection: messages may have been missed. */
  resync(): void;
  /** The board's edit and read links were replaced; `generation` is the new one. */
  linksRevoked(generation: number): void;
}

/**
 * Messages between the server processes that hold a room. Delivery is at most once and a message
 * can be lost (a dropped connection): receivers notice a missing sequence number, or are told to
 * `resync`, and fetch what they lack from the shared storage, where every update is stored before
 * it is published.
 */
export interface ClusterFanout {
  subscribe(room: string, listener: ClusterListener): void;
  unsubscribe(room: string, listener: ClusterListener): void;
  publishUpdate(room: string, seq: number, update: Uint8Array): void;
  publishAwareness(room: string, update: Uint8Array): void;
  /** To every process holding the room, whether this one holds it or not. */
  publishLinksRevoked(room: string, generation: number): void;
  status(): { ok: boolean; error?: string };
  close(): Promise<void>;
}
