import { describe, expect, it } from 'vitest';
import { NODE_ICONS, NODE_TYPES } from './index';

describe('node icons', () => {
  it('gives every node type of the catalog one icon and names no other type', () => {
    expect(Object.keys(NODE_ICONS).sort()).toEqual(NODE_TYPES.map((t) => t.id).sort());
  });
});
