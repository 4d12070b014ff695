import type * as Y from 'yjs';
import type { BoardFile } from '../shared/format';
import { interviewTypes, readInterviewContent, writeInterviewContent, type InterviewTypes } from '../shared/interviewLayout';
import { readBoard } from '../shared/yjsBoard';
import type { UndoGroups } from './undoGroups';

/**
 * The interview's shared types in a board's document (their layout is src/shared/interviewLayout.ts;
 * src/interview/interviewDoc.ts edits them): opening them puts their content, not the timer, into
 * this person's undo history; a board file carries them out and back in.
 */
export class BoardInterview {
  private inUndo = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly undo: UndoGroups,
  ) {}

  /** The interview's types, seeded on first use. */
  open(): InterviewTypes {
    const types = interviewTypes(this.doc);
    if (!this.inUndo) {
      this.inUndo = true;
      this.undo.manager.addToScope([types.notes, types.covered, types.metrics, types.requirements]);
    }
    return types;
  }

  /** The board as a file; with `interview`, the notes, ticks, requirements and metrics come along. */
  toBoardFile(interview: boolean): BoardFile {
    const board = readBoard(this.doc);
    const content = interview ? readInterviewContent(this.doc) : undefined;
    return content ? { ...board, interview: content } : board;
  }

  /**
   * For a file replacing the board: the write of its interview content, to run inside the replacing
   * transaction, or nothing when the file has none (a template leaves the board's interview alone).
   * Seeds the types now: the seed must never carry this person's origin (nor be undone).
   */
  prepareReplace(file: BoardFile): (() => void) | undefined {
    const content = file.interview;
    if (!content) return undefined;
    const types = this.open();
    return () => writeInterviewContent(types, content);
  }
}
