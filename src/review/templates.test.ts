import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../shared/parseBoard';
import { review } from './index';

const TEMPLATES_DIR = join(import.meta.dirname, '../../templates');
const files = readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.json'));

describe('the case-study templates pass the design review', () => {
  it('finds the templates', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s has no review errors', (name) => {
    const parsed = parseBoardText(readFileSync(join(TEMPLATES_DIR, name), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const errors = review(parsed.board).filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
