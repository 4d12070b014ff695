import { describe, expect, it } from 'vitest';
import { CATEGORIES, defaultProps, getNodeType, NODE_TYPES } from './index';
import { EDGE_KINDS, suggestEdgeKind } from './edgeKinds';
import { fieldMeta, formatFieldValue } from './fields';

describe('node catalog', () => {
  it('holds the 19 component types of the domain notes plus a stage frame and a sticky note', () => {
    expect(NODE_TYPES).toHaveLength(21);
    expect(new Set(NODE_TYPES.map((t) => t.id)).size).toBe(21);
    expect(NODE_TYPES.filter((t) => t.variant === 'component')).toHaveLength(19);
  });

  it.each(NODE_TYPES.map((t) => [t.id, t] as const))('%s: defaults pass its own schema and the face names real fields', (_id, type) => {
    const props = defaultProps(type);
    expect(type.props.safeParse(props).success).toBe(true);
    expect(type.face.length).toBeGreaterThanOrEqual(1);
    expect(type.face.length).toBeLessThanOrEqual(3);
    for (const key of type.face) expect(type.props.shape).toHaveProperty(key);
    for (const field of Object.values(type.props.shape)) expect(fieldMeta(field as never).label).toBeTruthy();
    expect(CATEGORIES.map((c) => c.id)).toContain(type.category);
  });

  it('refuses unknown properties and values of the wrong type', () => {
    const server = getNodeType('model-server')!;
    expect(server.props.safeParse({ latencyBudgetMs: 'fast' }).success).toBe(false);
    expect(server.props.safeParse({ mode: 'sometimes' }).success).toBe(false);
    expect(server.props.safeParse({ colour: 'red' }).success).toBe(false);
    expect(server.props.safeParse({ latencyBudgetMs: 50 }).success).toBe(true);
  });

  it('formats values for node faces', () => {
    const shape = getNodeType('model-server')!.props.shape;
    expect(formatFieldValue(fieldMeta(shape.latencyBudgetMs), 50)).toBe('50 ms');
    expect(formatFieldValue(fieldMeta(shape.qps), 12500)).toBe('12,500');
    expect(formatFieldValue(fieldMeta(shape.batching), true)).toBe('yes');
    expect(formatFieldValue(fieldMeta(shape.latencyBudgetMs), undefined)).toBe('');
  });
});

describe('edge kinds', () => {
  it('has four kinds, each drawn differently', () => {
    expect(EDGE_KINDS.map((k) => k.id)).toEqual(['batch', 'streaming', 'online', 'feedback']);
    const looks = new Set(EDGE_KINDS.map((k) => `${k.color}|${k.dash}|${k.animated}`));
    expect(looks.size).toBe(4);
  });

  it('suggests a kind from the endpoints', () => {
    expect(suggestEdgeKind('trainer', 'model-registry')).toBe('batch');
    expect(suggestEdgeKind('data-source', 'data-pipeline')).toBe('batch');
    expect(suggestEdgeKind('client-app', 'message-queue')).toBe('streaming');
    expect(suggestEdgeKind('message-queue', 'data-pipeline')).toBe('streaming');
    expect(suggestEdgeKind('client-app', 'candidate-generation')).toBe('online');
    expect(suggestEdgeKind('ranker', 'feature-store')).toBe('online');
    expect(suggestEdgeKind('client-app', 'labeling')).toBe('feedback');
    expect(suggestEdgeKind('model-server', 'data-source')).toBe('feedback');
    expect(suggestEdgeKind('nope', 'trainer')).toBe('batch');
  });
});
