import { BoardBinding } from '../doc/binding';
import { rememberBoard } from '../sync/recentBoards';
import { openBoardSession } from '../sync/session';
import { boardPath, navigate } from '../ui/router';

/**
 * Writes a just-created board's first content through the binding, kept in this browser's store,
 * then opens the board page on it: the collaboration provider brings the content to the server
 * when the page connects.
 */
export async function fillAndOpenBoard(board: { boardId: string; token?: string; title: string }, fill: (binding: BoardBinding) => void): Promise<void> {
  const session = openBoardSession(board.boardId, board.token);
  try {
    await session.ready;
    const binding = new BoardBinding(session.doc);
    fill(binding);
    binding.destroy();
    // y-indexeddb stores each update in its own transaction as it happens; closing waits for them.
  } finally {
    session.destroy();
  }
  rememberBoard({ id: board.boardId, title: board.title });
  navigate(boardPath(board.boardId));
}
