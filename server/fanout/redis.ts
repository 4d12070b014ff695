import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RateLimitedLog } from '../limits';
import type { Counter, Metrics } from '../metrics';
import { redactUrl } from '../config';
import type { ClusterFanout, ClusterListener } from './types';

/**
 * Fan-out between server processes through Redis pub/sub, one channel per room
 * (`mldb:<schema>:<room>`). A process subscribes to a room's channel while it holds the room.
 *
 * A message is varString(sender node id), varUint(kind), then by kind:
 *   0 update:          varUint(seq) varUint8Array(Yjs update), published after the update is stored
 *   1 awareness:       varUint8Array(awareness update)
 *   2 query-awareness: nothing (the sender just subscribed; holders answer with their connections' states)
 *   3 links-revoked:   varUint(generation) (the board's links were replaced; older ones' connections close)
 * Every process receives its own messages too: it skips those with its node id.
 *
 * Two connections: a subscriber (in subscribe mode it can do nothing else) and a publisher. Neither
 * queues commands while Redis is unreachable: a message that cannot be published now is dropped,
 * and the other processes fetch the update from storage (their periodic check, or the resync when
 * their subscription is restored). After every (re)connection the subscriber subscribes to the
 * channels of the rooms held, then tells their rooms to resync.
 */

const Kind = { update: 0, awareness: 1, queryAwareness: 2, linksRevoked: 3 } as const;
type Received = { kind: 'update'; seq: number; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array } | { kind: 'query-awareness' } | { kind: 'links-revoked'; generation: number };

export interface RedisFanoutOptions {
  /** Prefix of the channel names; processes that share boards must use the same one. */
  channelPrefix: string;
  metrics: Metrics;
  rlog: RateLimitedLog;
  /** How long `open` waits for Redis before giving up. */
  connectTimeoutMs?: number;
}

function encodeMessage(node: string, write: (encoder: encoding.Encoder) => void): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, node);
  write(encoder);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Decodes a channel message; null for a message of this node, throws on a malformed one. */
function decodeMessage(node: string, message: Uint8Array): Received | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarString(decoder) === node) return null;
  const kind = decoding.readVarUint(decoder);
  let received: Received;
  if (kind === Kind.update) received = { kind: 'update', seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) };
  else if (kind === Kind.awareness) received = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  else if (kind === Kind.queryAwareness) received = { kind: 'query-awareness' };
  else if (kind === Kind.linksRevoked) received = { kind: 'links-revoked', generation: decoding.readVarUint(decoder) };
  else throw new Error(`unknown kind ${kind}`);
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return received;
}

export class RedisFanout implements ClusterFanout {
  private readonly listeners = new Map<string, Set<ClusterListener>>();
  private readonly published: Counter;
  private readonly received: Counter;
  private readonly reconnects: Counter;
  private lastError: string | undefined;
  private closing = false;

  private constructor(
    /** This process's id in messages (random per start; also in the Redis connection names). */
    readonly node: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisFanoutOptions,
  ) {
    const { metrics } = options;
    this.published = metrics.counter('mldb_fanout_published_total', 'Messages published to the other processes, by kind (update, awareness, query_awareness, links_revoked, failed)', ['kind']);
    this.received = metrics.counter('mldb_fanout_received_total', 'Messages received from the other processes, by kind (update, awareness, query_awareness, links_revoked, malformed)', ['kind']);
    this.reconnects = metrics.counter('mldb_redis_reconnects_total', 'Redis connections restored after a disconnection, by connection (publisher, subscriber)', ['connection']);
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
  }

  /** Connects both connections; fails with a clear message when Redis does not answer in time. */
  static async open(url: string, options: RedisFanoutOptions): Promise<RedisFanout> {
    const connect = (role: 'publisher' | 'subscriber', node: string) =>
      new Redis(url, {
        connectionName: `mldb-${node}-${role}`,
        enableOfflineQueue: false,
        autoResubscribe: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
      });
    const node = randomBytes(9).toString('base64url');
    const publisher = connect('publisher', node);
    const subscriber = connect('subscriber', node);
    const fanout = new RedisFanout(node, publisher, subscriber, options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    try {
      await Promise.all([fanout.watch(publisher, 'publisher', timeoutMs), fanout.watch(subscriber, 'subscriber', timeoutMs)]);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw new Error(`Cannot connect to Redis at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    return fanout;
  }

  subscribe(room: string, listener: ClusterListener): void {
    let listeners = this.listeners.get(room);
    if (!listeners) this.listeners.set(room, (listeners = new Set()));
    listeners.add(listener);
    if (listeners.size === 1) void this.startSubscriptions([room]);
    else listener.resync();
  }

  unsubscribe(room: string, listener: ClusterListener): void {
    const listeners = this.listeners.get(room);
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    this.listeners.delete(room);
    // While disconnected there is nothing to undo: a restored connection subscribes only to rooms held.
    if (this.subscriber.status === 'ready') this.subscriber.unsubscribe(this.channel(room)).catch((error: Error) => this.failed('subscriber', error));
  }

  publishUpdate(room: string, seq: number, update: Uint8Array): void {
    this.publish(room, 'update', (e) => {
      encoding.writeVarUint(e, Kind.update);
      encoding.writeVarUint(e, seq);
      encoding.writeVarUint8Array(e, update);
    });
  }

  publishAwareness(room: string, update: Uint8Array): void {
    this.publish(room, 'awareness', (e) => {
      encoding.writeVarUint(e, Kind.awareness);
      encoding.writeVarUint8Array(e, update);
    });
  }

  publishLinksRevoked(room: string, generation: number): void {
    this.publish(room, 'links_revoked', (e) => {
      encoding.writeVarUint(e, Kind.linksRevoked);
      encoding.writeVarUint(e, generation);
    });
  }

  status(): { ok: boolean; error?: string } {
    const down = [this.publisher, this.subscriber].filter((redis) => redis.status !== 'ready');
    if (down.length === 0) return { ok: true };
    return { ok: false, error: this.lastError ?? `connection ${down[0]!.status}` };
  }

  async close(): Promise<void> {
    this.closing = true;
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private channel(room: string): string {
    return this.options.channelPrefix + room;
  }

  private publish(room: string, kind: 'update' | 'awareness' | 'query_awareness' | 'links_revoked', write: (encoder: encoding.Encoder) => void): void {
    if (this.publisher.status !== 'ready') {
      this.published.inc({ kind: 'failed' });
      return;
    }
    this.publisher.publish(this.channel(room), encodeMessage(this.node, write)).then(
      () => this.published.inc({ kind }),
      (error: Error) => {
        this.published.inc({ kind: 'failed' });
        this.failed('publisher', error);
      },
    );
  }

  /**
   * Subscribes to the rooms' channels; once Redis confirms, their rooms catch up on what was
   * stored before, and the other holders are asked for their presence.
   */
  private async startSubscriptions(rooms: string[]): Promise<void> {
    if (rooms.length === 0 || this.subscriber.status !== 'ready') return;
    try {
      await this.subscriber.subscribe(...rooms.map((room) => this.channel(room)));
    } catch (error) {
      this.failed('subscriber', error as Error);
      return;
    }
    for (const room of rooms) {
      const listeners = this.listeners.get(room);
      if (!listeners) continue;
      for (const listener of listeners) listener.resync();
      this.publish(room, 'query_awareness', (e) => encoding.writeVarUint(e, Kind.queryAwareness));
    }
  }

  private onMessage(channel: string, message: Uint8Array): void {
    const room = channel.slice(this.options.channelPrefix.length);
    const listeners = this.listeners.get(room);
    if (!channel.startsWith(this.options.channelPrefix) || !listeners) return;
    let received: Received | null;
    try {
      received = decodeMessage(this.node, message);
    } catch (error) {
      this.received.inc({ kind: 'malformed' });
      this.options.rlog.warn('fanout_malformed', { room, error: (error as Error).message }, 'malformed fan-out message; ignored');
      return;
    }
    if (!received) return;
    this.received.inc({ kind: received.kind.replace('-', '_') });
    for (const listener of listeners) {
      if (received.kind === 'update') listener.update(received.seq, received.update);
      else if (received.kind === 'awareness') listener.awareness(received.update);
      else if (received.kind === 'links-revoked') listener.linksRevoked(received.generation);
      else listener.awarenessWanted();
    }
  }

  /** Resolves at the first `ready`; from then on, counts reconnections and restores subscriptions. */
  private watch(redis: Redis, role: 'publisher' | 'subscriber', timeoutMs: number): Promise<void> {
    redis.on('error', (error: Error) => this.failed(role, error));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(this.lastError ?? `no answer in ${timeoutMs} ms`)), timeoutMs);
      let first = true;
      redis.on('ready', () => {
        if (first) {
          first = false;
          clearTimeout(timer);
          resolve();
        } else {
          this.reconnects.inc({ connection: role });
        }
        this.lastError = undefined;
        if (role === 'subscriber') void this.startSubscriptions([...this.listeners.keys()]);
      });
    });
  }

  private failed(role: 'publisher' | 'subscriber', error: Error): void {
    if (this.closing) return;
    this.lastError = `${role}: ${error.message}`;
    this.options.rlog.warn('redis_error', { connection: role, error: error.message }, 'Redis connection error');
  }
}
