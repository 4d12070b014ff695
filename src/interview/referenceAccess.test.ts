import { describe, expect, it } from 'vitest';
import { maySeeReference } from './referenceAccess';
import type { TimerPhase } from '../shared/interview/timer';

describe('maySeeReference', () => {
  const phases: TimerPhase[] = ['idle', 'running', 'paused', 'over'];

  it('lets the interviewer see the reference in every phase', () => {
    for (const phase of phases) expect(maySeeReference({ interviewer: true, phase, role: 'interviewer' }), phase).toBe(true);
  });

  it('shows a candidate the reference only once time is up', () => {
    expect(phases.filter((phase) => maySeeReference({ interviewer: false, phase, role: 'candidate' }))).toEqual(['over']);
  });

  it('shows someone practising alone (or whose role is not known yet) the reference unless an interview is under way', () => {
    for (const role of ['collaborator', null] as const) {
      expect(phases.filter((phase) => maySeeReference({ interviewer: false, phase, role }))).toEqual(['idle', 'over']);
    }
  });

});
