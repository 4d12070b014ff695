import * as Y from 'yjs';

/**
 * The board file (docs/FORMAT.md) of a board document's encoded state; `ok: false` when the document
 * does not have the board layout. With `interview`, the shared interview notes, ticks, requirements
 * and metrics come along (a past moment restored into the board brings its notes back). The board
 * format pulls in the whole node catalog: it is loaded on first use, not at the server's start.
 */
export async function boardFileOf(state: Uint8Array | null, { interview = false }: { interview?: boolean } = {}): Promise<{ ok: true; board: unknown } | { ok: false; error: unknown }> {
  const [{ readBoard }, { readInterviewContent }] = await Promise.all([import('../src/shared/yjsBoard'), import('../src/shared/interviewLayout')]);
  const doc = new Y.Doc();
  try {
    if (state) Y.applyUpdate(doc, state);
    const board = readBoard(doc);
    const content = interview ? readInterviewContent(doc) : undefined;
    return { ok: true, board: content ? { ...board, interview: content } : board };
  } catch (error) {
    return { ok: false, error };
  } finally {
    doc.destroy();
  }
}
