import { describe, expect, it } from 'vitest';
import { FRAMEWORK_STEP_IDS } from '../shared/catalog/framework';
import { emptyBoard } from '../shared/format';
import { review, RULES } from './index';
import { edit, makeBoard, SOUND_DESIGN } from './testBoards';

describe('design review', () => {
  it('has rules with distinct ids, each belonging to a framework step', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(RULES.every((r) => FRAMEWORK_STEP_IDS.includes(r.step))).toBe(true);
  });

  it('finds nothing wrong with a sound design, or on an empty board', () => {
    expect(review(makeBoard(SOUND_DESIGN))).toEqual([]);
    expect(review(emptyBoard())).toEqual([]);
  });

  it('lists errors before warnings, each finding carrying its rule id and severity', () => {
    const flawed = edit(SOUND_DESIGN, { remove: ['monitor'], props: { logs: { privacyNote: '' }, server: { latencyBudgetMs: undefined } } });
    const findings = review(makeBoard(flawed));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['monitoring', 'error'],
      ['privacy-note', 'warning'],
      ['latency-budget', 'warning'],
    ]);
  });

  it('ignores stage frames and sticky notes', () => {
    const board = makeBoard({
      nodes: [
        { id: 'frame', type: 'group', props: { stage: 'serving' } },
        { id: 'note', type: 'sticky-note', props: { text: 'what about drift?' } },
      ],
      edges: [['note', 'frame', 'batch']],
    });
    expect(review(board)).toEqual([]);
  });
});
