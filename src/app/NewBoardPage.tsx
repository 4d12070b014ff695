import { useEffect, useRef } from 'react';
import { createBoard } from '../collab/createBoard';
import { notify } from '../ui/notices';
import { boardPath, navigate } from '../ui/router';

/**
 * /new?template=<id>: creates a board and opens it with the template id in its URL; the board page
 * hands the id to the registered template loader (see templateLoaders in ./extensions.ts).
 */
export function NewBoardPage({ templateId }: { templateId?: string }) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void createBoard().then((created) => {
      if (created.local) notify('The server could not be reached: this board is kept in this browser only and cannot be shared.', 'error');
      const template = templateId ? `?template=${encodeURIComponent(templateId)}` : '';
      navigate(boardPath(created.boardId) + template, { replace: true });
    });
  }, [templateId]);
  return <div className="page-message">Creating a board…</div>;
}
