import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../shared/parseBoard';
import { stepEvidence } from './evidence';

describe('evidence lighting', () => {
  it('lights no step on an empty board and lists every evidence type as missing', () => {
    const steps = stepEvidence([]);
    expect(steps.map((s) => s.lit)).toEqual([false, false, false, false, false, false, false]);
    expect(steps[0]!.missing.map((t) => t.label)).toEqual(['Client app', 'Data source']);
  });

  it('lights a step when the board gains one of its evidence types, and counts them', () => {
    const steps = stepEvidence(['trainer', 'trainer', 'sticky-note', 'monitor']);
    const byStep = Object.fromEntries(steps.map((s) => [s.step, s]));
    expect(byStep.model!.lit).toBe(true);
    expect(byStep.model!.present).toEqual([{ typeId: 'trainer', label: 'Trainer', count: 2 }]);
    expect(byStep.model!.missing.map((t) => t.typeId)).toEqual(['model-registry']);
    expect(byStep.monitoring!.lit).toBe(true);
    expect(byStep.serving!.lit).toBe(false);
  });

  it('lights every step for the video recommendation reference', () => {
    const parsed = parseBoardText(readFileSync('templates/video-recommendation.json', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(stepEvidence(parsed.board.nodes.map((n) => n.type)).every((s) => s.lit)).toBe(true);
  });
});
