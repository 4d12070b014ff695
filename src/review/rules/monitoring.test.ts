import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN } from '../testBoards';
import { monitoringRule } from './monitoring';

describe('monitoring rule', () => {
  it('flags a design with no monitor, pointing at the serving stages to watch', () => {
    const findings = check(monitoringRule, edit(SOUND_DESIGN, { remove: ['monitor'] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'monitoring', severity: 'error', message: expect.stringMatching(/drift/) });
    expect(findings[0].nodeIds.sort()).toEqual(['ranker', 'server']);
    expect(findings[0].fix?.operations).toEqual([
      expect.objectContaining({ op: 'add-node', ref: 'monitor', type: 'monitor', near: 'ranker' }),
      { op: 'connect', source: 'ranker', target: 'monitor', kind: 'streaming' },
      { op: 'connect', source: 'server', target: 'monitor', kind: 'streaming' },
    ]);
  });

  it('points at the training side when nothing serves yet', () => {
    const findings = check(monitoringRule, {
      nodes: [
        { id: 'data', type: 'data-source' },
        { id: 't', type: 'trainer' },
      ],
      edges: [['data', 't', 'batch']],
    });
    expect(findings.map((f) => f.nodeIds)).toEqual([['t']]);
  });

  it('is silent once a monitor is on the board, and on a board with no model yet', () => {
    expect(check(monitoringRule, SOUND_DESIGN)).toEqual([]);
    expect(check(monitoringRule, { nodes: [{ id: 'data', type: 'data-source' }], edges: [] })).toEqual([]);
  });
});
