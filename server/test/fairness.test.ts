import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep1 } from '../protocol';
import { awarenessMessage, createBoard, metric, rawSocket, waitFor } from './harness';
import { serverForTest } from './servers';
import { syncUpdateMessage } from './poison';

/**
 * The floods from one address against a real server process: asking again and again for a
 * whole board, and a large presence state sent to 45 peers, each reconnecting whenever the server
 * closes it. The byte budgets hold per address, so reconnecting buys nothing.
 */
type Outcome = 'answered' | `closed ${number} ${string}`;

/** Waits for the first of: a message `isWanted` accepts, or the socket closing. */
function answerOrClose(ws: WebSocket, isWanted: (data: Buffer) => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    ws.on('message', (data: Buffer) => isWanted(data) && resolve('answered'));
    ws.once('close', (code, reason) => resolve(`closed ${code} ${reason.toString()}`));
  });
}

describe.concurrent('floods from one address (real server)', { timeout: 60_000 }, () => {
  it('a client asking for a whole board again and again, reconnecting when closed, gets the bytes its address may have and no more', async ({ onTestFinished }) => {
    // 1 MiB of answers at once, then 1 KiB a second: three answers of a 300 KB board.
    const server = await serverForTest(onTestFinished, { env: { SYNC_ANSWER_BYTE_BURST: String(1 << 20), SYNC_ANSWER_BYTES_PER_SECOND_PER_ADDRESS: '1024' } });
    const { boardId, tokens } = await createBoard(server);
    const writer = await rawSocket(server, boardId, tokens.edit);
    const doc = new Y.Doc();
    doc.getMap('nodes').set('large', 'x'.repeat(300_000));
    writer.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    await waitFor(async () => (await metric(server, 'mldb_updates_stored_total')) === 1, 'the board stored');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 8; i++) {
      const ws = await rawSocket(server, boardId, tokens.read);
      const outcome = answerOrClose(ws, (data) => data[0] === 0 && data[1] === 1 && data.length > 300_000);
      ws.send(encodeSyncStep1(new Y.Doc()));
      outcomes.push(await outcome);
      ws.terminate();
    }
    expect(outcomes).toEqual([...Array(3).fill('answered'), ...Array(5).fill('closed 1008 too much document data')]);
    expect(await metric(server, 'mldb_messages_refused_total{reason="sync_bytes"}')).toBe(5);
    writer.close();
  });

  it('a 250 KB presence state sent to 45 peers, resent on every reconnect, reaches each peer once', async ({ onTestFinished }) => {
    // The default fan-out burst (16 MiB) takes one 250 KB state times 45 peers; almost nothing comes back while the test runs.
    const server = await serverForTest(onTestFinished, { env: { AWARENESS_FANOUT_BYTES_PER_SECOND_PER_ADDRESS: '1024', UPGRADE_BURST_PER_ADDRESS: '100' } });
    const { boardId, tokens } = await createBoard(server);
    const peers = await Promise.all(Array.from({ length: 45 }, () => rawSocket(server, boardId, tokens.edit)));
    const received = peers.map(() => 0);
    peers.forEach((peer, i) => peer.on('message', (data: Buffer) => data[0] === 1 && data.length > 250_000 && received[i]!++));
    const state = (clock: number) => awarenessMessage([[4242, clock, { user: { name: 'flood' }, blob: 'x'.repeat(250_000) }]]);
    let clock = 0;
    let sender = await rawSocket(server, boardId, tokens.edit);
    sender.send(state(++clock));
    // A refused connection leaves the room at once, dropping what it sent that the room has not handled yet:
    // the first state reaches the peers before the sender sends the one that gets it closed.
    await waitFor(() => received.every((n) => n === 1), 'every peer receiving the first state');
    const outcomes: Outcome[] = [];
    for (let connection = 0; connection < 5; connection++) {
      if (connection > 0) sender = await rawSocket(server, boardId, tokens.edit);
      const closed = answerOrClose(sender, () => false);
      sender.send(state(++clock));
      outcomes.push(await closed);
    }
    expect(outcomes).toEqual(Array(5).fill('closed 1008 too much presence data'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual(peers.map(() => 1));
    expect(peers.every((peer) => peer.readyState === peer.OPEN)).toBe(true);
    for (const peer of peers) peer.close();
  });
});
