import * as encoding from 'lib0/encoding';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import * as Y from 'yjs';
import { insertBoard } from '../../src/shared/yjsBoard';
import { CloseCode } from '../../src/shared/closeCodes';
import { ConfigError, loadConfig } from '../config';
import {
  LOOPBACK_CROWD_LIMITS,
  awarenessMessage,
  awarenessUpdate,
  connect,
  createBoard,
  metric,
  rawSocket,
  serverOutput,
  spoofPresence,
  startServer,
  waitFor,
  type Client,
  type ServerHandle,
} from './harness';
import { BOARD_SECRET, REDIS_URL, dropSchema, scaleOutAvailable, scaleOutEnv, startBalancer, uniqueSchema } from './scaleoutEnv';

describe('scale-out configuration', () => {
  it('needs both DATABASE_URL and REDIS_URL, and BOARD_SECRET, and never echoes them', () => {
    const url = 'postgres://app:hunter2hunter2@db/boards';
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL and REDIS_URL go together/);
    expect(() => loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://r' })).toThrow(/BOARD_SECRET is required with DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://r', BOARD_SECRET, DATABASE_SCHEMA: 'Bad-Name' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://r', BOARD_SECRET, DATABASE_SCHEMA: 'Bad-Name', PORT: 'x' });
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_SCHEMA="Bad-Name": must be a lower-case SQL identifier');
      expect((error as Error).message).not.toContain('hunter2');
    }
    const config = loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://r', BOARD_SECRET });
    expect([config.DATABASE_SCHEMA, config.CATCH_UP_INTERVAL_MS]).toEqual(['public', 5000]);
  });
});

/** The node id a server logged when it started listening (its Redis connections are named after it). */
const nodeOf = (server: ServerHandle) => server.logs.find((line) => line.msg === 'listening')!.node as string;

/** Drops the Redis connections of the given server processes (as a Redis restart would), all or only the subscribers. */
async function dropRedisConnections(redis: Redis, servers: ServerHandle[], only?: 'subscriber'): Promise<number> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  const prefixes = servers.map((server) => `mldb-${nodeOf(server)}-${only ?? ''}`);
  let killed = 0;
  for (const line of list.split('\n')) {
    const id = /\bid=(\d+)/.exec(line)?.[1];
    const name = /\bname=(\S+)/.exec(line)?.[1];
    if (id && name && prefixes.some((prefix) => name.startsWith(prefix))) killed += Number(await redis.call('CLIENT', 'KILL', 'ID', id));
  }
  return killed;
}

/**
 * Two server processes A and B on one schema of this file, shared by the tests (which run one after
 * the other: the Redis test drops their connections); the kill test adds a process of its own.
 * No periodic check within a test: only pub/sub, gap detection and resyncs keep boards in step
 * (scaleout.rooms.test.ts covers the check).
 */
describe.skipIf(!scaleOutAvailable)('scale-out: several processes share boards through PostgreSQL and Redis', { timeout: 60_000 }, () => {
  const schema = uniqueSchema();
  const redis = scaleOutAvailable ? new Redis(REDIS_URL, { lazyConnect: true }) : null;
  const servers: ServerHandle[] = [];
  /** What each server is called in the output of a failed test. */
  const labels = new Map<ServerHandle, string>();
  let a: ServerHandle;
  let b: ServerHandle;
  const start = async (label: string) => {
    const server = await startServer({ env: scaleOutEnv(schema, { ...LOOPBACK_CROWD_LIMITS, CATCH_UP_INTERVAL_MS: '600000' }) });
    servers.push(server);
    labels.set(server, label);
    return server;
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([start('A'), start('B'), redis!.connect()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    redis?.disconnect();
    await dropSchema(schema);
  }, 30_000);

  /** Clients and balancers a test starts, gone when it ends; when it fails, every server's output and each client's close codes are printed. */
  function fixture({ onTestFinished, onTestFailed }: Pick<TestContext, 'onTestFinished' | 'onTestFailed'>) {
    const clients: Client[] = [];
    const closers: Array<() => Promise<void>> = [];
    onTestFailed(() => {
      const closes = clients.map((client, i) => {
        const times = new Map<string, number>();
        for (const { code, reason } of client.closes) {
          const close = reason ? `${code} ${reason}` : `${code}`;
          times.set(close, (times.get(close) ?? 0) + 1);
        }
        const summary = [...times].map(([close, n]) => `${close} x${n}`).join(', ');
        return `client ${i} (${client.provider.roomname}): closes [${summary}], connected ${client.provider.wsconnected}, synced ${client.provider.synced}`;
      });
      console.error([...servers.map((server) => serverOutput(labels.get(server)!, server)), ...closes].join('\n'));
    });
    onTestFinished(async () => {
      for (const client of clients) client.destroy();
      for (const close of closers) await close();
    });
    return {
      track: (client: Client) => (clients.push(client), client),
      /** A stand-in for the load balancer: round robin over the servers. */
      balance: async (targets: ServerHandle[]): Promise<ServerHandle> => {
        const balancer = await startBalancer(targets.map((server) => server.port));
        closers.push(balancer.close);
        return { ...targets[0]!, port: balancer.port, httpUrl: `http://127.0.0.1:${balancer.port}`, wsUrl: `ws://127.0.0.1:${balancer.port}/ws` };
      },
    };
  }

  it('two processes serve one board: clients on each converge, a third gets the whole board; tokens, read-only, presence and health work on both', async (context) => {
    const { track } = fixture(context);
    const { boardId, tokens } = await createBoard(a);
    const onA = track(connect(a, boardId, tokens.edit));
    const onB = track(connect(b, boardId, tokens.interviewer));
    await Promise.all([onA.firstSync, onB.firstSync]);
    const nodesA = onA.doc.getMap('nodes');
    const nodesB = onB.doc.getMap('nodes');
    for (let i = 0; i < 20; i++) nodesA.set(`a${i}`, { x: i });
    for (let i = 0; i < 20; i++) nodesB.set(`b${i}`, { y: i });
    onA.doc.getText('notes').insert(0, 'hello ');
    onB.doc.getText('notes').insert(0, 'world ');
    await waitFor(() => nodesA.size === 40 && nodesB.size === 40, 'both clients to have 40 nodes');
    await waitFor(() => onA.doc.getText('notes').toString() === onB.doc.getText('notes').toString(), 'texts to converge');

    // A third client, read-only, on either process: the whole board at its first sync.
    for (const server of [a, b]) {
      const reader = track(connect(server, boardId, tokens.read));
      const first = await reader.firstSync;
      expect(first.getMap('nodes').toJSON()).toEqual(nodesA.toJSON());
      expect(Y.encodeStateVector(first)).toEqual(Y.encodeStateVector(onA.doc));
      // Its edits are refused on B like on A, and reach nobody.
      const refused = await metric(server, 'mldb_messages_refused_total{reason="read_only"}');
      reader.doc.getMap('nodes').set(`evil-${server.port}`, true);
      await waitFor(async () => (await metric(server, 'mldb_messages_refused_total{reason="read_only"}')) === refused + 1, 'the refusal to be counted');
    }
    // Interviewer room: the token minted on A opens it on B.
    const notes = track(connect(b, `${boardId}.interviewer`, tokens.interviewer));
    await notes.firstSync;
    nodesA.set('last', 1);
    await waitFor(() => nodesB.get('last') === 1, 'a later edit to reach B');
    expect([...nodesB.keys()].some((key) => key.startsWith('evil'))).toBe(false);

    // Presence crosses processes.
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === 'Ada', 'B to see Ada');

    // Export from a process that does not hold the board reads it from PostgreSQL.
    const other = await createBoard(b);
    const designer = track(connect(a, other.boardId, other.tokens.edit));
    await designer.firstSync;
    insertBoard(designer.doc, { nodes: [{ id: 'n1', type: 'note', title: 'Ranking', position: { x: 1, y: 2 }, props: {} }], edges: [] });
    await waitFor(
      async () =>
        (await metric(a, 'mldb_updates_stored_total')) > 0 && !(await fetch(`${b.httpUrl}/api/boards/${other.boardId}.json?token=${other.tokens.read}`).then((r) => r.text())).includes('"nodes":[]'),
      'the export',
    );
    const exported = (await (await fetch(`${b.httpUrl}/api/boards/${other.boardId}.json?token=${other.tokens.read}`)).json()) as { nodes: Array<{ title: string }> };
    expect(exported.nodes.map((node) => node.title)).toEqual(['Ranking']);
    // B holds only the first board and its interviewer room.
    expect(await metric(b, 'mldb_boards_loaded')).toBe(2);

    const health = (await (await fetch(`${b.httpUrl}/healthz`)).json()) as { ok: boolean; storage: { backend: string; ok: boolean }; redis: { ok: boolean } };
    expect(health).toMatchObject({ ok: true, storage: { backend: 'postgres', ok: true }, redis: { ok: true } });
    expect(await metric(a, 'mldb_fanout_published_total{kind="update"}')).toBeGreaterThan(0);
    expect(await metric(b, 'mldb_fanout_received_total{kind="update"}')).toBeGreaterThan(0);
    // Each process stored only its own clients' edits (nothing relayed was stored again).
    const stored = (await metric(a, 'mldb_updates_stored_total')) + (await metric(b, 'mldb_updates_stored_total'));
    const received = (await metric(a, 'mldb_fanout_received_total{kind="update"}')) + (await metric(b, 'mldb_fanout_received_total{kind="update"}'));
    expect(received).toBeLessThanOrEqual(stored);
  });

  it("presence ownership holds across processes: a connection to B cannot set or remove the presence of Ada's client on A", async (context) => {
    const { track } = fixture(context);
    const { boardId, tokens } = await createBoard(a);
    const ada = track(connect(a, boardId, tokens.edit));
    const watchers = [track(connect(a, boardId, tokens.read)), track(connect(b, boardId, tokens.read))];
    await Promise.all([ada.firstSync, ...watchers.map((w) => w.firstSync)]);
    const adaId = ada.doc.clientID;
    const namesSeen = (id: number) => watchers.map((w) => (w.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name);
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => namesSeen(adaId).every((name) => name === 'Ada'), "both processes' watchers to see Ada");

    const droppedOnB = await metric(b, 'mldb_awareness_spoof_dropped_total');
    const mallory = await rawSocket(b, boardId, tokens.edit);
    const malloryId = 0x7fff_0002;
    spoofPresence(mallory, adaId, malloryId, 'Mallory');
    await waitFor(() => namesSeen(malloryId).every((name) => name === 'Mallory'), "Mallory's own presence on both");
    await waitFor(async () => (await metric(b, 'mldb_awareness_spoof_dropped_total')) === droppedOnB + 2, 'the two entries dropped on B');
    expect(namesSeen(adaId)).toEqual(['Ada', 'Ada']);
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada L.' });
    await waitFor(() => namesSeen(adaId).every((name) => name === 'Ada L.'), "Ada's own change on both");

    // Two processes may let one client id through at once, before either hears of the other's: a relayed
    // entry for an id a connection to A owns is dropped there (sent here as another process would).
    const droppedOnA = await metric(a, 'mldb_awareness_spoof_dropped_total');
    const relay = encoding.createEncoder();
    encoding.writeVarString(relay, 'another-process');
    encoding.writeVarUint(relay, 1); // awareness (server/fanout/redis.ts)
    const clock = watchers[0]!.provider.awareness.meta.get(adaId)!.clock;
    encoding.writeVarUint8Array(relay, awarenessUpdate([[adaId, clock + 1, { user: { name: 'Raced' } }]]));
    await redis!.publish(`mldb:${schema}:${boardId}`, Buffer.from(encoding.toUint8Array(relay)));
    await waitFor(async () => (await metric(a, 'mldb_awareness_spoof_dropped_total')) === droppedOnA + 1, 'the relayed entry dropped on A');
    expect(namesSeen(adaId)[0]).toBe('Ada L.');
    // (B took it, having no connection of Ada's: her next two changes are newer there.)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada M.' });
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => namesSeen(adaId).every((name) => name === 'Ada'), 'Ada on both again');

    // Once Ada's connection is gone, her client may come back through the other process.
    ada.destroy();
    await waitFor(() => namesSeen(adaId).every((name) => name === undefined), "Ada's presence to leave both");
    mallory.send(awarenessMessage([[adaId, 2_000, { user: { name: 'Ada again' } }]]));
    await waitFor(() => namesSeen(adaId).every((name) => name === 'Ada again'), 'the id free again on B');
    expect(await metric(b, 'mldb_awareness_spoof_dropped_total')).toBe(droppedOnB + 2);
    mallory.close();
  });

  it('kill -9 of one process during edits: its clients reconnect to the other through the balancer; no edit a peer received is lost', async (context) => {
    const { track, balance } = fixture(context);
    const victim = await start('victim');
    const balancer = await balance([victim, b]);
    const { boardId, tokens } = await createBoard(victim);
    // Round robin: the writer lands on the victim, the first reader on B; the second reader connects to the victim directly.
    const writer = track(connect(balancer, boardId, tokens.edit));
    await writer.firstSync;
    const readerB = track(connect(balancer, boardId, tokens.read));
    await readerB.firstSync;
    const readerA = track(connect(victim, boardId, tokens.read));
    await readerA.firstSync;
    expect(await metric(victim, 'mldb_connections_open')).toBe(2);

    const received = new Set<string>();
    let killed = false;
    for (const reader of [readerA, readerB]) {
      reader.doc.getMap('nodes').observe((event) => {
        if (killed) return;
        for (const key of event.keysChanged) received.add(key);
        // Kill the victim the moment B relayed an edit: it is mid-stream, storing and publishing the next ones.
        if (reader === readerB && received.size >= 200) {
          killed = true;
          victim.proc.kill('SIGKILL');
        }
      });
    }
    let made = 0;
    const edit = () => writer.doc.getMap('nodes').set(`n${made++}`, made);
    const stream = setInterval(() => {
      for (let i = 0; i < 5; i++) edit();
    }, 2);
    // An edit sent the moment the new connection opens, before the sync exchange, starts past what B holds of
    // the writer (what A never stored): B drops it and the writer's sync answer brings it, with the connection kept.
    let editedOnOpen = false;
    writer.provider.on('status', ({ status }) => {
      if (killed && status === 'connected' && !editedOnOpen) {
        editedOnOpen = true;
        edit();
      }
    });
    await victim.exited;
    const receivedBeforeKill = [...received];
    // The writer keeps editing until it has reconnected (it sees its connection drop after the exit is reported): those edits must arrive too.
    await waitFor(() => !writer.provider.wsconnected, 'the writer to see its connection drop');
    const madeOffline = made;
    await waitFor(() => writer.provider.wsconnected && writer.provider.synced, 'the writer to reconnect to B', 20_000);
    clearInterval(stream);
    expect(made).toBeGreaterThan(madeOffline);
    readerA.destroy();

    const checker = track(connect(b, boardId, tokens.read));
    await checker.firstSync;
    await waitFor(() => checker.doc.getMap('nodes').size === made, `B to hold all ${made} edits`, 20_000);
    const missing = receivedBeforeKill.filter((key) => !checker.doc.getMap('nodes').has(key));
    console.log(
      `kill -9 across processes: ${made} edits made (${made - madeOffline} while the writer reconnected), ${receivedBeforeKill.length} received by a peer before the kill, ${checker.doc.getMap('nodes').size} on B after, ${missing.length} missing; the writer's closes: ${writer.closes.map((close) => close.code).join(', ')}`,
    );
    expect(missing).toEqual([]);
    expect(writer.closes.map((close) => close.code)).not.toContain(CloseCode.OUT_OF_SYNC);
    expect(made).toBeGreaterThan(receivedBeforeKill.length);
    await waitFor(() => readerB.doc.getMap('nodes').size === made, 'the reader on B to converge');
  });

  it('Redis connections dropped during edits (publisher and subscriber, twice): every board converges', async (context) => {
    const { track } = fixture(context);
    const resyncsBefore = await Promise.all([a, b].map((server) => metric(server, 'mldb_fanout_catchups_total{reason="resync"}')));
    const { boardId, tokens } = await createBoard(a);
    const clients = [connect(a, boardId, tokens.edit), connect(b, boardId, tokens.edit), connect(a, boardId, tokens.read), connect(b, boardId, tokens.read)].map(track);
    await Promise.all(clients.map((client) => client.firstSync));
    const [writerA, writerB] = clients;
    const made = { a: 0, b: 0 };
    const stream = setInterval(() => {
      writerA!.doc.getMap('nodes').set(`a${made.a++}`, made.a);
      writerB!.doc.getMap('nodes').set(`b${made.b++}`, made.b);
    }, 3);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const reconnected = (server: ServerHandle, times: number) =>
      waitFor(async () => (await metric(server, 'mldb_redis_reconnects_total{connection="subscriber"}')) >= times, 'the subscriber to reconnect');
    const reconnectsBefore = await Promise.all([a, b].map((server) => metric(server, 'mldb_redis_reconnects_total{connection="subscriber"}')));
    await pause(300);
    expect(await dropRedisConnections(redis!, [a, b])).toBe(4);
    // Edits go on while both reconnect; then B's subscriber is dropped again.
    await Promise.all([reconnected(a, reconnectsBefore[0]! + 1), reconnected(b, reconnectsBefore[1]! + 1)]);
    await pause(200);
    expect(await dropRedisConnections(redis!, [b], 'subscriber')).toBe(1);
    await reconnected(b, reconnectsBefore[1]! + 2);
    await pause(200);
    clearInterval(stream);
    const total = made.a + made.b;
    await waitFor(() => clients.every((client) => client.doc.getMap('nodes').size === total), `all four clients to hold ${total} edits`, 20_000);
    const states = clients.map((client) => Y.encodeStateVector(client.doc));
    for (const state of states) expect(state).toEqual(states[0]);

    for (const [i, server] of [a, b].entries()) {
      expect(await metric(server, 'mldb_fanout_catchups_total{reason="resync"}')).toBeGreaterThanOrEqual(resyncsBefore[i]! + 2);
      await waitFor(async () => ((await (await fetch(`${server.httpUrl}/healthz`)).json()) as { redis: { ok: boolean } }).redis.ok, 'Redis to be healthy again');
    }
    const published = (await metric(a, 'mldb_fanout_published_total{kind="failed"}')) + (await metric(b, 'mldb_fanout_published_total{kind="failed"}'));
    const gaps = (await metric(a, 'mldb_fanout_catchups_total{reason="gap"}')) + (await metric(b, 'mldb_fanout_catchups_total{reason="gap"}'));
    console.log(`Redis drops: ${total} edits, ${published} messages not published while reconnecting, ${gaps} gap catch-ups`);
  });

  it('refuses to start in scale-out mode without BOARD_SECRET, with a clear message', async () => {
    const env = scaleOutEnv(schema);
    const server = startServer({ env: { ...env, BOARD_SECRET: '' } });
    await expect(server).rejects.toThrow(/BOARD_SECRET is required with DATABASE_URL/);
  });
});
