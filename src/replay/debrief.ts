import { getNodeType, variantOf } from '../catalog';
import { compareWithReference, type Comparison } from '../interview/compare';
import { review, type Finding } from '../review';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { BoardFile, BoardNode } from '../shared/format';
import type { ControlState } from '../shared/interview/control';
import { DEFAULT_DURATION_MS, stepBudgets } from '../shared/interview/timer';
import { readBoard } from '../shared/yjsBoard';
import { readInterviewContent } from '../shared/interviewLayout';
import type { ReplayEngine } from './engine';
import type { Mark } from './historyApi';
import type { People } from './people';
import type { PrivateNotes } from './privateNotes';

/**
 * The debrief of an interview, computed from the board's history over the interview (React-free;
 * what is read, and why: ./debriefLoad.ts): the prompt, the time spent in each framework step
 * against its budget, when each component appeared and who drew it, the review's findings at the end
 * and those raised and fixed along the way (the review run over the replayed board), coverage against
 * the reference, and, for the interviewer only, the rubric and the private notes. `privatePart` is
 * filled only from the interviewer room, which the server serves to the interviewer token alone; the
 * candidate's copy is rendered without it.
 */
export interface StepTime {
  id: FrameworkStepId;
  title: string;
  budgetMs: number;
  /** Time the timer ran while this was the current step (from the step and timer marks). */
  spentMs: number;
  /** Updates that changed this step's shared notes, and the first and last of them (ms from the start). */
  noteEdits: number;
  firstNoteAt: number | null;
  lastNoteAt: number | null;
}

export interface Appearance {
  id: string;
  title: string;
  typeLabel: string;
  /** Ms from the start; null: already on the board when the interview started. */
  at: number | null;
  by: string;
}

export interface FixedFinding {
  finding: Finding;
  /** Ms from the start; null: already raised by the board the interview started with. */
  raisedAt: number | null;
  fixedAt: number;
}

export interface Debrief {
  title: string;
  prompt: { title: string; text: string } | null;
  /** Epoch ms of the interview's start, and the time to its end. */
  startedAt: number;
  durationMs: number;
  interviewMs: number;
  steps: StepTime[];
  appearances: Appearance[];
  findings: Finding[];
  fixed: FixedFinding[];
  coverage: Comparison | null;
  finalBoard: BoardFile;
  notes: Partial<Record<FrameworkStepId, string>>;
  privatePart: PrivateNotes | null;
}

export interface DebriefInput {
  /**
   * The board room over the interview: its base is the board at the start (`from`), its updates those
   * stored during the interview, and `to` is its end (while the interview runs, the clock and steps go
   * on after the board's last change).
   */
  board: ReplayEngine;
  /** The control state at the end (prompt, duration); null on a board without one. */
  control: ControlState | null;
  /** The interviewer's rubric and private notes: only the interviewer's browser has them. */
  privatePart: PrivateNotes | null;
  marks: readonly Mark[];
  people: People;
  /** The reference diagram of the case study, when the board follows one. */
  reference?: BoardFile | null;
  /** How many replayed states the review runs over, at most (evenly spread over the interview's updates). */
  reviewSamples?: number;
}

export function buildDebrief(input: DebriefInput): Debrief {
  const { board, control, marks, people } = input;
  const finalDoc = board.docAt(board.to);
  const finalBoard = readBoard(finalDoc);
  const notes = readInterviewContent(finalDoc)?.notes ?? {};
  finalDoc.destroy();
  const setup = control?.interview ?? null;
  const interviewMs = control?.timer.durationMs ?? DEFAULT_DURATION_MS;
  const start = board.from;
  const end = board.to;
  const template = finalBoard.template;
  return {
    title: setup?.title ?? finalBoard.title,
    prompt: setup ? { title: setup.title, text: setup.prompt } : template?.prompt ? { title: template.title, text: template.prompt } : null,
    startedAt: start,
    durationMs: end - start,
    interviewMs,
    steps: stepTimes(board, end, marks, interviewMs),
    appearances: appearances(board, finalBoard, people),
    findings: review(finalBoard),
    fixed: fixedFindings(board, input.reviewSamples ?? 200),
    coverage: input.reference ? compareWithReference(componentsOf(finalBoard.nodes), componentsOf(input.reference.nodes)) : null,
    finalBoard,
    notes,
    privatePart: input.privatePart,
  };
}

function componentsOf(nodes: readonly BoardNode[]): BoardNode[] {
  return nodes.filter((node) => variantOf(node.type) === 'component');
}

/**
 * Time per step: the timer marks say when the clock ran, the step marks which step was current.
 * Without any timer mark the clock is taken to run from the first step mark (or the start).
 */
export function stepTimes(board: Pick<ReplayEngine, 'from' | 'activity'>, end: number, marks: readonly Mark[], interviewMs: number): StepTime[] {
  const sorted = [...marks].filter((m) => m.at >= board.from && m.at <= end).sort((a, b) => a.at - b.at);
  const hasTimer = sorted.some((m) => m.kind === 'timer-start');
  const spent = new Array<number>(FRAMEWORK_STEPS.length).fill(0);
  let step = 0;
  let runningSince: number | null = hasTimer ? null : (sorted.find((m) => m.kind === 'step')?.at ?? board.from);
  let ended = false;
  const bank = (until: number) => {
    if (runningSince !== null && !ended) spent[step]! += Math.max(0, until - runningSince);
    runningSince = runningSince === null ? null : until;
  };
  for (const mark of sorted) {
    if (ended) break;
    if (mark.kind === 'timer-start') {
      bank(mark.at);
      runningSince ??= mark.at;
    } else if (mark.kind === 'timer-pause') {
      bank(mark.at);
      runningSince = null;
    } else if (mark.kind === 'step' && mark.step !== undefined) {
      bank(mark.at);
      step = Math.min(FRAMEWORK_STEPS.length - 1, Math.max(0, mark.step));
    } else if (mark.kind === 'reveal') {
      bank(mark.at);
      ended = true;
    }
  }
  bank(end);
  const budgets = stepBudgets(interviewMs);
  return FRAMEWORK_STEP_IDS.map((id, i) => {
    const edits = board.activity.filter((a) => a.notes.includes(id));
    return {
      id,
      title: FRAMEWORK_STEPS[i]!.title,
      budgetMs: budgets[i]!.endMs - budgets[i]!.startMs,
      spentMs: spent[i]!,
      noteEdits: edits.length,
      firstNoteAt: edits.length ? edits[0]!.at - board.from : null,
      lastNoteAt: edits.length ? edits.at(-1)!.at - board.from : null,
    };
  });
}

/** The components on the final board, in the order they were drawn (those there at the start first), with who drew them. */
function appearances(board: ReplayEngine, finalBoard: BoardFile, people: People): Appearance[] {
  return componentsOf(finalBoard.nodes)
    .flatMap((node) => {
      const creation = board.creatorOf('node', node.id);
      if (!creation) return [];
      const at = creation.inBase ? null : creation.at - board.from;
      return [{ id: node.id, title: node.title, typeLabel: getNodeType(node.type)?.label ?? node.type, at, by: people.of(creation.author).name }];
    })
    .sort((a, b) => (a.at ?? -1) - (b.at ?? -1) || a.title.localeCompare(b.title));
}

/**
 * One problem followed across the samples: the same rule about at least one card it was last seen about (or, both
 * times, about none), or saying the same thing about other cards, as a board-wide finding does when its cards change
 * ("no monitor" names the trainer until a model server is drawn, then the server).
 */
interface TrackedFinding {
  finding: Finding;
  raisedAt: number | null;
  lastSeenAt: number;
}

const sameCards = (tracked: Finding, found: Finding) => (tracked.nodeIds.length === 0 && found.nodeIds.length === 0) || tracked.nodeIds.some((id) => found.nodeIds.includes(id));

const sameMessage = (tracked: Finding, found: Finding) => tracked.message === found.message;

/** The tracked finding `found` continues: one about the same cards first, else one saying the same. */
function continued(tracked: readonly TrackedFinding[], seen: ReadonlySet<TrackedFinding>, found: Finding): TrackedFinding | undefined {
  const open = (same: (t: Finding, f: Finding) => boolean) => tracked.find((t) => !seen.has(t) && t.finding.ruleId === found.ruleId && same(t.finding, found));
  return open(sameCards) ?? open(sameMessage);
}

/**
 * Findings raised during the interview and gone by its end: the review runs over the board replayed
 * after evenly spread updates of the interview (the board it started with too, when it held
 * anything); a finding seen at one of them and absent from the final board was fixed at the first
 * later sample where it was gone for good. A finding whose cards change (a second model server
 * with no monitor either) stays the same finding, so it is not listed as fixed while still there.
 */
function fixedFindings(board: ReplayEngine, samples: number): FixedFinding[] {
  const count = board.length;
  if (!count) return [];
  const stride = Math.max(1, Math.ceil(count / Math.max(1, samples)));
  const indexes: number[] = [];
  // The board at the start: what it already raised counts as raised before the interview (null).
  if (board.seekIndex(-1).doc.getMap('nodes').size > 0) indexes.push(-1);
  for (let i = stride - 1; i < count - 1; i += stride) indexes.push(i);
  indexes.push(count - 1);
  const tracked: TrackedFinding[] = [];
  let present = new Set<TrackedFinding>();
  const at = (index: number) => board.timeOf(index) - board.from;
  for (const index of indexes) {
    const { doc } = board.seekIndex(index);
    const now = at(index);
    const seen = new Set<TrackedFinding>();
    for (const finding of review(readBoard(doc))) {
      let same = continued(tracked, seen, finding);
      if (same) Object.assign(same, { finding, lastSeenAt: now });
      else tracked.push((same = { finding, raisedAt: index < 0 ? null : now, lastSeenAt: now }));
      seen.add(same);
    }
    present = seen;
  }
  const sampleTimes = indexes.map(at);
  return tracked
    .filter((t) => !present.has(t))
    .map(({ finding, raisedAt, lastSeenAt }) => ({ finding, raisedAt, fixedAt: sampleTimes.find((t) => t > lastSeenAt) ?? lastSeenAt }))
    .sort((a, b) => a.fixedAt - b.fixedAt);
}
