import { describe, expect, it } from 'vitest';
import { catalogType, ReviewContext } from './context';
import { edit, makeBoard, SOUND_DESIGN } from './testBoards';

const ids = (nodes: Iterable<{ id: string }>) => [...nodes].map((n) => n.id).sort();

describe('review context', () => {
  const ctx = new ReviewContext(makeBoard(SOUND_DESIGN));

  it('groups components by catalog category and type', () => {
    expect(ids(ctx.ofCategory('training'))).toEqual(['eval', 'registry', 'trainer']);
    expect(ids(ctx.onlineServing())).toEqual(['cg', 'index', 'ranker', 'rerank', 'server']);
  });

  it('runs a model server in batch mode offline', () => {
    const batch = new ReviewContext(makeBoard(edit(SOUND_DESIGN, { props: { server: { mode: 'batch' } } })));
    expect(batch.node('server')?.plane).toBe('offline');
    expect(ids(batch.onlineServing())).not.toContain('server');
  });

  it('runs a stage without a mode offline when only batch flows touch it', () => {
    const filtered = new ReviewContext(
      makeBoard({
        nodes: [
          { id: 'detector', type: 'model-server', props: { mode: 'batch' } },
          { id: 'nms', type: 'rules-engine' },
          { id: 'store', type: 'cache' },
          { id: 'app', type: 'client-app' },
        ],
        edges: [
          ['detector', 'nms', 'batch'],
          ['nms', 'store', 'batch'],
          ['app', 'store', 'online'],
        ],
      }),
    );
    expect(ids(filtered.onlineServing())).toEqual(['store']);
  });

  it('walks edges of the given kinds, downstream and upstream', () => {
    expect(ids(ctx.downstream('trainer'))).toEqual(['eval', 'monitor', 'registry', 'server']);
    expect(ids(ctx.upstream('labels', ['streaming']))).toEqual(['app', 'events']);
    expect(ids(ctx.walk(['pipeline'], { kinds: ['batch'], through: (n) => n.id !== 'trainer' }))).toEqual(['features', 'trainer']);
  });

  it('finds the request path with the largest summed budget from each client', () => {
    const [path] = ctx.requestPaths();
    expect(path.client.id).toBe('app');
    expect(path.stages.map((n) => n.id)).toEqual(['experiment', 'cg', 'ranker', 'server']);
    expect(path.totalMs).toBe(140);
  });

  it('finds the callers of a stage back to the client, not past it', () => {
    expect(ids(ctx.callersOf(['ranker']))).toEqual(['app', 'cg', 'experiment']);
  });

  it('refuses a node type the catalog does not define, so a renamed type cannot silently disable a rule', () => {
    expect(catalogType('ranker').label).toBe('Ranker');
    expect(() => catalogType('rankr')).toThrow(/"rankr", which the catalog does not define/);
  });
});
