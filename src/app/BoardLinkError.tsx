import { LockKeyhole, Plus } from 'lucide-react';
import { followLink } from '../ui/router';
import { useNewBoard } from './useNewBoard';

const HEADINGS = { missing: 'This link does not open this board', refused: 'This link does not open this board', replaced: "This link was replaced by the board's owner" };
const EXPLANATIONS = {
  missing: 'The address has no access token, and this browser has none kept for this board.',
  refused: 'Its access token is wrong, or it has expired.',
  replaced: 'The owner made new links for this board, and this one no longer opens it.',
};

/**
 * A board address whose token is wrong, replaced or missing: nothing of the board opens (no
 * editor, no name prompt), only what the person can do next.
 */
export function BoardLinkError({ reason }: { reason: 'missing' | 'refused' | 'replaced' }) {
  const { creating, start } = useNewBoard();
  return (
    <main className="link-error" aria-labelledby="link-error-heading">
      <LockKeyhole size={36} aria-hidden className="link-error-icon" />
      <h1 id="link-error-heading">{HEADINGS[reason]}</h1>
      <p>{EXPLANATIONS[reason]} Ask the person who shared the board for a new link.</p>
      <div className="link-error-actions">
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={creating}>
          <Plus size={18} aria-hidden /> New board
        </button>
        <a href="/" className="button" onClick={followLink}>
          Your boards
        </a>
      </div>
    </main>
  );
}
