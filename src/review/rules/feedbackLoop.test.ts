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
    expect(findings[0]).toMatchObject({ severity: 'error', nodeIds: ['app', 'trainer'], message: expect.stringMatching(/cannot learn from new behaviour/) });
    expect(findings[0].question).toMatch(/training example/);
  });

  it('does not take an A/B test promoting its winner, or a monitor triggering a retrain, for a feedback loop', () => {
    // Drawn the way the candidate drew it: "promote winner" as a feedback edge into the trainer.
    const promoted = edit(NOT_LOGGED, {
      addEdges: [
        ['experiment', 'trainer', 'feedback'],
        ['monitor', 'trainer', 'batch'],
        ['experiment', 'registry', 'batch'],
      ],
    });
    expect(check(feedbackLoopRule, promoted)).toHaveLength(1);
  });

  it('still fires when the app logs to a store the trainer never reads', () => {
    const archived = edit(NOT_LOGGED, {
      addNodes: [{ id: 'archive', type: 'data-source', title: 'Click archive' }],
      addEdges: [['app', 'archive', 'streaming']],
    });
    expect(check(feedbackLoopRule, archived)).toHaveLength(1);
  });

  it('accepts the loop drawn with any edge kind, through a feature store', () => {
    const online = edit(NOT_LOGGED, {
      addNodes: [{ id: 'clicklog', type: 'data-source', title: 'Click log' }],
      addEdges: [
        ['app', 'clicklog', 'online'],
        ['clicklog', 'pipeline', 'online'],
      ],
    });
    expect(check(feedbackLoopRule, online)).toEqual([]);
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
