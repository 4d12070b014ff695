import * as Y from 'yjs';
import { FRAMEWORK_STEP_IDS, type FrameworkStepId } from '../shared/catalog/framework';

/**
 * The interviewer's rubric and private notes as the interviewer room held them (its layout:
 * src/interview/interviewerDoc.ts), read without writing (no seeding), for the replay at a moment
 * and the debrief at the end. Only the interviewer's browser ever has that room's history: the
 * server serves it to the interviewer token alone.
 */
export interface PrivateNotes {
  /** The follow-up questions ticked as asked (`<templateId>:<index>`). */
  asked: string[];
  grades: Partial<Record<FrameworkStepId, string>>;
  gradeNotes: Partial<Record<FrameworkStepId, string>>;
  notes: string;
}

export function readPrivateNotes(doc: Y.Doc): PrivateNotes {
  const root = doc.getMap<unknown>('interviewer');
  const grades: PrivateNotes['grades'] = {};
  const gradeNotes: PrivateNotes['gradeNotes'] = {};
  const gradeMap = root.get('grades');
  const noteMap = root.get('gradeNotes');
  for (const id of FRAMEWORK_STEP_IDS) {
    const grade = gradeMap instanceof Y.Map ? gradeMap.get(id) : undefined;
    if (typeof grade === 'string') grades[id] = grade;
    const note = noteMap instanceof Y.Map ? noteMap.get(id) : undefined;
    if (note instanceof Y.Text && note.length) gradeNotes[id] = note.toString();
  }
  const notes = root.get('notes');
  const asked = root.get('asked');
  return {
    asked: asked instanceof Y.Map ? [...asked.entries()].filter(([, ticked]) => ticked === true).map(([key]) => key as string) : [],
    grades,
    gradeNotes,
    notes: notes instanceof Y.Text ? notes.toString() : '',
  };
}

/** Whether the interviewer had written or graded anything yet. */
export const hasPrivateNotes = (notes: PrivateNotes): boolean => notes.notes !== '' || Object.keys(notes.grades).length > 0 || Object.keys(notes.gradeNotes).length > 0;
