import { describe, expect, it } from 'vitest';
import { emptyBoard } from './format';
import { FORMAT_NAME, FORMAT_VERSION } from './formatBasics';
import { migrate } from './migrations';
import { parseBoardText, parseBoardValue } from './parseBoard';

const valid = {
  format: FORMAT_NAME,
  version: FORMAT_VERSION,
  title: 'Feed',
  nodes: [
    { id: 'f', type: 'group', title: 'Online serving', position: { x: 0, y: 0 }, size: { width: 600, height: 300 }, props: { stage: 'serving' } },
    { id: 'a', type: 'client-app', title: 'App', position: { x: 20, y: 40 }, parentId: 'f', props: {} },
    { id: 'b', type: 'model-server', title: 'Ranker API', position: { x: 300, y: 40 }, parentId: 'f', props: { latencyBudgetMs: 80 } },
  ],
  edges: [{ id: 'e', source: 'a', target: 'b', kind: 'online', label: 'request' }],
};

describe('board file format', () => {
  it('accepts a valid board and fills in property defaults from the catalog', () => {
    const result = parseBoardValue(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.board.nodes[2].props).toMatchObject({ latencyBudgetMs: 80, mode: 'online', hardware: 'CPU' });
    expect(result.migratedFrom).toBe(FORMAT_VERSION);
  });

  it('accepts interview notes as an optional part of a version 2 file', () => {
    const interview = { requirements: '50k QPS', metrics: { online: 'CTR' }, notes: { clarify: 'Goal: engagement' }, covered: ['clarify'] };
    const result = parseBoardValue({ ...valid, interview });
    expect(result.ok && result.board.interview).toEqual(interview);
    expect(result.ok && result.migratedFrom).toBe(FORMAT_VERSION);
  });

  it('accepts an empty board', () => {
    expect(parseBoardValue(emptyBoard()).ok).toBe(true);
  });

  const broken: [string, unknown, RegExp][] = [
    ['an unknown node type', { ...valid, nodes: [{ ...valid.nodes[1], parentId: undefined, type: 'blockchain' }], edges: [] }, /unknown node type "blockchain"/],
    ['a property of the wrong type', { ...valid, nodes: [valid.nodes[0], valid.nodes[1], { ...valid.nodes[2], props: { latencyBudgetMs: 'fast' } }] }, /node "b" \(Model server\): latencyBudgetMs/],
    ['an edge to a missing node', { ...valid, edges: [{ id: 'e', source: 'a', target: 'zz', kind: 'online' }] }, /target node "zz" does not exist/],
    ['a wrong version', { ...valid, version: 99 }, /version 99, made by a newer/],
    ['a foreign format', { format: 'excalidraw', elements: [] }, /format is "excalidraw"/],
    ['a duplicate node id', { ...valid, nodes: [valid.nodes[0], valid.nodes[1], { ...valid.nodes[2], id: 'a' }], edges: [] }, /id is used twice/],
    ['a missing frame', { ...valid, nodes: [valid.nodes[1]], edges: [] }, /frame "f" does not exist/],
    ['an unknown edge kind', { ...valid, edges: [{ id: 'e', source: 'a', target: 'b', kind: 'telepathy' }] }, /edges\[0\]\.kind/],
    ['interview notes for an unknown step', { ...valid, interview: { notes: { warmup: 'hi' } } }, /interview\.notes: unknown property "warmup"/],
    ['an unknown interview field', { ...valid, interview: { timer: { startedAt: 1 } } }, /interview: unknown property "timer"/],
    ['a covered tick for an unknown step', { ...valid, interview: { covered: ['clarify', 'lunch'] } }, /interview\.covered\[1\]/],
  ];
  it.each(broken)('names the problem for %s', (_name, value, message) => {
    const result = parseBoardValue(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('names text that is not JSON, and files that are too large', () => {
    const notJson = parseBoardText('{"nodes": [');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/not valid JSON/);
    const huge = parseBoardText(' '.repeat(11 * 1024 * 1024));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error).toMatch(/over 10 MiB/);
  });
});

describe('migrations', () => {
  it('upgrades a version 1 (React Flow object) file to the current version', () => {
    const v1 = {
      nodes: [
        { id: 'g', type: 'group', position: { x: 0, y: 0 }, width: 500, height: 300, data: { title: 'Training', stage: 'training' } },
        { id: 't', type: 'trainer', position: { x: 10, y: 20 }, parentNode: 'g', data: { label: 'GBDT trainer', loss: 'log loss' } },
        { id: 'r', type: 'model-registry', position: { x: 300, y: 20 }, parentNode: 'g', data: { title: 'Registry' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'r', sourceHandle: null, label: 'model', data: { kind: 'batch' } }],
      viewport: { x: 0, y: 0, zoom: 1 },
    };
    const migrated = migrate(v1);
    expect(migrated.ok && migrated.from).toBe(1);
    const result = parseBoardValue(v1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(result.board.version).toBe(FORMAT_VERSION);
    expect(result.board.nodes.find((n) => n.id === 'g')).toMatchObject({ title: 'Training', size: { width: 500, height: 300 }, props: { stage: 'training' } });
    expect(result.board.nodes.find((n) => n.id === 't')).toMatchObject({ title: 'GBDT trainer', parentId: 'g', props: { loss: 'log loss' } });
    expect(result.board.edges[0]).toEqual({ id: 'e1', source: 't', target: 'r', kind: 'batch', label: 'model' });
  });

  it('refuses values that are not objects and unknown versions', () => {
    expect(migrate([1, 2]).ok).toBe(false);
    expect(migrate('text').ok).toBe(false);
    expect(migrate({ format: FORMAT_NAME, version: 0, nodes: [] }).ok).toBe(false);
    expect(migrate({ format: FORMAT_NAME, version: '2', nodes: [] }).ok).toBe(false);
  });
});
