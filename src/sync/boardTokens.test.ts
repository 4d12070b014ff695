// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ID = 'AbCdEfGhIjKlMnOpQrStUv';
const OTHER = 'ZyXwVuTsRqPoNmLkJiHgFe';

/** A fresh copy of the module (its cache) over the storage as each test leaves it. */
async function load() {
  vi.resetModules();
  return import('./boardTokens');
}

beforeEach(() => localStorage.clear());

describe('splitToken', () => {
  it('takes the token from the fragment and leaves the rest of the address', async () => {
    const { splitToken } = await load();
    const found = splitToken(new URL(`https://x.test/b/${ID}?template=video-recommendation#token=T0k-en_1`));
    expect(found?.token).toBe('T0k-en_1');
    expect(found?.bare.href).toBe(`https://x.test/b/${ID}?template=video-recommendation`);
  });

  it('takes the token from the query of an older link', async () => {
    const { splitToken } = await load();
    const found = splitToken(new URL(`https://x.test/b/${ID}?token=abc&template=t`));
    expect(found?.token).toBe('abc');
    expect(found?.bare.href).toBe(`https://x.test/b/${ID}?template=t`);
    expect(splitToken(new URL(`https://x.test/b/${ID}?token=abc`))?.bare.href).toBe(`https://x.test/b/${ID}`);
  });

  it('prefers the fragment and keeps other fragment entries', async () => {
    const { splitToken } = await load();
    const found = splitToken(new URL(`https://x.test/b/${ID}?token=old#token=new&view=1`));
    expect(found?.token).toBe('new');
    expect(found?.bare.href).toBe(`https://x.test/b/${ID}#view=1`);
  });

  it('finds nothing in an address without a token, or with an empty one', async () => {
    const { splitToken } = await load();
    expect(splitToken(new URL(`https://x.test/b/${ID}`))).toBeNull();
    expect(splitToken(new URL(`https://x.test/b/${ID}#token=`))).toBeNull();
  });
});

describe('kept tokens', () => {
  it('keeps a token per board across page loads; a local board is told apart from a board without a token', async () => {
    let tokens = await load();
    tokens.keepBoardToken(ID, 'tok');
    tokens.markLocalBoard(OTHER);
    tokens = await load();
    expect(tokens.boardToken(ID)).toBe('tok');
    expect(tokens.isLocalBoard(ID)).toBe(false);
    expect(tokens.boardToken(OTHER)).toBeUndefined();
    expect(tokens.isLocalBoard(OTHER)).toBe(true);
    expect(tokens.boardToken('nothing-kept-for-this-id')).toBeUndefined();
    expect(tokens.isLocalBoard('nothing-kept-for-this-id')).toBe(false);
  });

  it('carries over the tokens the recent-boards list kept before, once', async () => {
    localStorage.setItem(
      'mldb.recentBoards',
      JSON.stringify([
        { id: ID, title: 'A', token: 'old', updatedAt: 1 },
        { id: OTHER, title: 'B', updatedAt: 2 },
      ]),
    );
    const tokens = await load();
    expect(tokens.boardToken(ID)).toBe('old');
    expect(tokens.isLocalBoard(OTHER)).toBe(true);
    localStorage.setItem('mldb.recentBoards', '[]');
    expect((await load()).boardToken(ID)).toBe('old');
  });

  it('ignores malformed storage', async () => {
    localStorage.setItem('mldb.boardTokens', JSON.stringify({ [ID]: { token: 5 }, [OTHER]: 'x' }));
    const tokens = await load();
    expect(tokens.boardToken(ID)).toBeUndefined();
    expect(tokens.isLocalBoard(OTHER)).toBe(false);
  });

  it('writes links with the token in the fragment', async () => {
    const { boardLink } = await load();
    expect(boardLink(ID, 'a/b', 'https://x.test')).toBe(`https://x.test/b/${ID}#token=a%2Fb`);
  });
});
