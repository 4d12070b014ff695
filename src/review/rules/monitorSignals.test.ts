import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { monitorSignalsRule } from './monitorSignals';

const OPS_ONLY: BoardSpec = {
  nodes: [
    { id: 'server', type: 'model-server' },
    { id: 'monitor', type: 'monitor', title: 'Dashboards', props: { operationalMetrics: ['latency', 'errors'], mlMetrics: [], driftTest: '' } },
  ],
  edges: [['server', 'monitor', 'streaming']],
};

describe('monitor signals rule', () => {
  it('flags a monitor with operational metrics only, and its fix adds drift and quality', () => {
    const [finding] = check(monitorSignalsRule, OPS_ONLY);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['monitor'] });
    expect(check(monitorSignalsRule, withFix(OPS_ONLY, finding!.fix))).toEqual([]);
  });

  it('is silent with a drift test or a model-quality metric', () => {
    expect(check(monitorSignalsRule, edit(OPS_ONLY, { props: { monitor: { driftTest: 'KS test on inputs' } } }))).toEqual([]);
    expect(check(monitorSignalsRule, edit(OPS_ONLY, { props: { monitor: { mlMetrics: ['calibration'] } } }))).toEqual([]);
  });

  it('still fires for a second, unwired monitor drawn beside a good one', () => {
    const two = edit(OPS_ONLY, { props: { monitor: { driftTest: 'PSI' } }, addNodes: [{ id: 'alerts', type: 'monitor', props: { mlMetrics: [' '], driftTest: ' ' } }] });
    expect(check(monitorSignalsRule, two).map((f) => f.nodeIds)).toEqual([['alerts']]);
  });
});
