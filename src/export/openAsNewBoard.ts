import { createBoard } from '../collab/createBoard';
import { fillAndOpenBoard } from '../collab/fillNewBoard';
import type { BoardFile } from '../shared/format';

/**
 * Opens an imported board as a board of its own, leaving the current one as it was: a new board id
 * (from the server when it answers, else local), its document written through the binding, then
 * the page moves to it.
 */
export async function openAsNewBoard(board: BoardFile): Promise<void> {
  const created = await createBoard();
  await fillAndOpenBoard({ ...created, title: board.title }, (binding) => binding.replaceBoard(board));
}
