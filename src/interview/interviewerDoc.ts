import * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';
import { seedOnce } from '../shared/seed';
import { applyTextEdit, diffText, type TextEdit } from './textEdit';

/**
 * The interviewer's PRIVATE document: its own Y.Doc in room `<boardId>.interviewer`, which the
 * server opens to the interviewer token only. Nothing here is ever written to the shared board
 * document, so none of it can reach a candidate's browser. This module is its only writer.
 *
 *   interviewer: Y.Map
 *     followUps:   {templateId, questions: string[]}  fetched once from the server for the board's template
 *     asked:       Y.Map<"<templateId>:<index>", boolean>  follow-ups already asked
 *     grades:      Y.Map<stepId, 'strong' | 'adequate' | 'weak'>  the rubric, one row per framework step
 *     gradeNotes:  Y.Map<stepId, Y.Text>  the rubric's notes per step
 *     notes:       Y.Text  free notes
 *
 * The nested types are seeded like the shared interview map (./seed.ts), so two tabs of the
 * interviewer never type into texts that overwrite each other.
 */
export const GRADES = ['strong', 'adequate', 'weak'] as const;
export type Grade = (typeof GRADES)[number];

export const INTERVIEWER_SEED_CLIENT = 0x4d4c_4301;

/** The origin of this browser's writes to the private document. */
const LOCAL = Symbol('interviewer');

export interface InterviewerTypes {
  root: Y.Map<unknown>;
  asked: Y.Map<boolean>;
  grades: Y.Map<Grade>;
  gradeNotes: Y.Map<Y.Text>;
  notes: Y.Text;
}

export interface FollowUps {
  templateId: string;
  questions: string[];
}

function buildLayout(doc: Y.Doc): void {
  const root = doc.getMap<unknown>('interviewer');
  const gradeNotes = new Y.Map<Y.Text>();
  for (const id of FRAMEWORK_STEP_IDS) gradeNotes.set(id, new Y.Text());
  root.set('asked', new Y.Map<boolean>());
  root.set('grades', new Y.Map<Grade>());
  root.set('gradeNotes', gradeNotes);
  root.set('notes', new Y.Text());
}

export function interviewerTypes(doc: Y.Doc): InterviewerTypes {
  seedOnce(doc, INTERVIEWER_SEED_CLIENT, buildLayout);
  const root = doc.getMap<unknown>('interviewer');
  return {
    root,
    asked: root.get('asked') as Y.Map<boolean>,
    grades: root.get('grades') as Y.Map<Grade>,
    gradeNotes: root.get('gradeNotes') as Y.Map<Y.Text>,
    notes: root.get('notes') as Y.Text,
  };
}

export function gradeNoteText(types: InterviewerTypes, step: FrameworkStepId): Y.Text {
  return types.gradeNotes.get(step)!;
}

// ---- reading ----------------------------------------------------------------------------------

export function readFollowUps(types: InterviewerTypes, templateId: string): string[] | null {
  const value = types.root.get('followUps') as FollowUps | undefined;
  if (!value || value.templateId !== templateId || !Array.isArray(value.questions)) return null;
  return value.questions.filter((q): q is string => typeof q === 'string');
}

export const askedKey = (templateId: string, index: number) => `${templateId}:${index}`;

export function readGrades(types: InterviewerTypes): Partial<Record<FrameworkStepId, Grade>> {
  const grades: Partial<Record<FrameworkStepId, Grade>> = {};
  for (const id of FRAMEWORK_STEP_IDS) {
    const grade = types.grades.get(id);
    if ((GRADES as readonly string[]).includes(grade as string)) grades[id] = grade;
  }
  return grades;
}

// ---- writing ----------------------------------------------------------------------------------

const write = (types: InterviewerTypes, fn: () => void) => types.root.doc!.transact(fn, LOCAL);

/** Keeps the template's follow-ups (fetched from the server) unless the document already has them. */
export function storeFollowUps(types: InterviewerTypes, followUps: FollowUps): void {
  if (readFollowUps(types, followUps.templateId)) return;
  write(types, () => types.root.set('followUps', { templateId: followUps.templateId, questions: [...followUps.questions] }));
}

export function setAsked(types: InterviewerTypes, key: string, asked: boolean): void {
  write(types, () => (asked ? types.asked.set(key, true) : types.asked.delete(key)));
}

export function setGrade(types: InterviewerTypes, step: FrameworkStepId, grade: Grade | null): void {
  write(types, () => (grade ? types.grades.set(step, grade) : types.grades.delete(step)));
}

export function editPrivateText(types: InterviewerTypes, text: Y.Text, edit: TextEdit): void {
  write(types, () => applyTextEdit(text, edit));
}

/** What a restore brings back of the private document: everything the interviewer wrote in it (the fetched follow-ups stay). */
export interface PrivateContent {
  asked: string[];
  grades: Partial<Record<FrameworkStepId, string>>;
  gradeNotes: Partial<Record<FrameworkStepId, string>>;
  notes: string;
}

/** Sets a text to `value` by its one changed stretch (nothing when it already says that). */
function setText(text: Y.Text, value: string): void {
  const edit = diffText(text.toString(), value);
  if (edit) applyTextEdit(text, edit);
}

/**
 * Writes `content` (the private document as it was at an earlier moment) over the private document
 * in one transaction. The returned step undoes and redoes exactly that write (what was typed since
 * stays), for the board's undo history to take along with the board's restore (LinkedStep).
 */
export function restorePrivateContent(types: InterviewerTypes, content: PrivateContent) {
  const doc = types.root.doc!;
  const origin = Symbol('restore');
  const manager = new Y.UndoManager(types.root, { trackedOrigins: new Set([origin]) });
  doc.transact(() => {
    const asked = new Set(content.asked);
    for (const key of [...types.asked.keys()]) if (!asked.has(key)) types.asked.delete(key);
    for (const key of asked) if (types.asked.get(key) !== true) types.asked.set(key, true);
    for (const id of FRAMEWORK_STEP_IDS) {
      const grade = content.grades[id];
      if ((GRADES as readonly string[]).includes(grade as string)) {
        if (types.grades.get(id) !== grade) types.grades.set(id, grade as Grade);
      } else if (types.grades.has(id)) types.grades.delete(id);
      setText(gradeNoteText(types, id), content.gradeNotes[id] ?? '');
    }
    setText(types.notes, content.notes);
  }, origin);
  // The document may be gone (its room closed) by the time the board's history asks.
  const live = () => !manager.doc.isDestroyed;
  return {
    undo: () => live() && manager.undo(),
    redo: () => live() && manager.redo(),
    destroy: () => manager.destroy(),
  };
}
