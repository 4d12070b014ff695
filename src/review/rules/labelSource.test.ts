import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { labelSourceRule } from './labelSource';

// A spam classifier drawn from emails straight into the trainer: nobody said what "spam" is.
const NO_LABELS: BoardSpec = {
  nodes: [
    { id: 'mail', type: 'data-source', title: 'Emails', props: { entity: 'content' } },
    { id: 'etl', type: 'data-pipeline', title: 'Tokenise' },
    { id: 'trainer', type: 'trainer', title: 'Spam classifier' },
  ],
  edges: [
    ['mail', 'etl', 'batch'],
    ['etl', 'trainer', 'batch'],
  ],
};

describe('label source rule', () => {
  it('flags a supervised trainer with no label source, and its fix adds one', () => {
    const [finding] = check(labelSourceRule, NO_LABELS);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['trainer'], message: expect.stringMatching(/^Supervised "Spam classifier" has no label source/) });
    expect(check(labelSourceRule, withFix(NO_LABELS, finding!.fix))).toEqual([]);
  });

  it('is silent with labels upstream, or for a self-supervised model', () => {
    const labelled = edit(NO_LABELS, { addNodes: [{ id: 'reports', type: 'labeling', title: 'Marked as spam' }], addEdges: [['reports', 'etl', 'batch']] });
    expect(check(labelSourceRule, labelled)).toEqual([]);
    expect(check(labelSourceRule, edit(NO_LABELS, { props: { trainer: { learning: 'self-supervised' } } }))).toEqual([]);
  });

  it('still fires when the only label node feeds serving, not training', () => {
    const elsewhere = edit(NO_LABELS, {
      addNodes: [
        { id: 'reports', type: 'labeling', title: 'Marked as spam' },
        { id: 'server', type: 'model-server' },
      ],
      addEdges: [
        ['trainer', 'server', 'batch'],
        ['reports', 'server', 'streaming'],
      ],
    });
    expect(check(labelSourceRule, elsewhere)).toHaveLength(1);
  });
});
