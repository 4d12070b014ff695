import * as Y from 'yjs';
import type { BoardFile } from '../shared/format';
import { readControl } from '../shared/interview/control';
import { buildDebrief, type Debrief } from './debrief';
import { ReplayEngine, type ReplaySource } from './engine';
import type { Fetched, History, HistoryRoom, Mark } from './historyApi';
import { groupPeople } from './people';
import { readPrivateNotes } from './privateNotes';

/**
 * What the debrief reads of a board's history, and in what order (React-free; the page binds the
 * source to the server with src/replay/historyApi.ts). The debrief reports on the interview, not on
 * the board's whole life, so it reads the board room over the interview's span only (interviewSpan):
 * `/history/updates?room=board&from=<start>[&to=<end>]`, whose answer is the board at the start and
 * the updates stored during the interview, and costs what the interview holds, however long the board
 * lived before or after it. Around it:
 * - `/history` for the marks (timer, steps, reveal) and the authors' names;
 * - the control room whole: it says where the interview starts, and it holds a few changes per
 *   interview (the case, the clock, the steps), which `/history` reads whole for the marks anyway;
 * - the interviewer room as it is now (`/history/state`, one snapshot interval): the rubric and the
 *   private notes are the interviewer's assessment, often finished after the end; it is asked for
 *   only when `/history` lists it among the token's rooms (the interviewer's token), so any other
 *   token's debrief has no private part at all.
 */
export interface DebriefSource {
  history(): Promise<Fetched<History>>;
  /** A room's state at `from` and the updates stored after it through `to` (the whole history without a window). */
  updates(room: HistoryRoom, window?: { from: number; to?: number }): Promise<Fetched<ReplaySource>>;
  /** A room's encoded state with every update stored at or before `at`. */
  stateAt(room: HistoryRoom, at: number): Promise<Fetched<Uint8Array>>;
  /** The case study's reference diagram, or null when this token may not have it (the candidate, before the reveal). */
  reference(templateId: string): Promise<BoardFile | null>;
}

/** Later than any stored update: `/history/state` at this moment is the room as it is now. */
const NOW = Number.MAX_SAFE_INTEGER;

export interface InterviewSpan {
  /** Epoch ms of the control room's first change. */
  start: number;
  /** Epoch ms of the reveal; null while the interview has not ended (the span runs to now). */
  end: number | null;
}

/**
 * The interview's span: from the control room's first change, when the board became an interview
 * board (created as one, or made one from its menu: the case and the clock are set then, before the
 * timer starts, so whatever is drawn while waiting for it still gets a time), to the first reveal
 * ("End interview and reveal") after it. Null for a board that never was an interview: it has no
 * span, and its debrief reads the board's history whole.
 */
export function interviewSpan(control: ReplayEngine, marks: readonly Mark[]): InterviewSpan | null {
  const latest = control.docAt(control.to);
  const isInterview = readControl(latest).interview !== null;
  latest.destroy();
  if (!isInterview) return null;
  const start = control.from;
  const reveals = marks.filter((m) => m.kind === 'reveal' && m.at >= start).map((m) => m.at);
  return { start, end: reveals.length ? Math.min(...reveals) : null };
}

export async function loadDebrief(source: DebriefSource): Promise<Fetched<{ debrief: Debrief; board: ReplayEngine; span: InterviewSpan | null }>> {
  const historyRead = source.history();
  const privateRead = historyRead.then((read) => (read.ok && read.value.rooms.includes('interviewer') ? source.stateAt('interviewer', NOW) : null));
  const [history, controlRoom, privateRoom] = await Promise.all([historyRead, source.updates('control'), privateRead]);
  if (!history.ok) return history;
  if (!controlRoom.ok) return controlRoom;
  const { marks, authors } = history.value;
  const control = new ReplayEngine(controlRoom.value);
  const span = interviewSpan(control, marks);
  const boardRoom = await source.updates('board', span ? { from: span.start, ...(span.end === null ? {} : { to: span.end }) } : undefined);
  if (!boardRoom.ok) return boardRoom;
  // The base is the board at the interview's start; an earlier base time is only when its last update was stored.
  // While the interview runs, its clock and steps go on after the board's last change.
  const base = { at: Math.max(boardRoom.value.base.at, span?.start ?? 0), state: boardRoom.value.base.state };
  const board = new ReplayEngine({ base, updates: boardRoom.value.updates }, { until: span?.end ?? Math.max(control.to, ...marks.map((m) => m.at)) });
  const controlState = withDoc(control.docAt(board.to), readControl);
  const templateId = controlState.interview?.templateId ?? withDoc(board.docAt(board.to), templateOf);
  const debrief = buildDebrief({
    board,
    control: controlState,
    privatePart: privateRoom?.ok ? withDoc(docOf(privateRoom.value), readPrivateNotes) : null,
    marks,
    people: groupPeople(authors),
    reference: templateId ? await source.reference(templateId) : null,
  });
  return { ok: true, value: { debrief, board, span } };
}

function withDoc<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The template a board was made from, when the control room names no case study. */
function templateOf(doc: Y.Doc): string | undefined {
  const id = (doc.getMap('meta').get('template') as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
