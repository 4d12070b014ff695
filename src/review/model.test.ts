import { describe, expect, it } from 'vitest';
import { BoardModel, hasRole } from './model';
import { edit, makeBoard, SOUND_DESIGN } from './testBoards';

const ids = (nodes: Iterable<{ id: string }>) => [...nodes].map((n) => n.id).sort();

describe('board model', () => {
  const ctx = new BoardModel(makeBoard(SOUND_DESIGN));

  it('groups components by catalog category and role, and reads a missing property as its default', () => {
    expect(ids(ctx.ofCategory('training'))).toEqual(['eval', 'registry', 'trainer']);
    expect(ids(ctx.withRole('lookup'))).toEqual(['features', 'index', 'logs']);
    expect(ids(ctx.withRole('inference'))).toEqual(['ranker', 'server']);
    expect(ctx.node('labels')?.props.delayHandling).toBe('none');
    expect(ids(ctx.onlineServing())).toEqual(['cg', 'index', 'ranker', 'rerank', 'server']);
  });

  it('runs a model server in batch mode offline', () => {
    const batch = new BoardModel(makeBoard(edit(SOUND_DESIGN, { props: { server: { mode: 'batch' } } })));
    expect(batch.node('server')?.plane).toBe('offline');
    expect(ids(batch.onlineServing())).not.toContain('server');
  });

  it('runs a stage without a mode offline when only batch flows touch it', () => {
    const filtered = new BoardModel(
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

  it('finds a shortest path by any edge kind through the nodes allowed, with its edges', () => {
    const path = ctx.findPath([ctx.node('app')!], (n) => hasRole(n, 'learner'), { through: (n) => n.type.category === 'data' });
    expect(path?.nodes.map((n) => n.id)).toEqual(['app', 'events', 'labels', 'trainer']);
    expect(path?.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['app>events', 'events>labels', 'labels>trainer']);
    expect(ctx.findPath([ctx.node('app')!], (n) => hasRole(n, 'learner'), { through: (n) => n.type.category === 'features' })).toBeUndefined();
  });

  it('knows where the models a learner trains serve, and where each side reads its features', () => {
    expect(ids(ctx.servingOf(ctx.node('trainer')!))).toEqual(['server']);
    expect(ids(ctx.featureSources(ctx.node('trainer')!).computations)).toEqual(['features']);
    // The model server is called by the ranker, which looks features up in the store.
    expect(ids(ctx.featureSources(ctx.node('server')!).computations)).toEqual(['features']);
  });
});
