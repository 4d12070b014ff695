import { describe, expect, it } from 'vitest';
import { awarenessMessage, closed, connect, createBoard, metric, rawSocket, spoofPresence, waitFor } from './harness';
import { serverForFile } from './servers';

/**
 * Awareness ownership through the real server (#12): a connection sets and removes only the
 * presence of client ids first seen on it; the rest of its message is dropped and counted.
 */
const server = serverForFile();

const dropped = () => metric(server, 'mldb_awareness_spoof_dropped_total');

describe('awareness ownership', () => {
  it("a connection cannot set or remove another connection's presence; its own goes through", async () => {
    const board = await createBoard(server);
    const ada = connect(server, board.boardId, board.tokens.edit);
    const watcher = connect(server, board.boardId, board.tokens.read);
    await Promise.all([ada.firstSync, watcher.firstSync]);
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const adaId = ada.doc.clientID;
    const nameSeen = (id: number) => (watcher.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;
    await waitFor(() => nameSeen(adaId) === 'Ada', "the watcher to see Ada's presence");

    const before = await dropped();
    // A read-only connection claims Ada's id (a newer clock), removes it, and announces itself.
    const mallory = await rawSocket(server, board.boardId, board.tokens.read);
    const malloryId = 0x7fff_0001;
    spoofPresence(mallory, adaId, malloryId, 'Mallory');
    await waitFor(() => nameSeen(malloryId) === 'Mallory', "the watcher to see Mallory's own presence");
    await waitFor(async () => (await dropped()) === before + 2, 'two dropped entries');
    expect(nameSeen(adaId)).toBe('Ada');
    // Ada's own changes still go through.
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada L.' });
    await waitFor(() => nameSeen(adaId) === 'Ada L.', "Ada's own change");

    // Nor can an editor take over the id Mallory's connection owns, or remove it.
    const eve = await rawSocket(server, board.boardId, board.tokens.edit);
    eve.send(awarenessMessage([[malloryId, 5, { user: { name: 'Eve' } }]]));
    eve.send(awarenessMessage([[malloryId, 6, null]]));
    await waitFor(async () => (await dropped()) === before + 4, 'two more dropped entries');
    expect(nameSeen(malloryId)).toBe('Mallory');
    // Mallory removes its own presence: that is allowed.
    mallory.send(awarenessMessage([[malloryId, 2, null]]));
    await waitFor(() => nameSeen(malloryId) === undefined, "Mallory's own removal");
    expect(eve.readyState).toBe(eve.OPEN);

    // Once Ada's connection is gone (and its presence with it), a new connection may use the id: a reconnect.
    ada.destroy();
    await waitFor(() => nameSeen(adaId) === undefined, "Ada's presence to leave with her connection");
    const back = await rawSocket(server, board.boardId, board.tokens.edit);
    back.send(awarenessMessage([[adaId, 2_000, { user: { name: 'Ada again' } }]]));
    await waitFor(() => nameSeen(adaId) === 'Ada again', 'the reconnected client to show');
    expect(await dropped()).toBe(before + 4);
    for (const ws of [mallory, eve, back]) {
      ws.close();
      await closed(ws);
    }
    watcher.destroy();
  });
});
