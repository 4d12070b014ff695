/**
 * The memory budget of loaded boards (MAX_LOADED_BYTES): what a board's document takes, estimated
 * by its encoded size (a loaded board holds several times that in memory: server/README.md).
 * A board is loaded only while the boards in memory stay under the budget; idle boards (no
 * connection, kept loaded for IDLE_UNLOAD_MS) make way first, longest idle first. Boards with
 * people on them are never unloaded to make way: a new board waits instead (503, try again later).
 */
export interface BudgetedRoom {
  /** Encoded size of the document: an upper bound, exact after a compaction. */
  readonly bytes: number;
  /** When its last connection left, or null while it has connections. */
  readonly idleSince: number | null;
}

export interface LoadDecision<R extends BudgetedRoom> {
  /** Whether another board may be loaded now. */
  admit: boolean;
  /** Idle boards to unload, to make way or because the budget is exceeded. */
  unload: R[];
}

export function decideLoad<R extends BudgetedRoom>(rooms: Iterable<R>, budgetBytes: number): LoadDecision<R> {
  let total = 0;
  const idle: R[] = [];
  for (const room of rooms) {
    total += room.bytes;
    if (room.idleSince !== null) idle.push(room);
  }
  const unload: R[] = [];
  idle.sort((a, b) => a.idleSince! - b.idleSince!);
  for (const room of idle) {
    if (total < budgetBytes) break;
    unload.push(room);
    total -= room.bytes;
  }
  return { admit: total < budgetBytes, unload };
}
