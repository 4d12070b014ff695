import * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from './catalog/framework';
import type { InterviewContent } from './format';
import { METRIC_KINDS, type MetricKind } from './formatBasics';
import { seedOnce } from './seed';

/**
 * The layout of the interview's part of the shared board document (docs/FORMAT.md, "The Yjs
 * document"), and how a board file's interview content is read from it and written to it:
 *
 *   interview: Y.Map
 *     notes:        Y.Map<stepId, Y.Text>   notes per framework step, typed by both people at once
 *     covered:      Y.Map<stepId, boolean>  steps ticked as covered
 *     metrics:      Y.Map<'business' | 'online' | 'offline', Y.Text>
 *     requirements: Y.Text                  the scale numbers agreed in the interview
 *     timer:        {durationMs, startedAt, elapsedBeforeMs}  one value, replaced whole (src/interview/timer.ts)
 *
 * The nested types are seeded with a fixed client id (./seed.ts), so two people opening a fresh
 * board at once share the same texts instead of each typing into a text the other overwrites.
 * The edits people make go through src/interview/interviewDoc.ts.
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

export function noteText(types: InterviewTypes, step: FrameworkStepId): Y.Text {
  return types.notes.get(step)!;
}

export function metricText(types: InterviewTypes, kind: MetricKind): Y.Text {
  return types.metrics.get(kind)!;
}

/**
 * The interview's content as a board file carries it (InterviewContentSchema in ./format.ts):
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
 * come from the binding's openInterview(), called before that transaction (seeding must never carry a person's origin).
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
