import { useEffect, useState, type FormEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notices';
import { followLink } from '../ui/router';
import type { BoardDialogProps } from '../ui/slots';
import { lookBackPath } from '../actions/lookBack';
import { readProfile } from '../collab/profile';
import { openAsNewBoard } from '../export/openAsNewBoard';
import { addCheckpoint, fetchBoardAt, fetchHistory, type Moment } from './historyApi';
import './replay.css';

/**
 * Version history: the moments the server keeps of this board (one every few minutes of activity,
 * and the checkpoints people named, "before the redesign"), newest first. Any moment opens as a
 * new board or is restored into this one; a restore goes through the binding's replaceBoard, one
 * transaction, so one undo brings back what was there. Naming a checkpoint needs an edit link
 * (the server refuses a read token).
 */
type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; moments: Moment[] };

export function VersionsDialog({ session, binding, onClose }: BoardDialogProps) {
  const { boardId, token } = session;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<number | 'checkpoint' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    void fetchHistory(boardId, token).then((result) => {
      if (!live) return;
      if (result.ok) setLoad({ state: 'ready', moments: [...result.value.moments].sort((a, b) => b.at - a.at) });
      else setLoad({ state: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [boardId, token, reloads]);

  async function withBoardAt(at: number, open: (board: Parameters<typeof openAsNewBoard>[0]) => Promise<void> | void) {
    setBusy(at);
    setError(null);
    const result = await fetchBoardAt(boardId, token, at);
    if (!result.ok) {
      setBusy(null);
      setError(`That version could not be loaded: ${result.error} The board was not changed.`);
      return;
    }
    try {
      await open(result.value);
      onClose();
    } catch (failure) {
      setError(`That version could not be opened: ${(failure as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  const restore = (moment: Moment) =>
    withBoardAt(moment.at, (board) => {
      binding.replaceBoard(board);
      notify(`Restored the board as it was ${describeMoment(moment)}. Undo brings back what was there, in one step.`);
    });

  async function saveCheckpoint(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy('checkpoint');
    setError(null);
    const result = await addCheckpoint(boardId, token, trimmed, readProfile()?.name);
    setBusy(null);
    if (!result.ok) return setError(`The checkpoint was not saved: ${result.error}`);
    setName('');
    setReloads((n) => n + 1);
  }

  const readOnly = binding.readOnly;
  return (
    <Dialog title="Version history" className="versions-dialog" onClose={onClose}>
      {!readOnly && (
        <form className="versions-checkpoint" onSubmit={(e) => void saveCheckpoint(e)}>
          <input
            className="search-input"
            aria-label="Checkpoint name"
            placeholder="Name this moment, e.g. before the redesign"
            maxLength={200}
            value={name}
            data-autofocus
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button" disabled={!name.trim() || busy !== null}>
            Add checkpoint
          </button>
        </form>
      )}
      {error && (
        <p className="export-status export-status-error" role="alert">
          {error}
        </p>
      )}
      {load.state === 'loading' && <p className="muted">Loading the versions…</p>}
      {load.state === 'error' && (
        <p className="export-status export-status-error" role="alert">
          The versions of this board could not be loaded: {load.error}
        </p>
      )}
      {load.state === 'ready' && !load.moments.length && <p className="muted">No versions yet: they are kept every few minutes while people draw.</p>}
      {load.state === 'ready' && load.moments.length > 0 && (
        <ol className="versions-list" aria-label="Versions">
          {load.moments.map((moment) => (
            <li key={`${moment.at}-${moment.kind}-${moment.name ?? ''}`} className="versions-item">
              <div className="versions-what">
                <strong>{moment.kind === 'checkpoint' ? moment.name || 'Checkpoint' : 'Automatic'}</strong>
                <span className="muted">
                  {formatWhen(moment.at)}
                  {moment.by ? ` · ${moment.by}` : ''}
                </span>
              </div>
              <div className="button-row">
                <a className="button" href={lookBackPath(boardId, 'replay', undefined, { at: moment.at })} onClick={followLink}>
                  Replay
                </a>
                <button type="button" className="button" disabled={busy !== null} onClick={() => void withBoardAt(moment.at, openAsNewBoard)}>
                  Open as new board
                </button>
                {!readOnly && (
                  <button type="button" className="button" disabled={busy !== null} onClick={() => void restore(moment)}>
                    {busy === moment.at ? 'Restoring…' : 'Restore here'}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

function describeMoment(moment: Moment): string {
  return moment.kind === 'checkpoint' && moment.name ? `at “${moment.name}” (${formatWhen(moment.at)})` : `at ${formatWhen(moment.at)}`;
}

/** "14:05" today, "3 Dec, 14:05" on another day. */
export function formatWhen(at: number, now = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString() ? time : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${time}`;
}
