import { Check, Copy, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import { boardLink } from '../sync/boardTokens';
import { useAccess } from '../collab/useBoardAccess';
import { useBoardPresence, usePresence } from '../collab/usePresence';
import { useBoardTitle } from '../board/BoardContext';
import { useControl, useControlActions } from './useControl';
import './interview.css';

const SENT_KEY = 'mldb.candidateLinkSent';

function readSent(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(SENT_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the interviewer has copied this board's candidate link, remembered across reloads. */
function useLinkSent(boardId: string): [boolean, () => void] {
  const [sent, setSent] = useState(() => readSent().includes(boardId));
  const markSent = () => {
    setSent(true);
    try {
      localStorage.setItem(SENT_KEY, JSON.stringify([boardId, ...readSent().filter((id) => id !== boardId)].slice(0, 50)));
    } catch {
      // Storage full or disabled: remembered for this page.
    }
  };
  return [sent, markSent];
}

/**
 * The interviewer's first minute on an interview board, over the canvas: send the candidate their
 * link, see them arrive (live, from presence), start the timer. It goes away once the timer runs.
 * Only the interviewer of an interview board sees it (the server says both).
 */
export function InterviewChecklist({ session }: BoardPanelProps) {
  const { access, links } = useAccess(session);
  const { peers } = usePresence(useBoardPresence(session));
  const { timer } = useControl(session);
  const actions = useControlActions(session);
  const title = useBoardTitle();
  const [sent, markSent] = useLinkSent(session.boardId);
  const [hidden, setHidden] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const linkId = useId();

  const idle = timer.startedAt === null && timer.elapsedBeforeMs === 0;
  if (!access?.interview || !actions || !idle || hidden) return null;

  const candidateLink = links?.find((link) => link.role === 'candidate');
  const url = candidateLink ? boardLink(session.boardId, candidateLink.token) : null;
  const candidates = peers.filter((peer) => peer.user.role === 'candidate');
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
      markSent();
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section className="interview-checklist canvas-overlay" aria-label="Interview checklist">
      <header className="interview-checklist-header">
        <div>
          <span className="interview-checklist-kicker">Mock interview · you are the interviewer</span>
          <h2>{title}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Hide the checklist" title="Hide the checklist" onClick={() => setHidden(true)}>
          <X size={16} aria-hidden />
        </button>
      </header>
      <ol className="interview-checklist-steps">
        <li className={sent ? 'is-done' : 'is-current'}>
          <StepMark done={sent} n={1} />
          <div className="interview-checklist-body">
            <label htmlFor={linkId}>Send this link to your candidate</label>
            {url ? (
              <span className="share-link-row">
                <input id={linkId} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} onCopy={markSent} />
                <button type="button" className={sent ? 'button' : 'button button-primary'} onClick={() => void copy()} aria-label="Copy the candidate link">
                  {copied === 'yes' ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
                  {copied === 'yes' ? 'Copied' : 'Copy'}
                </button>
              </span>
            ) : (
              <span className="muted">Asking the server for the link…</span>
            )}
            <span className="field-help">
              {copied === 'failed'
                ? 'The browser did not allow copying: select the link and copy it yourself.'
                : 'It makes them the candidate: they see the prompt and draw with you, not your notes nor the answer.'}
            </span>
          </div>
        </li>
        <li className={candidates.length ? 'is-done' : sent ? 'is-current' : ''} aria-live="polite">
          <StepMark done={candidates.length > 0} n={2} />
          <div className="interview-checklist-body">
            <span>{candidates.length ? `${candidates.map((c) => c.user.name).join(', ')} joined` : 'Candidate joined'}</span>
            {!candidates.length && <span className="field-help">Waiting for them to open the link…</span>}
          </div>
        </li>
        <li className={candidates.length ? 'is-current' : ''}>
          <StepMark done={false} n={3} />
          <div className="interview-checklist-body interview-checklist-start">
            <span>Start the timer</span>
            <button type="button" className={candidates.length ? 'button button-primary' : 'button'} onClick={() => actions.start()}>
              Start the timer
            </button>
          </div>
        </li>
      </ol>
    </section>
  );
}

function StepMark({ done, n }: { done: boolean; n: number }) {
  return (
    <span className="interview-checklist-mark" aria-label={done ? 'Done' : `Step ${n}`}>
      {done ? <Check size={14} aria-hidden /> : n}
    </span>
  );
}
