import { describe, expect, it } from 'vitest';
import { keyEncoding } from 'y-leveldb';
import { SeriesKeys } from '../storage/levelKeys';

describe('SeriesKeys', () => {
  it("makes exactly y-leveldb's key of each part list, for any room name and number", () => {
    for (const room of ['board-1', 'fF3k_2zQ-control', 'Zoë 🦊 '.repeat(40)]) {
      const keys = new SeriesKeys(['h1', room, 'e']);
      for (const n of [0, 1, 127, 128, 255, 256, 65_535, 2 ** 24 + 7, 0xfffffffe]) expect([...keys.key(n)]).toEqual([...keyEncoding.encode(['h1', room, 'e', n])]);
    }
  });
});
