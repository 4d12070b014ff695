import { DEFAULT_BOARD_TITLE } from '../shared/formatBasics';
import { Plus, Trash2 } from 'lucide-react';
import { isLocalBoard } from '../sync/boardTokens';
import { forgetBoard, useRecentBoards } from '../sync/recentBoards';
import { boardPath, followLink } from '../ui/router';
import { useNewBoard } from './useNewBoard';
import { TemplatesButton } from '../templates/TemplatesButton'; // [templates]
import { StartInterviewButton } from '../interview/StartInterviewButton'; // [interview]

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Start a board, or reopen one of those kept in this browser. */
export function LandingPage() {
  const boards = useRecentBoards();
  const { creating, start } = useNewBoard();

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
        <button type="button" className="button button-primary button-large" onClick={() => void start()} disabled={creating}>
          <Plus size={20} aria-hidden /> New board
        </button>
        <StartInterviewButton />
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
                <a href={boardPath(board.id)} onClick={followLink} className="recent-title">
                  {board.title || DEFAULT_BOARD_TITLE}
                </a>
                <span className="muted recent-meta">
                  {isLocalBoard(board.id) ? 'Local only · ' : ''}
                  Updated {dateFormat.format(board.updatedAt)}
                </span>
                <button type="button" className="icon-button" aria-label={`Remove ${board.title || DEFAULT_BOARD_TITLE} from this list`} onClick={() => forgetBoard(board.id)}>
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
