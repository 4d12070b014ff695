import { hasRole, nameOf, numberProp, textProp } from '../model';
import { bytesOf } from '../quantities';
import { defineRule } from '../types';

/** Product quantisation keeps a short code per vector instead of its floats. */
const QUANTISED = /pq|quanti/i;
const PQ_CODE_BYTES = 8;

/** Vectors x dimension x 4 bytes must fit the memory the index is given. */
export const indexMemoryRule = defineRule({
  id: 'index-memory',
  title: 'Index fits in memory',
  severity: 'error',
  step: 'serving',
  find(board) {
    return board.withRole('retrieval').flatMap((index) => {
      const items = numberProp(index, 'itemCount');
      const memory = bytesOf(textProp(index, 'memory'));
      if (items === undefined || memory === undefined) return [];
      const encoder = [...board.upstream(index.id)].find((n) => hasRole(n, 'encoder') && numberProp(n, 'dimension') !== undefined);
      if (!encoder) return [];
      const dimension = numberProp(encoder, 'dimension')!;
      const perVector = QUANTISED.test(`${textProp(index, 'algorithm')} ${textProp(index, 'memory')}`) ? PQ_CODE_BYTES : dimension * 4;
      const needed = items * perVector;
      if (needed <= memory) return [];
      return [
        {
          message: `${nameOf(index)} holds ${items.toLocaleString('en-US')} vectors of ${dimension} floats from ${nameOf(encoder)}: about ${gigabytes(needed)} GB, more than its ${textProp(index, 'memory')}.`,
          question: `${items.toLocaleString('en-US')} x ${dimension} x 4 bytes: how many machines is that, or how would you shrink each vector?`,
          nodeIds: [index.id, encoder.id],
        },
      ];
    });
  },
});

function gigabytes(bytes: number): string {
  return Number((bytes / 1e9).toPrecision(3)).toLocaleString('en-US');
}
