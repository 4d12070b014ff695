import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemplate, loadTemplate, TEMPLATES } from './index';

const files = readdirSync(join(import.meta.dirname, '../../templates')).filter((f) => f.endsWith('.json'));

describe('template loader', () => {
  it('lists every template file once, with its metadata', () => {
    expect(TEMPLATES.map((t) => `${t.id}.json`).sort()).toEqual([...files].sort());
    expect(findTemplate('fraud-detection')).toMatchObject({ title: 'Transaction fraud detection', difficulty: 'hard' });
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('names an unknown id without asking the server', async () => {
    expect(await loadTemplate('no-such-case')).toEqual({ ok: false, error: 'There is no template "no-such-case".' });
  });
});
