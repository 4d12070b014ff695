import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { safeRolloutRule } from './safeRollout';

const STRAIGHT_TO_PROD: BoardSpec = {
  nodes: [
    { id: 'trainer', type: 'trainer' },
    { id: 'registry', type: 'model-registry', props: { rollout: 'all at once' } },
    { id: 'app', type: 'client-app' },
    { id: 'server', type: 'model-server', title: 'Scoring service' },
  ],
  edges: [
    ['trainer', 'registry', 'batch'],
    ['registry', 'server', 'batch'],
    ['app', 'server', 'online'],
  ],
};

describe('safe rollout rule', () => {
  it('flags models going to live traffic with no shadow or canary, and its fix sets a staged rollout', () => {
    const [finding] = check(safeRolloutRule, STRAIGHT_TO_PROD);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['trainer', 'registry'] });
    expect(check(safeRolloutRule, withFix(STRAIGHT_TO_PROD, finding!.fix))).toEqual([]);
  });

  it('is silent with a canary experiment on the board, or when the model only runs in batch', () => {
    expect(check(safeRolloutRule, edit(STRAIGHT_TO_PROD, { addNodes: [{ id: 'canary', type: 'ab-test', props: { kind: 'canary' } }] }))).toEqual([]);
    expect(check(safeRolloutRule, edit(STRAIGHT_TO_PROD, { props: { server: { mode: 'batch' } } }))).toEqual([]);
  });

  it('still fires with an A/B test (not a shadow) and the model deployed by a streaming edge without a registry', () => {
    const ab = edit(STRAIGHT_TO_PROD, {
      remove: ['registry'],
      addNodes: [{ id: 'ab', type: 'ab-test', props: { kind: 'A/B' } }],
      addEdges: [
        ['trainer', 'server', 'streaming'],
        ['app', 'ab', 'online'],
      ],
    });
    const findings = check(safeRolloutRule, ab);
    expect(findings.map((f) => [f.nodeIds, f.fix])).toEqual([[['trainer'], undefined]]);
  });
});
