import { LockKeyhole, Plus } from 'lucide-react';
import { followLink } from '../ui/router';
import { useNewBoard } from './useNewBoard';

/**
 * A board address whose token is wrong, revoked, expired or missing: nothing of the board opens
 * (no editor, no name prompt), only what the person can do next.
 */
export function BoardLinkError({ reason }: { reason: 'missing' | 'refused' }) {
  const { creating, start } = useNewBoard();
  return (
    <main className="link-error" aria-labelledby="link-error-heading">
      <LockKeyhole size={36} aria-hidden className="link-error-icon" />
      <h1 id="link-error-heading">This link does not open this board</h1>
      <p>
        {reason === 'missing' ? 'The address has no access token, and this browser has none kept for this board.' : 'Its access token is wrong, or it was replaced by new links, or it has expired.'}{' '}
        Ask the person who shared the board for a new link.
      </p>
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
