import * as encoding from 'lib0/encoding';
import { afterAll, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LOOPBACK_CROWD_LIMITS, connect, createBoard, metric, prng, rawSocket, waitFor, type Client } from './harness';
import { serverForFile } from './servers';

// 1,000 connections from one address, many of them asking for the whole document.
const server = serverForFile({ env: LOOPBACK_CROWD_LIMITS });
const clients: Client[] = [];

afterAll(() => {
  for (const client of clients) client.destroy();
});

const frame = (write: (e: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};
const syncFrame = (type: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, payload);
  });

/** Valid messages of every kind, from a document with some history, to cut up and corrupt. */
function validMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  const nodes = doc.getMap('nodes');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  nodes.set('a', { x: 1 });
  const inner = new Y.Map();
  nodes.set('b', inner);
  inner.set('title', 'Feature store');
  doc.getText('notes').insert(0, 'candidate generation');
  doc.getText('notes').delete(2, 5);
  nodes.delete('a');
  doc.getArray('list').push([1, 'two', { three: 3 }, new Uint8Array([4])]);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#f00' }, cursor: { x: 1, y: 2 } });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return [
    syncFrame(0, Y.encodeStateVector(doc)),
    syncFrame(1, Y.encodeStateAsUpdate(doc)),
    ...updates.map((update) => syncFrame(2, update)),
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessUpdate);
    }),
    new Uint8Array([3]),
  ];
}

function fuzzFrames(count: number, random: () => number): Uint8Array[] {
  const valid = validMessages();
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(valid);
    switch (i % 7) {
      case 0: // random bytes
        frames.push(bytes(Math.floor(random() * 64)));
        break;
      case 1: // a valid message cut short
        frames.push(base.slice(0, Math.max(1, Math.floor(random() * base.length))));
        break;
      case 2: // a valid header with a random payload
        frames.push(syncFrame(pick([0, 1, 2]), bytes(1 + Math.floor(random() * 80))));
        break;
      case 3: {
        // a valid message with a few bytes flipped
        const copy = base.slice();
        for (let k = 0; k < 1 + Math.floor(random() * 3); k++) copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
        frames.push(copy);
        break;
      }
      case 4: // trailing garbage
        frames.push(Uint8Array.from([...base, ...bytes(1 + Math.floor(random() * 8))]));
        break;
      case 5: // a length prefix far beyond the message
        frames.push(Uint8Array.from([pick([0, 1]), ...(random() < 0.5 ? [2] : []), 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(8)]));
        break;
      default: // an update with a random payload of plausible structure
        frames.push(syncFrame(2, Uint8Array.from([1 + Math.floor(random() * 3), ...bytes(4 + Math.floor(random() * 40))])));
    }
  }
  return frames;
}

/** Sends one frame on its own connection, then a sync step 1: the step 2 reply or a close shows the frame was handled. */
async function sendOne(room: string, token: string, data: Uint8Array): Promise<number | 'open'> {
  const ws: WebSocket = await rawSocket(server, room, token);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish('open'), 5000);
    const finish = (result: number | 'open') => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.terminate();
      resolve(result);
    };
    ws.on('close', (code) => finish(code));
    ws.on('message', (message: Buffer) => {
      if (message[0] === 0 && message[1] === 1) finish('open');
    });
    ws.send(data);
    ws.send(syncFrame(0, new Uint8Array([0])));
  });
}

it('survives 1,000 random and truncated frames on one board while another board keeps syncing', async () => {
  const target = await createBoard(server);
  const bystanders = await createBoard(server);
  const owner = connect(server, target.boardId, target.tokens.edit);
  const a = connect(server, bystanders.boardId, bystanders.tokens.edit);
  const b = connect(server, bystanders.boardId, bystanders.tokens.edit);
  clients.push(owner, a, b);
  await Promise.all([owner.firstSync, a.firstSync, b.firstSync]);
  owner.doc.getMap('nodes').set('real', 'content');
  await waitFor(async () => (await metric(server, 'mldb_updates_stored_total')) >= 1, 'the real content to be stored');

  const frames = fuzzFrames(1000, prng(20240611));
  const outcomes = new Map<string, number>();
  let next = 0;
  let bystanderEdits = 0;
  const worker = async () => {
    while (next < frames.length) {
      const index = next++;
      const outcome = await sendOne(target.boardId, target.tokens.edit, frames[index]!);
      outcomes.set(String(outcome), (outcomes.get(String(outcome)) ?? 0) + 1);
      // Meanwhile the other board is edited and must keep converging.
      if (index % 50 === 0) a.doc.getMap('nodes').set(`edit${bystanderEdits++}`, index);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log('fuzz outcomes (close code or "open"):', Object.fromEntries(outcomes));

  const health = await fetch(`${server.httpUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(server.proc.exitCode).toBeNull();
  // Every malformed frame closed only its own connection, with 4400; an update that depends on missing data is dropped, its connection kept.
  expect([...outcomes.keys()].every((key) => ['4400', 'open'].includes(key))).toBe(true);
  expect(outcomes.get('4400') ?? 0).toBeGreaterThan(500);
  await waitFor(() => b.doc.getMap('nodes').size === bystanderEdits, 'the other board to converge');
  expect(a.closes).toEqual([]);
  expect(b.closes).toEqual([]);
  expect(owner.closes).toEqual([]);
  // The fuzzed board still works and still has its content.
  owner.doc.getMap('nodes').set('after', 'fuzz');
  const fresh = connect(server, target.boardId, target.tokens.read);
  clients.push(fresh);
  const first = await fresh.firstSync;
  expect(first.getMap('nodes').get('real')).toBe('content');
  await waitFor(() => fresh.doc.getMap('nodes').get('after') === 'fuzz', 'the fuzzed board to keep syncing');
}, 60_000);
