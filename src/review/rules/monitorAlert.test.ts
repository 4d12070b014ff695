import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { monitorAlertRule } from './monitorAlert';

const SILENT_MONITOR: BoardSpec = {
  nodes: [
    { id: 'logs', type: 'data-source', title: 'Click logs' },
    { id: 'trainer', type: 'trainer', title: 'CTR model' },
    { id: 'server', type: 'model-server', title: 'CTR server' },
    { id: 'monitor', type: 'monitor', title: 'Model dashboard', props: { alertTarget: '', driftTest: 'PSI on features' } },
  ],
  edges: [
    ['logs', 'trainer', 'batch'],
    ['trainer', 'server', 'batch'],
    ['server', 'monitor', 'streaming'],
  ],
};

describe('monitor alert rule', () => {
  it('flags a monitor that alerts nobody and triggers nothing, and its fix names an alert target', () => {
    const [finding] = check(monitorAlertRule, SILENT_MONITOR);
    expect(finding).toMatchObject({ severity: 'warning', nodeIds: ['monitor'] });
    expect(finding!.message).toContain('alerts nobody and triggers no retraining');
    expect(check(monitorAlertRule, withFix(SILENT_MONITOR, finding!.fix))).toEqual([]);
  });

  it('is silent when the monitor pages someone or triggers a retrain', () => {
    expect(check(monitorAlertRule, edit(SILENT_MONITOR, { props: { monitor: { alertTarget: 'ML on-call' } } }))).toEqual([]);
    expect(check(monitorAlertRule, edit(SILENT_MONITOR, { addEdges: [['monitor', 'trainer', 'feedback']] }))).toEqual([]);
  });

  it('still fires when the monitor feeds a report job that reaches no trainer, drawn with online edges', () => {
    const drawnElsewise: BoardSpec = {
      nodes: [
        { id: 'app', type: 'client-app', title: 'Shop app' },
        { id: 'server', type: 'model-server', title: 'Recs server' },
        { id: 'monitor', type: 'monitor', title: 'Grafana', props: { alertTarget: '  ' } },
        { id: 'report', type: 'data-pipeline', title: 'Weekly report' },
      ],
      edges: [
        ['app', 'server', 'online'],
        ['server', 'monitor', 'online'],
        ['monitor', 'report', 'batch'],
      ],
    };
    expect(check(monitorAlertRule, drawnElsewise).map((f) => f.nodeIds)).toEqual([['monitor']]);
  });
});
