import { describe, expect, it } from 'vitest';
import { check, edit, withFix, type BoardSpec } from '../testBoards';
import { monitorWiredRule } from './monitorWired';

// The monitor box placed in a corner, never connected: the "I have monitoring" box.
const LONE_MONITOR: BoardSpec = {
  nodes: [
    { id: 'app', type: 'client-app' },
    { id: 'server', type: 'model-server', title: 'ETA model' },
    { id: 'trainer', type: 'trainer' },
    { id: 'monitor', type: 'monitor', title: 'Grafana' },
  ],
  edges: [
    ['app', 'server', 'online'],
    ['trainer', 'server', 'batch'],
  ],
};

describe('monitor wired rule', () => {
  it('flags a monitor that nothing serving reports to, and its fix wires the models in', () => {
    const [finding] = check(monitorWiredRule, LONE_MONITOR);
    expect(finding).toMatchObject({ severity: 'error', nodeIds: ['monitor', 'server'], message: expect.stringMatching(/^"Grafana" is wired to nothing that serves/) });
    expect(check(monitorWiredRule, withFix(LONE_MONITOR, finding!.fix))).toEqual([]);
  });

  it('is silent when serving reports to it through a log stream, or it polls the server', () => {
    const logged = edit(LONE_MONITOR, {
      addNodes: [{ id: 'logs', type: 'message-queue' }],
      addEdges: [
        ['server', 'logs', 'streaming'],
        ['logs', 'monitor', 'streaming'],
      ],
    });
    expect(check(monitorWiredRule, logged)).toEqual([]);
    expect(check(monitorWiredRule, edit(LONE_MONITOR, { addEdges: [['monitor', 'server', 'online']] }))).toEqual([]);
  });

  it('still fires when the monitor watches only the training side', () => {
    expect(
      check(
        monitorWiredRule,
        edit(LONE_MONITOR, {
          addEdges: [
            ['trainer', 'monitor', 'batch'],
            ['monitor', 'trainer', 'feedback'],
          ],
        }),
      ),
    ).toHaveLength(1);
  });
});
