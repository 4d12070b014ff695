import { Check, Copy, RefreshCw } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import type { BoardDialogProps } from '../ui/slots';
import type { BoardLink, ParticipantRole } from '../sync/access';
import { replaceLinks } from '../sync/linkRotation';
import type { BoardSession } from '../sync/session';
import { boardLink } from '../sync/boardTokens';
import { NameForm } from './ProfileDialog';
import { saveProfile, useProfile } from './profile';
import { useAccess } from './useBoardAccess';

const LABELS: Record<ParticipantRole, string> = { candidate: 'Candidate link', collaborator: 'Edit link', viewer: 'View-only link', interviewer: 'Interviewer link' };
/** The link most people are sent comes first; the interviewer's, which opens the private notes, last. */
const ORDER: ParticipantRole[] = ['candidate', 'collaborator', 'viewer', 'interviewer'];

/** The board's links at or below this token's rights (from the server), each with what it grants and a copy button. */
export function ShareDialog({ session, onClose }: BoardDialogProps) {
  const { links, access } = useAccess(session);
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
            <ShareLink key={link.token} link={link} url={boardLink(session.boardId, link.token)} />
          ))}
          {access?.role === 'interviewer' && <ReplaceLinks session={session} interview={access.interview} />}
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

type Replacing = { step: 'idle' } | { step: 'confirm' } | { step: 'working' } | { step: 'done' } | { step: 'failed'; error: string };

/**
 * The owner's way out of a link shared by mistake: new edit and view-only links; the server
 * disconnects whoever holds the old ones at once. The interviewer's own link stays.
 */
function ReplaceLinks({ session, interview }: { session: BoardSession; interview: boolean }) {
  const [state, setState] = useState<Replacing>({ step: 'idle' });
  const edit = interview ? 'candidate' : 'edit';
  const replace = async () => {
    setState({ step: 'working' });
    const error = await replaceLinks(session.boardId, session.token!);
    if (error) return setState({ step: 'failed', error });
    await session.access?.refresh();
    setState({ step: 'done' });
  };
  return (
    <section className="share-replace" aria-label="Replace links">
      {state.step === 'confirm' ? (
        <>
          <p>New {edit} and view-only links replace the ones above. Anyone using the old ones is disconnected at once and sees that the link was replaced. Your own link stays.</p>
          <span className="share-replace-actions">
            <button type="button" className="button button-danger" onClick={() => void replace()}>
              Replace links
            </button>
            <button type="button" className="button" onClick={() => setState({ step: 'idle' })}>
              Keep them
            </button>
          </span>
        </>
      ) : (
        <>
          <button type="button" className="button" onClick={() => setState({ step: 'confirm' })} disabled={state.step === 'working'}>
            <RefreshCw size={16} aria-hidden /> {state.step === 'working' ? 'Replacing links…' : 'Replace links'}
          </button>
          {state.step === 'idle' && <span className="field-help">Shared a link by mistake? Replace the {edit} and view-only links; the old ones stop working at once.</span>}
          {state.step === 'done' && (
            <span className="field-help" role="status">
              New links are above. The old ones no longer open this board: send the new ones.
            </span>
          )}
          {state.step === 'failed' && (
            <span className="share-error" role="alert">
              {state.error}
            </span>
          )}
        </>
      )}
    </section>
  );
}
