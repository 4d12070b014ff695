import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { createBoard } from './createBoard';
import { notify } from './notices';
import { forgetBoard, useRecentBoards } from './recentBoards';
import { boardPath, followLink, navigate } from './router';
import { TemplatesButton } from '../templates/TemplatesButton'; // [templates]

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Start a board, or reopen one of those kept in this browser. */
export function LandingPage() {
  const boards = useRecentBoards();
  const [creating, setCreating] = useState(false);

  const onNewBoard = async () => {
    setCreating(true);
    const created = await createBoard();
    if (created.local) notify('The server could not be reached: this board is kept in this browser only and cannot be shared.', 'error');
    navigate(boardPath(created.boardId, created.token));
  };

  return (
    <div className="landing">
      <header className="landing-header">
        <img src="/favicon.svg" alt="" width={40} height={40} />
        <div>
          <h1>ML Design Board</h1>
          <p className="landing-tagline">Draw machine-learning system architectures together: mock interviews, solo practice, case-study templates.</p>
        </div>
      </header>
      <div className="landing-actions">
        <button type="button" className="button button-primary button-large" onClick={onNewBoard} disabled={creating}>
          <Plus size={20} aria-hidden /> New board
        </button>
        <TemplatesButton />
      </div>
      <section className="recent-boards" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Your boards</h2>
        {boards.length === 0 ? (
          <p className="muted">Boards you open are listed here. They are kept in this browser; nothing needs an account.</p>
        ) : (
          <ul className="recent-list">
            {boards.map((board) => (
              <li key={board.id} className="recent-item">
                <a href={boardPath(board.id, board.token)} onClick={followLink} className="recent-title">
                  {board.title || 'Untitled board'}
                </a>
                <span className="muted recent-meta">
                  {board.token ? '' : 'Local only · '}
                  Updated {dateFormat.format(board.updatedAt)}
                </span>
                <button type="button" className="icon-button" aria-label={`Remove ${board.title || 'Untitled board'} from this list`} onClick={() => forgetBoard(board.id)}>
                  <Trash2 size={16} aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
