import { keyEncoding } from 'y-leveldb';

/**
 * The keys of one numbered series of a room in y-leveldb's key format (['h1', room, 'e', n]), made
 * without running y-leveldb's key encoder for each key. That format is the concatenation of each
 * part's encoding (a string: 0 and a varString; a number: 1 and four bytes big-endian), so the parts
 * before the number are encoded once, by y-leveldb itself, and each key appends its number. Such a
 * key is written with `keyEncoding: 'buffer'` (it is encoded already).
 */
export class SeriesKeys {
  private readonly prefix: Buffer;

  constructor(parts: string[]) {
    this.prefix = Buffer.from(keyEncoding.encode(parts));
  }

  key(n: number): Buffer {
    const key = Buffer.allocUnsafe(this.prefix.length + 5);
    this.prefix.copy(key, 0);
    key[this.prefix.length] = 1;
    key.writeUInt32BE(n, this.prefix.length + 1);
    return key;
  }
}

/** A batch put of a key made by SeriesKeys. */
export const encodedPut = (key: Buffer, value: Uint8Array) => ({ type: 'put' as const, key, value, keyEncoding: 'buffer' });
