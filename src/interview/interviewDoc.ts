import * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';
import type { BoardBinding } from '../doc/binding';
import { METRIC_KINDS, type InterviewContent, type MetricKind } from '../shared/format';
import { seedOnce } from './seed';
import { applyTextEdit, type TextEdit } from './textEdit';
import { parseTimer, paused, reset, started, withDuration, type TimerState } from '../shared/interview/timer';

/**
 * The interview's part of the SHARED board document, and the only code that writes it
 * (docs/FORMAT.md, "The Yjs document"):
 *
 *   interview: Y.Map
 *     notes:        Y.Map<stepId, Y.Text>   notes per framework step, typed by both people at once
 *     covered:      Y.Map<stepId, boolean>  steps ticked as covered
 *     metrics:      Y.Map<'business' | 'online' | 'offline', Y.Text>
 *     requirements: Y.Text                  the scale numbers agreed in the interview
 *     timer:        {durationMs, startedAt, elapsedBeforeMs}  one value, replaced whole (./timer.ts)
 *
 * The nested types are seeded with a fixed client id (./seed.ts), so two people opening a fresh
 * board at once share the same texts instead of each typing into a text the other overwrites.
 * Writes carry the board binding's origin, and the content (not the timer) joins the binding's
 * undo manager, so undo reverts this person's own notes and ticks, never a collaborator's, and
 * never rewinds the shared clock. Nothing private to the interviewer is ever written here.
 */
/** The client id that seeds layout 1 of the interview map. A new layout needs a new id. */
export const INTERVIEW_SEED_CLIENT = 0x4d4c_4201;

export interface InterviewTypes {
  root: Y.Map<unknown>;
  notes: Y.Map<Y.Text>;
  covered: Y.Map<boolean>;
  metrics: Y.Map<Y.Text>;
  requirements: Y.Text;
}

function buildLayout(doc: Y.Doc): void {
  const root = doc.getMap<unknown>('interview');
  const notes = new Y.Map<Y.Text>();
  for (const id of FRAMEWORK_STEP_IDS) notes.set(id, new Y.Text());
  const metrics = new Y.Map<Y.Text>();
  for (const kind of METRIC_KINDS) metrics.set(kind, new Y.Text());
  root.set('notes', notes);
  root.set('covered', new Y.Map<boolean>());
  root.set('metrics', metrics);
  root.set('requirements', new Y.Text());
}

/** The interview's shared types, seeded on first use (a no-op on a document that has them). */
export function interviewTypes(doc: Y.Doc): InterviewTypes {
  seedOnce(doc, INTERVIEW_SEED_CLIENT, buildLayout);
  const root = doc.getMap<unknown>('interview');
  return {
    root,
    notes: root.get('notes') as Y.Map<Y.Text>,
    covered: root.get('covered') as Y.Map<boolean>,
    metrics: root.get('metrics') as Y.Map<Y.Text>,
    requirements: root.get('requirements') as Y.Text,
  };
}

const scoped = new WeakSet<Y.UndoManager>();

/** The interview's types for a board, with its content in the board's per-user undo history. */
export function openInterview(binding: BoardBinding): InterviewTypes {
  const types = interviewTypes(binding.doc);
  if (!scoped.has(binding.undoManager)) {
    scoped.add(binding.undoManager);
    binding.undoManager.addToScope([types.notes, types.covered, types.metrics, types.requirements]);
  }
  return types;
}

export function noteText(types: InterviewTypes, step: FrameworkStepId): Y.Text {
  return types.notes.get(step)!;
}

export function metricText(types: InterviewTypes, kind: MetricKind): Y.Text {
  return types.metrics.get(kind)!;
}

// ---- reading ----------------------------------------------------------------------------------

export function readTimer(types: InterviewTypes): TimerState {
  return parseTimer(types.root.get('timer'));
}

export function readCovered(types: InterviewTypes): Set<FrameworkStepId> {
  return new Set(FRAMEWORK_STEP_IDS.filter((id) => types.covered.get(id) === true));
}

/**
 * The interview's content as a board file carries it (InterviewContentSchema in ../shared/format.ts):
 * empty texts left out, undefined when there is nothing at all. It reads without seeding, so reading
 * a board (an export, the server) never writes to it.
 */
export function readInterviewContent(doc: Y.Doc): InterviewContent | undefined {
  const root = doc.getMap<unknown>('interview');
  const content: InterviewContent = {};
  const requirements = textOf(root.get('requirements'));
  if (requirements) content.requirements = requirements;
  const metrics = textsOf(root.get('metrics'), METRIC_KINDS);
  if (metrics) content.metrics = metrics;
  const notes = textsOf(root.get('notes'), FRAMEWORK_STEP_IDS);
  if (notes) content.notes = notes;
  const ticks = root.get('covered');
  const covered = ticks instanceof Y.Map ? FRAMEWORK_STEP_IDS.filter((id) => ticks.get(id) === true) : [];
  if (covered.length) content.covered = covered;
  return Object.keys(content).length ? content : undefined;
}

function textOf(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : '';
}

/** The non-empty texts of a map of texts, by key; undefined when every one is empty. */
function textsOf<K extends string>(map: unknown, keys: readonly K[]): Partial<Record<K, string>> | undefined {
  const found: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const text = map instanceof Y.Map ? textOf(map.get(key)) : '';
    if (text) found[key] = text;
  }
  return Object.keys(found).length ? found : undefined;
}

/**
 * Replaces the interview's texts and ticks with a file's (import as a new board). The binding calls
 * it inside its own transaction, so the board and its interview arrive as one undo step; `types`
 * come from openInterview, called before that transaction (seeding must never carry a person's origin).
 */
export function writeInterviewContent(types: InterviewTypes, content: InterviewContent): void {
  const replace = (text: Y.Text, value = '') => {
    if (text.toString() === value) return;
    text.delete(0, text.length);
    text.insert(0, value);
  };
  replace(types.requirements, content.requirements);
  for (const kind of METRIC_KINDS) replace(metricText(types, kind), content.metrics?.[kind]);
  for (const step of FRAMEWORK_STEP_IDS) replace(noteText(types, step), content.notes?.[step]);
  const covered = new Set(content.covered);
  for (const step of FRAMEWORK_STEP_IDS) {
    if (covered.has(step)) types.covered.set(step, true);
    else types.covered.delete(step);
  }
}

/** Calls `listener` after any change to the interview map (timer, covered flags, texts). */
export function observeInterview(types: InterviewTypes, listener: () => void): () => void {
  const handler = () => listener();
  types.root.observeDeep(handler);
  return () => types.root.unobserveDeep(handler);
}

// ---- writing: every change to the interview map goes through these ------------------------------

function write(binding: BoardBinding, fn: () => void): boolean {
  if (binding.readOnly) return false;
  binding.doc.transact(fn, binding.origin);
  return true;
}

/** Types into (or deletes from) one of the interview's texts. */
export function editText(binding: BoardBinding, text: Y.Text, edit: TextEdit): boolean {
  return write(binding, () => applyTextEdit(text, edit));
}

export function setCovered(binding: BoardBinding, types: InterviewTypes, step: FrameworkStepId, covered: boolean): boolean {
  // A tick is its own undo step, not part of the notes typed just before it.
  binding.undoManager.stopCapturing();
  return write(binding, () => (covered ? types.covered.set(step, true) : types.covered.delete(step)));
}

function updateTimer(binding: BoardBinding, types: InterviewTypes, change: (timer: TimerState) => TimerState): boolean {
  return write(binding, () => {
    const before = readTimer(types);
    const after = change(before);
    if (after !== before) types.root.set('timer', { ...after });
  });
}

export const startTimer = (binding: BoardBinding, types: InterviewTypes, now = Date.now()) => updateTimer(binding, types, (t) => started(t, now));
export const pauseTimer = (binding: BoardBinding, types: InterviewTypes, now = Date.now()) => updateTimer(binding, types, (t) => paused(t, now));
export const resetTimer = (binding: BoardBinding, types: InterviewTypes) => updateTimer(binding, types, reset);
export const setTimerDuration = (binding: BoardBinding, types: InterviewTypes, durationMs: number) =>
  updateTimer(binding, types, (t) => withDuration(t, durationMs));
