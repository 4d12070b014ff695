import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemplate, hasTemplate, loadTemplate, TEMPLATES } from './index';

const files = readdirSync(join(import.meta.dirname, '../../templates')).filter((f) => f.endsWith('.json'));

describe('template loader', () => {
  it('lists every template file once, with its metadata', () => {
    expect(TEMPLATES.map((t) => `${t.id}.json`).sort()).toEqual([...files].sort());
    expect(findTemplate('fraud-detection')).toMatchObject({ title: 'Transaction fraud detection', difficulty: 'hard' });
    expect(findTemplate('nope')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => t.id))('loads and validates %s', async (id) => {
    expect(hasTemplate(id)).toBe(true);
    const result = await loadTemplate(id);
    if (!result.ok) throw new Error(result.error);
    expect(result.board.template?.id).toBe(id);
    expect(result.board.template?.prompt.length).toBeGreaterThan(20);
    expect(result.board.nodes.length).toBeGreaterThan(10);
  });

  it('names an unknown id', async () => {
    expect(hasTemplate('no-such-case')).toBe(false);
    expect(await loadTemplate('no-such-case')).toEqual({ ok: false, error: 'There is no template "no-such-case".' });
  });
});
