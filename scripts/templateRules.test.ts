import { describe, expect, it } from 'vitest';
import type { BoardFile } from '../src/shared/format';
import { parseBoardValue } from '../src/shared/parseBoard';
import {
  calibration,
  checkTemplate,
  edgesClearOfNodes,
  feedbackLoop,
  insideFrames,
  latencyBudgets,
  lifecycleNodes,
  noOverlap,
  requiredProperties,
  stagesPresent,
  templateBlock,
  TEMPLATE_RULES,
  type Rule,
} from './templateRules';

const info = {
  id: 'tiny',
  title: 'Tiny',
  tags: ['test'],
  difficulty: 'easy',
  prompt: 'Rank things.',
  clarifyingQuestions: [{ question: 'How many?', answer: 'A few.' }],
  framing: { taskType: 'ranking', input: 'user', output: 'items', labels: 'clicks' },
  metrics: { offline: ['AUC'], online: ['CTR'], business: ['revenue'] },
  steps: { clarify: 'c', framing: 'f', data: 'd', model: 'm', evaluation: 'e', serving: 's', monitoring: 'o' },
  followUps: ['Why?'],
};

const frame = (id: string, stage: string, x: number, y: number) => ({
  id,
  type: 'group',
  title: stage,
  position: { x, y },
  size: { width: 700, height: 280 },
  props: { stage } as Record<string, unknown>,
});
const at = (id: string, type: string, parentId: string, x: number, props: Record<string, unknown> = {}) => ({
  id,
  type,
  title: id,
  position: { x, y: 60 },
  parentId,
  props,
});

/** A board that follows every rule: four stages, the lifecycle, filled properties, a tidy layout. */
function good() {
  return {
    format: 'ml-design-board',
    version: 2,
    title: 'Tiny',
    template: info,
    nodes: [
      frame('data', 'data', 0, 0),
      frame('training', 'training', 800, 0),
      frame('serving', 'serving', 0, 340),
      frame('monitoring', 'monitoring', 800, 340),
      at('events', 'message-queue', 'data', 40),
      at('features', 'feature-store', 'data', 400, { onlineStore: 'Redis', offlineStore: 'warehouse' }),
      at('trainer', 'trainer', 'training', 40, { architecture: 'GBDT', loss: 'log loss', negativeSamplingRate: 0.1, calibration: 'downsampling correction' }),
      at('evaluation', 'evaluation', 'training', 400, { offlineMetrics: ['AUC'] }),
      at('app', 'client-app', 'serving', 40, { latencySloMs: 100 }),
      at('server', 'model-server', 'serving', 400, { mode: 'online', latencyBudgetMs: 60 }),
      at('monitor', 'monitor', 'monitoring', 40, { mlMetrics: ['CTR'], driftTest: 'PSI > 0.25' }),
      at('users', 'data-source', 'monitoring', 400, { entity: 'users', pii: true, privacyNote: 'consented, pseudonymised' }),
    ],
    edges: [
      { id: 'request', source: 'app', target: 'server', kind: 'online', label: 'request', sourceHandle: 'right', targetHandle: 'left' },
      { id: 'logs', source: 'app', target: 'events', kind: 'feedback', label: 'clicks', sourceHandle: 'top', targetHandle: 'bottom' },
      { id: 'train', source: 'trainer', target: 'evaluation', kind: 'batch', sourceHandle: 'right', targetHandle: 'left' },
    ],
  };
}

type Raw = ReturnType<typeof good>;

function parse(raw: Raw): BoardFile {
  const result = parseBoardValue(raw);
  if (!result.ok) throw new Error(result.error);
  return result.board;
}

function change(edit: (raw: Raw) => void): BoardFile {
  const raw = structuredClone(good());
  edit(raw);
  return parse(raw);
}

const nodeIn = (raw: Raw, id: string) => raw.nodes.find((n) => n.id === id)!;

const cases: [string, Rule, (raw: Raw) => void, RegExp][] = [
  ['templateBlock', templateBlock, (raw) => delete (raw.template as Partial<typeof info>).followUps, /no followUps/],
  ['stagesPresent', stagesPresent, (raw) => (nodeIn(raw, 'monitoring').props.stage = 'other'), /stage "monitoring"/],
  ['lifecycleNodes', lifecycleNodes, (raw) => (raw.nodes = raw.nodes.filter((n) => n.id !== 'monitor')), /no monitor node/],
  ['feedbackLoop', feedbackLoop, (raw) => (raw.edges[1].kind = 'batch'), /no feedback edge/],
  ['requiredProperties', requiredProperties, (raw) => (nodeIn(raw, 'trainer').props.loss = ''), /node "trainer".*"loss" is empty/],
  ['requiredProperties (privacy)', requiredProperties, (raw) => (nodeIn(raw, 'users').props.privacyNote = ''), /"users".*no privacy note/],
  ['calibration', calibration, (raw) => (nodeIn(raw, 'trainer').props.calibration = 'none'), /"trainer".*no calibration/],
  ['latencyBudgets (over the SLO)', latencyBudgets, (raw) => (nodeIn(raw, 'server').props.latencyBudgetMs = 150), /uses 150 ms, over the 100 ms SLO/],
  ['latencyBudgets (missing)', latencyBudgets, (raw) => delete nodeIn(raw, 'server').props.latencyBudgetMs, /"server".*no latency budget/],
  ['noOverlap', noOverlap, (raw) => (nodeIn(raw, 'features').position.x = 200), /"events".*overlaps node "features"/],
  ['insideFrames', insideFrames, (raw) => (nodeIn(raw, 'features').position.x = 600), /"features".*does not fit inside its frame "data"/],
  ['insideFrames (no frame)', insideFrames, (raw) => delete (nodeIn(raw, 'monitor') as { parentId?: string }).parentId, /"monitor".*not in a stage frame/],
  [
    'edgesClearOfNodes',
    edgesClearOfNodes,
    (raw) => raw.edges.push({ id: 'through', source: 'events', target: 'evaluation', kind: 'batch', label: 'x', sourceHandle: 'right', targetHandle: 'left' }),
    /edge "through".*runs through node "features"/,
  ],
  ['edgesClearOfNodes (label)', edgesClearOfNodes, (raw) => (raw.edges[2].label = 'a label far too long to fit in the gap between the two nodes it joins'), /label of edge "train".*lies on node/],
  ['edgesClearOfNodes (labels on labels)', edgesClearOfNodes, (raw) => raw.edges.push({ ...raw.edges[0], id: 'request-again' }), /labels of edges "request" and "request-again" overlap/],
  ['edgesClearOfNodes (through its own end)', edgesClearOfNodes, (raw) => Object.assign(raw.edges[2], { sourceHandle: 'left', targetHandle: 'right' }), /edge "train".*runs through node "trainer"/],
];

describe('template rules', () => {
  it('are all silent on a good board', () => {
    expect(TEMPLATE_RULES.flatMap((rule) => rule(parse(good())))).toEqual([]);
  });

  it('each have a broken board here that makes them fire', () => {
    expect(new Set(cases.map(([, rule]) => rule))).toEqual(new Set(TEMPLATE_RULES));
  });

  it.each(cases)('%s fires on a broken board', (_name, rule, edit, message) => {
    const problems = rule(change(edit));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('checkTemplate passes the good board and names the file, rule and node of a broken one', () => {
    expect(checkTemplate('tiny', good()).ok).toBe(true);
    const wrongId = checkTemplate('other', good());
    expect(wrongId.ok).toBe(false);
    if (!wrongId.ok) expect(wrongId.problems[0].message).toMatch(/template id "tiny" differs from the file name "other"/);
    const invalid = checkTemplate('tiny', { ...good(), nodes: [...good().nodes, at('x', 'blockchain', 'data', 40)] });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.problems[0]).toMatchObject({ rule: 'format', message: expect.stringMatching(/unknown node type "blockchain"/) });
    const broken = checkTemplate('tiny', { ...good(), edges: good().edges.slice(0, 1) });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems).toEqual([expect.objectContaining({ rule: 'feedback' })]);
  });
});
