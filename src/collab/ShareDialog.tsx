import { Check, Copy } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Dialog } from '../app/Dialog';
import type { BoardDialogProps } from '../app/extensions';
import { boardPath } from '../app/router';
import type { Role } from '../shared/boardId';
import { fetchLinks, type BoardLinks } from './access';

const LINKS: { role: Role; label: string; help: string }[] = [
  { role: 'edit', label: 'Edit link', help: 'Anyone with this link can change the board.' },
  { role: 'read', label: 'View-only link', help: 'Anyone with this link sees the board and the others live, without changing it.' },
  { role: 'interviewer', label: 'Interviewer link', help: 'Edit rights plus the private interviewer notes. Keep it for interviewers.' },
];

/** The board's links at or below this token's rights (from the server), each with a copy button. */
export function ShareDialog({ session, onClose }: BoardDialogProps) {
  const [links, setLinks] = useState<BoardLinks | { error: string } | null>(null);
  const { boardId, token } = session;

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    void fetchLinks(boardId, token).then((result) => !cancelled && setLinks(result.ok ? result.links : { error: result.error }));
    return () => {
      cancelled = true;
    };
  }, [boardId, token]);

  return (
    <Dialog title="Share this board" onClose={onClose} className="share-dialog">
      {!token ? (
        <p>This board was created while no server answered: it lives in this browser only and has no links to share.</p>
      ) : links === null ? (
        <p className="muted">Asking the server for the links…</p>
      ) : 'error' in links ? (
        <p role="alert" className="share-error">
          The links cannot be shown: {links.error}
        </p>
      ) : (
        <div className="share-links">
          {LINKS.filter(({ role }) => links.tokens[role]).map(({ role, label, help }) => (
            <ShareLink key={role} label={label} help={help} url={new URL(boardPath(boardId, links.tokens[role]), window.location.origin).href} />
          ))}
        </div>
      )}
    </Dialog>
  );
}

function ShareLink({ label, help, url }: { label: string; help: string; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="field share-link">
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
      <span className="field-help">{copied === 'failed' ? 'The browser did not allow copying: select the link and copy it yourself.' : help}</span>
    </div>
  );
}
