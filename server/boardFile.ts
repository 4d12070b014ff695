import * as Y from 'yjs';

/**
 * The board file (docs/FORMAT.md) of a board document's encoded state; `ok: false` when the document
 * does not have the board layout. The board format pulls in the whole node catalog: it is loaded on
 * first use, not at the server's start.
 */
export async function boardFileOf(state: Uint8Array | null): Promise<{ ok: true; board: unknown } | { ok: false; error: unknown }> {
  const { readBoard } = await import('../src/shared/yjsBoard');
  const doc = new Y.Doc();
  try {
    if (state) Y.applyUpdate(doc, state);
    return { ok: true, board: readBoard(doc) };
  } catch (error) {
    return { ok: false, error };
  } finally {
    doc.destroy();
  }
}
