import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { review } from '../review';
import { edit, makeBoard, SOUND_DESIGN } from '../review/testBoards';
import { parseBoardText } from '../shared/parseBoard';
import { stepEvidence } from './evidence';
import { stepReadiness } from './readiness';

function readinessOf(board: ReturnType<typeof makeBoard>) {
  return Object.fromEntries(stepReadiness(stepEvidence(board.nodes.map((n) => n.type)), review(board)).map((r) => [r.step, r]));
}

describe('readiness per framework step', () => {
  it('counts the evidence on the board and files each finding under its step', () => {
    const flawed = makeBoard(edit(SOUND_DESIGN, { remove: ['monitor'], props: { eval: { split: 'random' } } }));
    const steps = readinessOf(flawed);
    expect(steps.monitoring).toMatchObject({ covered: 0, total: 1, ready: false });
    expect(steps.monitoring!.findings.map((f) => f.ruleId)).toEqual(['monitoring']);
    expect(steps.model!.findings.map((f) => f.ruleId)).toEqual(['time-split']);
    expect(steps.model).toMatchObject({ covered: 2, total: 2, ready: false });
    expect(steps.data).toMatchObject({ ready: true, findings: [] });
  });

  it('finds every step of a template covered and ready', () => {
    const parsed = parseBoardText(readFileSync('templates/ad-click-prediction.json', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.values(readinessOf(parsed.board)).every((s) => s.ready)).toBe(true);
  });
});
