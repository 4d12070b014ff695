import { describe, expect, it } from 'vitest';
import { decideLoad } from '../loadBudget';
import { connect, createBoard, rawSocket, waitFor, type Board, type Client, type ServerHandle } from './harness';
import { serverForTest } from './servers';

describe('decideLoad (MAX_LOADED_BYTES)', () => {
  const room = (bytes: number, idleSince: number | null) => ({ bytes, idleSince });

  it('admits under the budget, unloads idle boards longest idle first to make way, never boards with people on them', () => {
    expect(decideLoad([room(40, null), room(40, 5)], 100)).toEqual({ admit: true, unload: [] });
    const [busy, idleLong, idleShort] = [room(60, null), room(30, 1), room(30, 9)];
    expect(decideLoad([busy, idleShort, idleLong], 100)).toEqual({ admit: true, unload: [idleLong] });
    expect(decideLoad([room(100, null), idleShort, idleLong], 100)).toEqual({ admit: false, unload: [idleLong, idleShort] });
    expect(decideLoad([room(120, null)], 100)).toEqual({ admit: false, unload: [] });
  });
});

const health = async (server: ServerHandle) => (await (await fetch(`${server.httpUrl}/healthz`)).json()) as { boardsLoaded: number; loadedBytes: number };
const explain = async (server: ServerHandle, board: Board) => {
  const response = await fetch(`${server.httpUrl}/api/rooms/${board.boardId}?token=${board.tokens.edit}`);
  return { status: response.status, ...((await response.json()) as { reason?: string }) };
};
const refusal = (server: ServerHandle, board: Board) =>
  rawSocket(server, board.boardId, board.tokens.edit).then(
    (ws) => (ws.close(), 'open'),
    (error: { status?: number }) => error.status,
  );

describe('memory budget of loaded boards (real server)', { timeout: 60_000 }, () => {
  it('keeps idle boards loaded for IDLE_UNLOAD_MS, unloads them first to make way, and refuses a new board while the boards in use fill the budget', async ({ onTestFinished }) => {
    const server = await serverForTest(onTestFinished, { env: { MAX_LOADED_BYTES: String(100 * 1024), IDLE_UNLOAD_MS: '600000' } });
    const clients: Client[] = [];
    onTestFinished(async () => {
      for (const client of clients) client.destroy();
    });
    /** An editor who writes `kb` kilobytes onto the board and stays. */
    const write = async (board: Board, kb: number) => {
      const editor = connect(server, board.boardId, board.tokens.edit);
      clients.push(editor);
      await editor.firstSync;
      const before = (await health(server)).loadedBytes;
      editor.doc.getMap('meta').set('text', 'x'.repeat(kb * 1024));
      await waitFor(async () => (await health(server)).loadedBytes >= before + kb * 1024, `${kb} KB on the board`);
      return editor;
    };
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createBoard(server)));

    await write(a, 60);
    (await write(b, 60)).destroy();
    // B has nobody on it but stays loaded (IDLE_UNLOAD_MS).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await health(server)).boardsLoaded).toBe(2);

    // C does not fit beside A and B: B, idle, is unloaded to make way.
    await write(c, 60);
    await waitFor(async () => (await health(server)).boardsLoaded === 2, 'the idle board to be unloaded');

    // A and C, both in use, fill the budget: D waits.
    expect(await explain(server, d)).toMatchObject({ status: 503, reason: 'memory_budget' });
    expect(await refusal(server, d)).toBe(503);

    // A's editor leaves: A is idle now, and makes way for D.
    clients[0]!.destroy();
    await waitFor(async () => (await explain(server, d)).status === 200, 'room for D');
    expect(await refusal(server, d)).toBe('open');

    // What the unloaded boards held was stored.
    const exported = await fetch(`${server.httpUrl}/api/boards/${b.boardId}.json?token=${b.tokens.read}`);
    expect(exported.status).toBe(200);
    const reader = connect(server, b.boardId, b.tokens.read);
    clients.push(reader);
    expect(((await reader.firstSync).getMap('meta').get('text') as string).length).toBe(60 * 1024);
  });
});
