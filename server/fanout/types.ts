/**
 * The broadcast path between the connections of one room. Rooms publish every message meant for
 * other peers here and deliver what they receive from a subscription to their local connections.
 *
 * local.ts delivers within this process. A Redis implementation for several server processes would
 * publish to a channel per room and, on receipt, call the subscribers with the origin connection id
 * (ids are unique per process: prefix them with a node id). For that, documents must also converge
 * across processes: the room would apply document updates received from the fan-out to its Y.Doc
 * (messages carry the protocol frame, so the room can decode them) before passing them on.
 */
export type FanoutListener = (message: Uint8Array, exceptConnection: string | null) => void;

export interface Fanout {
  /** Sends `message` to every subscriber of `room`; their connection `exceptConnection` is skipped. */
  publish(room: string, message: Uint8Array, exceptConnection: string | null): void;
  subscribe(room: string, listener: FanoutListener): void;
  unsubscribe(room: string, listener: FanoutListener): void;
  close(): Promise<void>;
}
