import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncUpdateMessage } from '../server/test/poison';

/**
 * The honest pair of benchmark 12 in a process of its own, so that the flooding clients' work (the
 * 45 peers receiving every presence state, the whole documents the flood pulls) never delays the
 * honest reader's clock: what it times is the server. Started with the URL of a board and its edit
 * token; connects a writer and a reader, says `ready`, then for each `{ seconds }` message times
 * edits one at a time for that long and answers with their latencies (ms).
 */
export type HonestRequest = { seconds: number } | { stop: true };
export type HonestReply = { ready: true } | { latencies: number[] } | { failed: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const [url] = process.argv.slice(2);
const reply = (message: HonestReply) => process.send!(message);

function open(): Promise<WebSocket> {
  const socket = new WebSocket(url!);
  return new Promise((resolve, reject) => (socket.once('open', () => resolve(socket)), socket.once('error', reject)));
}

async function main(): Promise<void> {
  const [writer, reader] = [await open(), await open()];
  const doc = new Y.Doc();
  let arrived: (() => void) | null = null;
  reader.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 2) arrived?.();
  });
  await sleep(500);
  let next = 0;
  process.on('message', async (request: HonestRequest) => {
    if ('stop' in request) {
      writer.close();
      reader.close();
      process.disconnect();
      return;
    }
    const latencies: number[] = [];
    const end = performance.now() + request.seconds * 1000;
    while (performance.now() < end) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('nodes').set('probe', next++);
      const received = new Promise<void>((resolve) => (arrived = resolve));
      const sent = performance.now();
      writer.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc, before)));
      await Promise.race([received, sleep(10_000)]);
      latencies.push(performance.now() - sent);
      await sleep(20);
    }
    reply({ latencies });
  });
  reply({ ready: true });
}

main().catch((error: unknown) => reply({ failed: String((error as Error).stack ?? error) }));
