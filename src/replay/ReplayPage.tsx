import { ReactFlowProvider, getViewportForBounds, type Viewport } from '@xyflow/react';
import * as Y from 'yjs';
import { Link2, Pause, Play } from 'lucide-react';
import { lookBackPath } from '../actions/lookBack';
import { copyText } from '../export/deliver';
import { fetchAccess } from '../sync/access';
import { notify, notifyError } from '../ui/notices';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { FlowEdge, FlowNode } from '../doc/binding';
import type { Rect } from '../doc/geometry';
import { boardBounds } from '../export/mergePlacement';
import { readBoard } from '../shared/yjsBoard';
import { readInterviewContent } from '../shared/interviewLayout';
import { readControl } from '../shared/interview/control';
import { hasPrivateNotes, readPrivateNotes } from './privateNotes';
import { fetchHistory, fetchRoomStateAt, fetchUpdates, type History, type HistoryRoom, type Mark } from './historyApi';
import { groupPeople, type People } from './people';
import { ReplayPlayer, SPEEDS, type PlayerState } from './player';
import { WindowedHistory } from './windows';
import { ReadOnlyCanvas } from './ReadOnlyCanvas';
import { MAX_ZOOM, MIN_ZOOM } from '../board/zoomLimits';
import { ReplayShell, formatClock } from './ReplayShell';
import { authorClass, whoDrew, type Kind } from './authors';
import { pageToken } from './pageToken';
import './replay.css';

/**
 * The replay of a board: the board as it was at any moment of its history, read-only, with a
 * timeline (play, pause, 1x/4x/16x, drag to any moment, marks for the timer, the framework steps
 * and the reveal), each node and edge in the colour of who drew it, and the framework notes as
 * they were then. What it may show is the server's decision: the history API answers with the
 * rooms this token may read, so a candidate's replay link never brings private notes.
 */
interface Loaded {
  history: History;
  player: ReplayPlayer;
  people: People;
  /** The interview's case title, read from the control room; null on a board that is no interview. */
  caseTitle: string | null;
  /** The interviewer room's history: the server serves it to the interviewer token only. */
  privateRoom: WindowedHistory | null;
  /** The board as it ended, where the view opens framed. */
  finalBounds: Rect | null;
}

export function ReplayPage({ boardId, at }: { boardId: string; at?: number }) {
  const token = useMemo(() => pageToken(boardId), [boardId]);
  const [loaded, setLoaded] = useState<Loaded | { error: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: Loaded | null = null;
    void openReplay(boardId, token, at).then((result) => {
      if ('error' in result) return cancelled || setLoaded(result);
      if (cancelled) return result.player.destroy();
      opened = result;
      setLoaded(result);
    });
    return () => {
      cancelled = true;
      opened?.player.destroy();
      setLoaded(null);
    };
  }, [boardId, token, at]);

  if (!loaded) return <div className="page-message">Loading the replay…</div>;
  if ('error' in loaded) return <div className="page-message error">{loaded.error}</div>;
  return (
    <ReactFlowProvider>
      <ReplayView boardId={boardId} token={token} {...loaded} />
    </ReactFlowProvider>
  );
}

/**
 * Reads what the first frame needs, never the whole history: the timeline (/history), then side by
 * side the window of the moment shown (and of the private notes, for the interviewer), the board
 * as it ended (for the view's frame) and the control room as it ended (for the case's title).
 */
async function openReplay(boardId: string, token: string | undefined, at: number | undefined): Promise<Loaded | { error: string }> {
  const history = await fetchHistory(boardId, token);
  if (!history.ok) return { error: `The history of this board could not be loaded: ${history.error}` };
  const { from, marks } = history.value;
  // The clock and the steps go on after the last edit.
  const to = Math.max(history.value.to, ...marks.map((mark) => mark.at));
  const windows = (room: HistoryRoom) => new WindowedHistory((span) => fetchUpdates(boardId, token, room, span), from, to);
  const board = windows('board');
  const privateNotes = history.value.rooms.includes('interviewer') ? windows('interviewer') : null;
  const start = at ?? from;
  const ends = Promise.all([fetchRoomStateAt(boardId, token, 'board', to), fetchRoomStateAt(boardId, token, 'control', to)]);
  // The board's window loads beside the private notes' (the player then waits for the same request).
  board.ensure(start).catch(() => undefined);
  // Only the interviewer's token may read the private notes; if they cannot be loaded, the replay goes on without them.
  const privateRoom =
    privateNotes &&
    (await privateNotes.ensure(start).then(
      () => privateNotes,
      () => null,
    ));
  const player = await ReplayPlayer.open(board, { at: start, companions: privateRoom ? [privateRoom] : [] }).catch((error: Error) => error);
  const [endState, controlState] = await ends;
  if (player instanceof Error) return { error: `The history of this board could not be loaded: ${player.message}` };
  return {
    history: history.value,
    player,
    people: groupPeople(history.value.authors),
    caseTitle: controlState.ok ? caseTitleOf(controlState.value) : null,
    privateRoom,
    finalBounds: endState.ok ? boundsOf(endState.value) : null,
  };
}

/** The interview's case title as the control room holds it. */
function caseTitleOf(state: Uint8Array): string | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readControl(doc).interview?.title ?? null;
  } finally {
    doc.destroy();
  }
}

function ReplayView({ boardId, token, history, player, people, caseTitle, privateRoom, finalBounds }: Loaded & { boardId: string; token?: string }) {
  const state = useSyncExternalStore(player.subscribe, player.getState);
  const { binding, doc, shown, index, passes } = state;
  const [byAuthor, setByAuthor] = useState(true);
  const snapshot = useSyncExternalStore(binding.subscribe, binding.getSnapshot);
  const windows = player.history;
  const notes = useMemo(() => readInterviewContent(doc)?.notes ?? {}, [doc, index]); // eslint-disable-line react-hooks/exhaustive-deps
  const title = caseTitle ?? snapshot.title;
  // Who drew what comes with the moment, and exactly once its window's engine has made its pass (`passes`).
  const colored = useAuthorColors(snapshot.nodes, snapshot.edges, byAuthor ? (kind, id) => authorClass(windows, people, doc, kind, id) : null, doc, passes);
  const drawn = useMemo(() => whoDrew(windows, people, doc, snapshot), [doc, snapshot.nodes, snapshot.edges, passes]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    document.title = `Replay: ${title} — ML Design Board`;
  }, [title]);

  // The view opens framed on the board as it ended, from its first frame: the canvas's size is read before it is drawn.
  const canvas = useRef<HTMLElement>(null);
  const [framed, setFramed] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const { width, height } = canvas.current!.getBoundingClientRect();
    setFramed(finalBounds ? getViewportForBounds(finalBounds, width, height, MIN_ZOOM, MAX_ZOOM, 0.15) : { x: 0, y: 0, zoom: 1 });
  }, [finalBounds]);

  // After the first moment is drawn, the engines' passes are made and the other windows load while the page is idle.
  useEffect(() => player.workWhenIdle(), [player]);

  return (
    <ReplayShell boardId={boardId} title={`Replay: ${title}`} tools={token ? <CandidateLink boardId={boardId} token={token} /> : undefined}>
      <div className="replay-body">
        <main ref={canvas} className="replay-canvas" aria-label="Board at this moment">
          {framed && <ReadOnlyCanvas binding={binding} nodes={colored.nodes} edges={colored.edges} defaultViewport={framed} />}
          <AuthorStyles people={people} />
        </main>
        <aside className="replay-side" aria-label="At this moment">
          <label className="replay-toggle">
            <input type="checkbox" checked={byAuthor} onChange={(e) => setByAuthor(e.target.checked)} /> Colour by who drew it
          </label>
          {byAuthor && (
            <ul className="replay-people" aria-label="Who drew what">
              {people.list
                .filter((person) => person.named || drawn.has(person.name))
                .map((person) => (
                  <li key={person.name}>
                    <span className="replay-swatch" style={{ background: person.color }} aria-hidden /> {person.name}
                    <span className="muted"> · {drawn.get(person.name) ?? 0} on the board</span>
                  </li>
                ))}
            </ul>
          )}
          <h2>Framework notes at {formatClock(shown - windows.from)}</h2>
          <dl className="replay-notes">
            {FRAMEWORK_STEPS.map((step) => (
              <div key={step.id}>
                <dt>{step.title}</dt>
                <dd className={notes[step.id] ? undefined : 'muted'}>{notes[step.id] || 'Nothing yet'}</dd>
              </div>
            ))}
          </dl>
          {privateRoom && <PrivateNotesAt room={privateRoom} at={shown} clock={formatClock(shown - windows.from)} />}
        </aside>
      </div>
      <Timeline player={player} marks={history.marks} state={state} />
    </ReplayShell>
  );
}

/** The interviewer's rubric and private notes as they were at the moment shown (the player loads its window with the board's). */
function PrivateNotesAt({ room, at, clock }: { room: WindowedHistory; at: number; clock: string }) {
  const engine = room.engineAt(at);
  const index = engine?.indexAt(at);
  const notes = useMemo(() => (engine ? readPrivateNotes(engine.seekIndex(index!).doc) : null), [engine, index]);
  if (!notes) return null;
  const graded = FRAMEWORK_STEPS.filter((step) => notes.grades[step.id] || notes.gradeNotes[step.id]);
  return (
    <section className="replay-private" aria-label="Your private notes at this moment">
      <h2>Your private notes at {clock}</h2>
      {!hasPrivateNotes(notes) && <p className="muted">Nothing yet</p>}
      {graded.length > 0 && (
        <dl className="replay-notes">
          {graded.map((step) => (
            <div key={step.id}>
              <dt>
                {step.title}
                {notes.grades[step.id] ? `: ${notes.grades[step.id]}` : ''}
              </dt>
              {notes.gradeNotes[step.id] && <dd>{notes.gradeNotes[step.id]}</dd>}
            </div>
          ))}
        </dl>
      )}
      {notes.notes && <p className="replay-private-text">{notes.notes}</p>}
    </section>
  );
}

export function markLabel(mark: Mark): string {
  switch (mark.kind) {
    case 'timer-start':
      return 'Timer started';
    case 'timer-pause':
      return 'Timer paused';
    case 'reveal':
      return 'Answer revealed';
    case 'step': {
      const step = mark.step === undefined ? undefined : FRAMEWORK_STEPS[mark.step];
      return step ? `Step ${mark.step! + 1}: ${step.title}` : 'Step changed';
    }
  }
}

function Timeline({ player, marks, state }: { player: ReplayPlayer; marks: Mark[]; state: PlayerState }) {
  const { playing, speed, at, loading, problem } = state;
  const { from, to } = player.history;
  const span = Math.max(1, to - from);
  const shown = marks.filter((mark) => mark.at >= from && mark.at <= to);
  return (
    <div className="replay-timeline" role="group" aria-label="Timeline">
      <button type="button" className="icon-button" aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause' : 'Play'} onClick={() => (playing ? player.pause() : player.play())}>
        {playing ? <Pause size={18} aria-hidden /> : <Play size={18} aria-hidden />}
      </button>
      <div className="replay-speeds" role="radiogroup" aria-label="Speed">
        {SPEEDS.map((s) => (
          <button key={s} type="button" role="radio" aria-checked={speed === s} className={`button${speed === s ? ' is-on' : ''}`} onClick={() => player.setSpeed(s)}>
            {s}x
          </button>
        ))}
      </div>
      <div className="replay-track">
        <div className="replay-marks">
          {shown.map((mark, i) => (
            <button
              key={i}
              type="button"
              className={`replay-mark replay-mark-${mark.kind}`}
              style={{ left: `${((mark.at - from) / span) * 100}%` }}
              title={`${markLabel(mark)} (${formatClock(mark.at - from)})`}
              aria-label={`${markLabel(mark)} at ${formatClock(mark.at - from)}`}
              onClick={() => player.seek(mark.at)}
            />
          ))}
        </div>
        <input
          type="range"
          className="replay-slider"
          aria-label="Moment"
          min={from}
          max={to}
          step={100}
          value={at}
          aria-valuetext={formatClock(at - from)}
          onChange={(e) => player.seek(Number(e.target.value))}
        />
      </div>
      <span className="replay-clock" aria-live="off">
        {formatClock(at - from)} / {formatClock(to - from)}
        {loading && <span className="muted"> · loading</span>}
      </span>
      {problem && (
        <p className="replay-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * Nodes and edges with the class of their author, read again when the document shown or `known` (what
 * the passes tell of who drew what) changes. A node or edge the view gives again unchanged (the same object) comes back as the
 * same coloured object while its class is the same, so React Flow draws again only what changed; the
 * edges' array too, while it is the same.
 */
function useAuthorColors(nodes: FlowNode[], edges: FlowEdge[], classOf: ((kind: Kind, id: string) => string | undefined) | null, shown: Y.Doc, known: number) {
  const on = classOf !== null;
  const [coloured] = useState(() => new WeakMap<FlowNode | FlowEdge, FlowNode | FlowEdge>());
  const colour = <T extends FlowNode | FlowEdge>(kind: Kind, item: T): T => {
    const className = classOf!(kind, item.id);
    const before = coloured.get(item) as T | undefined;
    if (before && before.className === className) return before;
    const next = { ...item, className };
    coloured.set(item, next);
    return next;
  };
  const colouredNodes = useMemo(() => (on ? nodes.map((node) => colour('node', node)) : nodes), [nodes, on, shown, known]); // eslint-disable-line react-hooks/exhaustive-deps
  const colouredEdges = useMemo(() => (on ? edges.map((edge) => colour('edge', edge)) : edges), [edges, on, shown, known]); // eslint-disable-line react-hooks/exhaustive-deps
  return { nodes: colouredNodes, edges: colouredEdges };
}

/** One rule per person: a ring round the nodes they drew, their colour on their edges. */
function AuthorStyles({ people }: { people: People }) {
  const css = people.list.map((person, i) => `.replay-by-${i}{--replay-author:${person.color}}`).join('\n');
  return <style>{css}</style>;
}

/** The bounds of the board held in an encoded state; null for an empty board. */
function boundsOf(state: Uint8Array): Rect | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return boardBounds(readBoard(doc));
  } finally {
    doc.destroy();
  }
}

/**
 * For the interviewer: the replay link to give the candidate, with the candidate's own token. What
 * that link shows is the server's decision (the candidate's token reads no private room).
 */
function CandidateLink({ boardId, token }: { boardId: string; token: string }) {
  const [candidateToken, setCandidateToken] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetchAccess(boardId, token).then((result) => {
      if (!live || !result.ok || result.access.role !== 'interviewer') return;
      const link = result.access.links.find((l) => l.role === 'candidate') ?? result.access.links.find((l) => l.role === 'collaborator');
      if (link) setCandidateToken(link.token);
    });
    return () => {
      live = false;
    };
  }, [boardId, token]);
  if (!candidateToken) return null;
  const href = `${window.location.origin}${lookBackPath(boardId, 'replay', candidateToken)}`;
  return (
    <button
      type="button"
      className="button"
      data-link={href}
      title="A link to this replay for the candidate: it opens with the candidate's rights, without your private notes."
      onClick={() =>
        copyText(href).then(
          () => notify("The candidate's replay link is copied."),
          (error: Error) => notifyError(`The link could not be copied: ${error.message}`),
        )
      }
    >
      <Link2 size={16} aria-hidden /> Copy the candidate's link
    </button>
  );
}
