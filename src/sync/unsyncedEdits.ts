/**
 * Counts local edits the server has not confirmed yet.
 *
 * The server handles each connection's messages in order and sends nothing, replies included,
 * until the updates before them are stored. So when it answers a sync request (step 1) that was
 * sent after some local edits, those edits are on the server's disk. Each request sent is a
 * "probe" remembering how many edits preceded it; each answer (step 2) confirms the oldest probe.
 * A lost connection loses its probes: their answers never come, and the edits count again until
 * a probe on the next connection is answered.
 *
 * The count covers this page's session: edits kept offline in IndexedDB by an earlier visit are
 * sent on the next connection too, but are not counted here.
 */
export class UnsyncedEdits {
  private edits = 0;
  private confirmed = 0;
  private probes: number[] = [];

  /** A local transaction changed the document. */
  edit(): void {
    this.edits++;
  }

  /**
   * A sync request left. `covers` says whether every edit counted so far went out before it (false
   * for the request a new connection opens with: offline edits follow it, in the reply to the
   * server's own request).
   */
  requestSent(covers = true): void {
    this.probes.push(covers ? this.edits : this.confirmed);
  }

  /** The server answered the oldest sync request in flight. */
  answered(): void {
    const upTo = this.probes.shift();
    if (upTo !== undefined && upTo > this.confirmed) this.confirmed = upTo;
  }

  /** The connection closed: requests in flight will never be answered. */
  connectionLost(): void {
    this.probes = [];
  }

  /** Whether some edits are covered by no request in flight: a new request would confirm them. */
  get uncovered(): boolean {
    return this.edits > Math.max(this.confirmed, ...this.probes);
  }

  get count(): number {
    return this.edits - this.confirmed;
  }
}
