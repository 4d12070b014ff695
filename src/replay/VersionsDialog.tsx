import { useEffect, useState, type FormEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notices';
import { followLink } from '../ui/router';
import type { BoardDialogProps } from '../ui/slots';
import { lookBackPath } from '../actions/lookBack';
import { readProfile } from '../collab/profile';
import { openAsNewBoard } from '../export/openAsNewBoard';
import type { BoardFile } from '../shared/format';
import { addCheckpoint, fetchBoardAt, fetchHistory, type Moment } from './historyApi';
import { VersionPreview } from './VersionPreview';
import './replay.css';

/**
 * Version history: the moments the server keeps of this board (one every few minutes of activity,
 * and the checkpoints people named, "before the redesign"), newest first. A moment is previewed
 * (drawn read-only) before it opens as a new board or is restored into this one. A restore brings
 * back the board and its framework notes as they were, through the binding's replaceBoard: one
 * transaction, so one undo brings back what was there. Naming a checkpoint needs an edit link (the
 * server refuses a read token).
 */
type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; moments: Moment[] };
type Preview = { moment: Moment; board: BoardFile };

export function VersionsDialog({ session, binding, onClose }: BoardDialogProps) {
  const { boardId, token } = session;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<number | 'checkpoint' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [reloads, setReloads] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);

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

  async function showPreview(moment: Moment) {
    setBusy(moment.at);
    setError(null);
    const result = await fetchBoardAt(boardId, token, moment.at);
    setBusy(null);
    if (!result.ok) return setError(`That version could not be loaded: ${result.error} The board was not changed.`);
    setPreview({ moment, board: result.value });
  }

  async function open({ board }: Preview) {
    try {
      await openAsNewBoard(board);
      onClose();
    } catch (failure) {
      setError(`That version could not be opened: ${(failure as Error).message}`);
    }
  }

  function restore({ moment, board }: Preview) {
    // A moment without any notes clears today's: the notes come back as they were, empty ones too.
    binding.replaceBoard({ ...board, interview: board.interview ?? {} });
    notify(`Restored the board and its notes as they were ${describeMoment(moment)}. Undo brings back what was there, in one step.`);
    onClose();
  }

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
      {preview && (
        <section className="versions-preview" aria-label="Preview">
          <VersionPreview board={preview.board} label={describeMoment(preview.moment)} />
          <div className="button-row">
            <span className="muted">{describeMoment(preview.moment)}</span>
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Close preview
            </button>
            <button type="button" className="button" onClick={() => void open(preview)}>
              Open as new board
            </button>
            {!readOnly && (
              <button type="button" className="button button-primary" onClick={() => restore(preview)}>
                Restore here
              </button>
            )}
          </div>
        </section>
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
                <button
                  type="button"
                  className={`button${preview?.moment === moment ? ' is-on' : ''}`}
                  aria-pressed={preview?.moment === moment}
                  disabled={busy !== null}
                  onClick={() => void showPreview(moment)}
                >
                  {busy === moment.at ? 'Loading…' : 'Preview'}
                </button>
                <a className="button" href={lookBackPath(boardId, 'replay', undefined, { at: moment.at })} onClick={followLink}>
                  Replay
                </a>
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
