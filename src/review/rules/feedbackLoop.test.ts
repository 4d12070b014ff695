import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
import { feedbackLoopRule } from './feedbackLoop';

// Without the app's event stream, nothing logged reaches the trainer. The ranker still looks features
// up online, and the feature store still feeds the trainer: a request path is not a feedback path.
const NOT_LOGGED = edit(SOUND_DESIGN, { removeEdges: [['app', 'events']] });

describe('feedback loop rule', () => {
  it('flags a design where nothing from serving or logging reaches training, pointing at the app', () => {
    const findings = check(feedbackLoopRule, NOT_LOGGED);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', nodeIds: ['app'], message: expect.stringMatching(/cannot learn from new behaviour/) });
  });

  it('is silent when logged events flow to the trainer', () => {
    expect(check(feedbackLoopRule, SOUND_DESIGN)).toEqual([]);
  });

  it('is silent when a feedback edge closes the loop', () => {
    expect(check(feedbackLoopRule, edit(NOT_LOGGED, { addEdges: [['server', 'logs', 'feedback']] }))).toEqual([]);
  });

  it('accepts a logging path from a serving stage (a decision engine feeding a review queue)', () => {
    const fraud: BoardSpec = {
      nodes: [
        { id: 'app', type: 'client-app' },
        { id: 'decide', type: 'rules-engine' },
        { id: 'review', type: 'message-queue' },
        { id: 'labels', type: 'labeling' },
        { id: 'trainer', type: 'trainer' },
      ],
      edges: [
        ['app', 'decide', 'online'],
        ['decide', 'review', 'streaming'],
        ['review', 'labels', 'streaming'],
        ['labels', 'trainer', 'batch'],
      ],
    };
    expect(check(feedbackLoopRule, fraud)).toEqual([]);
    expect(check(feedbackLoopRule, edit(fraud, { removeEdges: [['labels', 'trainer']] }))).toHaveLength(1);
  });
});
