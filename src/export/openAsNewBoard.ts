import { createBoard } from '../collab/createBoard';
import { rememberBoard } from '../sync/recentBoards';
import { boardPath, navigate } from '../ui/router';
import { BoardBinding } from '../doc/binding';
import type { BoardFile } from '../shared/format';
import { openBoardSession } from '../sync/session';

/**
 * Opens an imported board as a board of its own, leaving the current one as it was: a new board id
 * (from the server when it answers, else local), its document written through the binding and kept
 * in this browser's store, then the page moves to it. The collaboration provider brings the
 * content to the server when the board page connects.
 */
export async function openAsNewBoard(board: BoardFile): Promise<void> {
  const created = await createBoard();
  const session = openBoardSession(created.boardId, created.token);
  try {
    await session.ready;
    const binding = new BoardBinding(session.doc);
    binding.replaceBoard(board);
    binding.destroy();
    // y-indexeddb stores each update in its own transaction as it happens; closing waits for them.
  } finally {
    session.destroy();
  }
  rememberBoard({ id: created.boardId, title: board.title });
  navigate(boardPath(created.boardId));
}
