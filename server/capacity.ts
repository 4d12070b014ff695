import type { IncomingMessage } from 'node:http';

/**
 * Who gets a connection slot. Slots are counted from the moment an upgrade is admitted until its
 * socket closes (so upgrades in flight count too), per room and per client address:
 * - a read-only connection is admitted while the room has fewer than
 *   `perBoard - writerReserve` connections: viewers never take the last `writerReserve` slots;
 * - an edit connection while it has fewer than `perBoard - 1` until the interviewer is connected:
 *   the very last slot is kept for the interviewer;
 * - an interviewer connection while it has fewer than `perBoard`;
 * - any connection while its address holds fewer than `perAddress` connections to this process.
 */
export interface CapacityLimits {
  perBoard: number;
  writerReserve: number;
  perAddress: number;
}

export type SlotClass = 'read' | 'edit' | 'interviewer';

export interface CapacityRefusal {
  status: 429 | 503;
  reason: 'board_full' | 'address_limit';
  message: string;
}

export class Capacity {
  private readonly rooms = new Map<string, number>();
  private readonly interviewers = new Map<string, number>();
  private readonly addresses = new Map<string, number>();

  constructor(readonly limits: CapacityLimits) {}

  /** Why a connection of this class from this address cannot be admitted to the room now, or null. */
  refusal(room: string, slot: SlotClass, address: string): CapacityRefusal | null {
    const { perBoard, writerReserve, perAddress } = this.limits;
    if ((this.addresses.get(address) ?? 0) >= perAddress) {
      return { status: 429, reason: 'address_limit', message: `Too many connections from your address (at most ${perAddress})` };
    }
    const interviewerHere = (this.interviewers.get(room) ?? 0) > 0;
    const limit = slot === 'interviewer' || (slot === 'edit' && interviewerHere) ? perBoard : slot === 'edit' ? Math.max(1, perBoard - 1) : Math.max(1, perBoard - writerReserve);
    if ((this.rooms.get(room) ?? 0) >= limit) {
      return { status: 503, reason: 'board_full', message: slot === 'read' ? 'The board has as many viewers as it takes' : 'The board has too many connections' };
    }
    return null;
  }

  /** Takes a slot; the returned function gives it back (once, however often it is called). */
  take(room: string, slot: SlotClass, address: string): () => void {
    bump(this.rooms, room, 1);
    bump(this.addresses, address, 1);
    if (slot === 'interviewer') bump(this.interviewers, room, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bump(this.rooms, room, -1);
      bump(this.addresses, address, -1);
      if (slot === 'interviewer') bump(this.interviewers, room, -1);
    };
  }

  connections(room: string): number {
    return this.rooms.get(room) ?? 0;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

/**
 * The client's address: the socket's peer, or with `trustProxy` (the server runs behind a proxy
 * such as the nginx of docs/DEPLOY.md) the last address in X-Forwarded-For, the one the proxy added.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
