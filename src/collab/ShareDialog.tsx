import { Check, Copy } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import type { BoardDialogProps } from '../ui/slots';
import type { BoardLink, ParticipantRole } from '../sync/access';
import { boardLink } from '../sync/boardTokens';
import { NameForm } from './ProfileDialog';
import { saveProfile, useProfile } from './profile';
import { useAccess } from './useBoardAccess';

const LABELS: Record<ParticipantRole, string> = { candidate: 'Candidate link', collaborator: 'Edit link', viewer: 'View-only link', interviewer: 'Interviewer link' };
/** The link most people are sent comes first; the interviewer's, which opens the private notes, last. */
const ORDER: ParticipantRole[] = ['candidate', 'collaborator', 'viewer', 'interviewer'];

/** The board's links at or below this token's rights (from the server), each with what it grants and a copy button. */
export function ShareDialog({ session, onClose }: BoardDialogProps) {
  const { links } = useAccess(session);
  const profile = useProfile();
  const [asking, setAsking] = useState(true);

  useEffect(() => {
    // The links may have been rotated since the board opened: ask again.
    void session.access?.refresh().finally(() => setAsking(false));
  }, [session.access]);

  const sorted = [...(links ?? [])].sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
  return (
    <Dialog title="Share this board" onClose={onClose} className="share-dialog">
      {!session.token ? (
        <p>This board was created while no server answered: it lives in this browser only and has no links to share.</p>
      ) : links === null ? (
        asking ? (
          <p className="muted">Asking the server for the links…</p>
        ) : (
          <p role="alert" className="share-error">
            The links cannot be shown: the server cannot be reached. Try again once the board is connected.
          </p>
        )
      ) : (
        <div className="share-links">
          {!profile && <NameForm initial={null} submitLabel="Save" help="The people you share the board with see it next to your cursor." onSave={saveProfile} />}
          {sorted.map((link) => (
            <ShareLink key={link.role} link={link} url={boardLink(session.boardId, link.token)} />
          ))}
        </div>
      )}
    </Dialog>
  );
}

function ShareLink({ link, url }: { link: BoardLink; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const id = useId();
  const label = LABELS[link.role];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className={`field share-link share-link-${link.role}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <span className="share-link-row">
        <input id={id} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied === 'yes' ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </span>
      <span className="field-help">{link.grants}</span>
      {copied === 'failed' && <span className="field-help share-warning">The browser did not allow copying: select the link and copy it yourself.</span>}
      {copied === 'yes' && link.role === 'interviewer' && (
        <span className="field-help share-warning" role="status">
          Copied. This link opens the private interviewer notes, follow-ups and rubric: give it to a co-interviewer only, never to the candidate.
        </span>
      )}
    </div>
  );
}
