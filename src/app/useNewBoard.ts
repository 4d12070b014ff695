import { useState } from 'react';
import { createBoard } from '../collab/createBoard';
import { notify } from '../ui/notices';
import { boardPath, navigate } from '../ui/router';

/** "New board": creates one (on the server when it answers) and opens it. */
export function useNewBoard(): { creating: boolean; start(): Promise<void> } {
  const [creating, setCreating] = useState(false);
  const start = async () => {
    setCreating(true);
    const created = await createBoard();
    if (created.local) notify('The server could not be reached: this board is kept in this browser only and cannot be shared.', 'error');
    navigate(boardPath(created.boardId));
  };
  return { creating, start };
}
