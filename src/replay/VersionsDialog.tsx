import { useEffect, useRef, useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notices';
import { followLink } from '../ui/router';
import type { BoardDialogProps } from '../ui/slots';
import { lookBackPath } from '../actions/lookBack';
import { readProfile } from '../collab/profile';
import { openAsNewBoard } from '../export/openAsNewBoard';
import type { LinkedStep } from '../doc/undoGroups';
import { restorePrivateContent } from '../interview/interviewerDoc';
import { holdInterviewerRoom } from '../interview/interviewerRoom';
import { useIsInterviewer } from '../interview/useInterviewerRole';
import type { BoardFile } from '../shared/format';
import { addCheckpoint, fetchBoardAt, fetchHistory, fetchRoomStateAt, type Moment } from './historyApi';
import { readPrivateNotes, type PrivateNotes } from './privateNotes';
import { VersionPreview } from './VersionPreview';
import './replay.css';

/**
 * Version history: the moments the server keeps of this board (one every few minutes of activity,
 * and the checkpoints people named, "before the redesign"), newest first. A moment is previewed
 * (drawn read-only) before it opens as a new board or is restored into this one. A restore brings
 * back the board and its framework notes as they were, through the binding's replaceBoard: one
 * transaction, so one undo brings back what was there. For the interviewer it brings back their
 * private notes of that moment too (another document, room `<boardId>.interviewer`), written as a
 * step the board's undo and redo take along. Naming a checkpoint needs an edit link (the server
 * refuses a read token).
 */
type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; moments: Moment[] };
/** The interviewer's private notes of the previewed moment, and their room held open to write them back. */
type PrivatePart = { ok: true; notes: PrivateNotes; hold: ReturnType<typeof holdInterviewerRoom> } | { ok: false; error: string };
type Preview = { moment: Moment; board: BoardFile; privatePart: PrivatePart | null };

/** How long a restore waits for the private room's copy from the server before it restores the board alone. */
const PRIVATE_SYNC_WAIT_MS = 10_000;

export function VersionsDialog({ session, binding, onClose }: BoardDialogProps) {
  const { boardId, token } = session;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<number | 'checkpoint' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [reloads, setReloads] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const interviewer = useIsInterviewer(session);
  // The private room held for the preview shown; a restore hands it over to its undo step.
  const held = useRef<PrivatePart | null>(null);
  const holdPrivate = (part: PrivatePart | null) => {
    if (held.current?.ok) held.current.hold.release();
    held.current = part;
  };
  useEffect(() => () => holdPrivate(null), []);

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
    const [result, privatePart] = await Promise.all([fetchBoardAt(boardId, token, moment.at), interviewer && token ? privateAt(moment.at, token) : null]);
    setBusy(null);
    holdPrivate(privatePart);
    if (!result.ok) return (holdPrivate(null), setError(`That version could not be loaded: ${result.error} The board was not changed.`));
    setPreview({ moment, board: result.value, privatePart });
  }

  async function privateAt(at: number, interviewerToken: string): Promise<PrivatePart> {
    const state = await fetchRoomStateAt(boardId, interviewerToken, 'interviewer', at);
    if (!state.ok) return { ok: false, error: state.error };
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state.value);
      return { ok: true, notes: readPrivateNotes(doc), hold: holdInterviewerRoom(boardId, interviewerToken) };
    } catch {
      return { ok: false, error: 'The server sent private notes this app cannot read.' };
    } finally {
      doc.destroy();
    }
  }

  /** Writes the private notes back once their room holds the server's copy (else the board is restored alone). */
  async function restorePrivate(part: PrivatePart | null): Promise<{ step: LinkedStep | null; error: string | null }> {
    if (!part) return { step: null, error: null };
    if (!part.ok) return { step: null, error: part.error };
    const { room, release } = part.hold;
    const synced = await Promise.race([room.synced.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PRIVATE_SYNC_WAIT_MS))]);
    if (!synced) return { step: null, error: 'Your private notes could not be reached.' };
    held.current = null;
    const step = restorePrivateContent(room.types, part.notes);
    return { step: { ...step, destroy: () => (step.destroy(), release()) }, error: null };
  }

  async function open({ board }: Preview) {
    try {
      await openAsNewBoard(board);
      onClose();
    } catch (failure) {
      setError(`That version could not be opened: ${(failure as Error).message}`);
    }
  }

  async function restore({ moment, board, privatePart }: Preview) {
    setBusy(moment.at);
    const { step, error: privateError } = await restorePrivate(privatePart);
    setBusy(null);
    // A moment without any notes clears today's: the notes come back as they were, empty ones too.
    binding.replaceBoard({ ...board, interview: board.interview ?? {} }, step ?? undefined);
    const what = step ? 'the board, its notes and your private notes' : 'the board and its notes';
    const unrestored = privateError ? ` Your private notes were not restored: ${privateError}` : '';
    notify(`Restored ${what} as they were ${describeMoment(moment)}. Undo brings back what was there, in one step.${unrestored}`);
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
          {preview.privatePart && (
            <p className="muted">
              {preview.privatePart.ok
                ? 'A restore brings back your private notes of that moment too.'
                : `Your private notes of that moment could not be loaded (${preview.privatePart.error}): a restore brings back the board only.`}
            </p>
          )}
          <div className="button-row">
            <span className="muted">{describeMoment(preview.moment)}</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                holdPrivate(null);
                setPreview(null);
              }}
            >
              Close preview
            </button>
            <button type="button" className="button" onClick={() => void open(preview)}>
              Open as new board
            </button>
            {!readOnly && (
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void restore(preview)}>
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
