/**
 * Which numbers of a document's update sequence (see SharedStorage) a process has applied: every
 * number up to `contiguous`, and some beyond it — its own updates, stored while the other
 * processes' earlier ones were still on their way. The document holds every stored update
 * numbered up to `contiguous`, so that is what a compaction may replace and where a catch-up starts.
 */
export class AppliedSequence {
  private readonly beyond = new Set<number>();

  constructor(private through = 0) {}

  get contiguous(): number {
    return this.through;
  }

  /** The number that extends the contiguous range. */
  get next(): number {
    return this.through + 1;
  }

  has(seq: number): boolean {
    return seq <= this.through || this.beyond.has(seq);
  }

  add(seq: number): void {
    if (seq > this.through) this.beyond.add(seq);
    this.advance();
  }

  /** Every number up to `seq` is applied (a catch-up loaded them all). */
  addThrough(seq: number): void {
    if (seq > this.through) this.through = seq;
    for (const n of this.beyond) if (n <= this.through) this.beyond.delete(n);
    this.advance();
  }

  private advance(): void {
    while (this.beyond.delete(this.through + 1)) this.through += 1;
  }
}
