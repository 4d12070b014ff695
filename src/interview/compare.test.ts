import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../shared/parseBoard';
import { compareWithReference, stepsOfType } from './compare';

const node = (id: string, type: string, title = id) => ({ id, type, title });

function template(id: string) {
  const parsed = parseBoardText(readFileSync(`templates/${id}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.board;
}

describe('compare with reference', () => {
  it('matches by type first, then a node of the same category stands in, the rest is missing', () => {
    const reference = [node('r1', 'ranker'), node('c1', 'candidate-generation'), node('m1', 'monitor'), node('f', 'group'), node('n', 'sticky-note')];
    const board = [node('b1', 'ranker', 'My ranker'), node('b2', 'model-server', 'Scoring service')];
    const result = compareWithReference(board, reference);
    expect(result).toMatchObject({ total: 3, covered: 1, similar: 1 });
    const parts = Object.fromEntries(result.steps.flatMap((s) => s.parts).map((p) => [p.id, p]));
    expect(parts.r1).toMatchObject({ coverage: 'covered', match: { id: 'b1', title: 'My ranker' } });
    expect(parts.c1).toMatchObject({ coverage: 'similar', match: { id: 'b2', typeLabel: 'Model server' } });
    expect(parts.m1).toMatchObject({ coverage: 'missing' });
    expect(parts.m1!.match).toBeUndefined();
  });

  it('matches one to one: two reference trainers need two on the board', () => {
    const result = compareWithReference([node('t', 'trainer')], [node('a', 'trainer'), node('b', 'trainer')]);
    expect(result.steps.find((s) => s.step === 'model')!.parts.map((p) => p.coverage)).toEqual(['covered', 'missing']);
  });

  it('lists a part under every step it is evidence for, and unlisted types under their category', () => {
    expect(stepsOfType('model-server')).toEqual(['framing', 'serving']);
    expect(stepsOfType('embedding-service')).toEqual(['data']);
    expect(stepsOfType('rules-engine')).toEqual(['serving']);
    expect(stepsOfType('sticky-note')).toEqual([]);
  });

  it('covers the whole video recommendation reference with itself, and none of it with an empty board', () => {
    const reference = template('video-recommendation').nodes;
    const full = compareWithReference(reference, reference);
    expect(full.covered).toBe(full.total);
    expect(full.total).toBeGreaterThan(15);
    expect(full.steps.every((s) => s.parts.length > 0)).toBe(true);
    const empty = compareWithReference([], reference);
    expect(empty).toMatchObject({ covered: 0, similar: 0 });
  });
});
