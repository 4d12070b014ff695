import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardPresence } from '../src/sync/boardPresence';
import { BoardBinding } from '../src/doc/binding';
import type { BoardFile } from '../src/shared/format';
import { boardMaps } from '../src/shared/yjsBoard';
import { bytes, num, table, times } from './lib/format';
import { startOurs, type BenchServer } from './lib/servers';
import { ratio } from './lib/stats';
import type { BenchContext, BenchResult } from './types';

/**
 * Benchmark 6, document growth: two people on one board each drag a node for ten seconds at 60
 * moves a second, through our server. "App protocol" follows the app exactly: React Flow's
 * position changes go to BoardBinding.applyNodeChanges (local state), the in-drag position to
 * awareness through BoardPresence.setDrag, and the drop commits through
 * BoardBinding.commitLocalGeometry. The baselines write the document on every move: separate x
 * and y keys (the baseline), and the single `position` key. Growth is the size of the
 * whole document (Y.encodeStateAsUpdate, what the server stores after compaction) read by a third
 * client before and after; "update bytes" is what the two editors sent as document updates (what
 * the server appends to storage between compactions).
 */
const MOVES_PER_SECOND = 60;

type Variant = 'app' | 'xy-keys' | 'position-key';
const VARIANT_LABEL: Record<Variant, string> = {
  app: 'app protocol: in-drag positions in awareness, commit on drop',
  'xy-keys': 'baseline: separate x and y keys written every move',
  'position-key': 'one `position` key written every move (no awareness)',
};

interface Person {
  doc: Y.Doc;
  provider: WebsocketProvider;
  binding: BoardBinding;
  presence: BoardPresence;
  updateBytes: number;
  awarenessBytes: number;
}

interface GrowthRow {
  variant: Variant;
  moves: number;
  before: number;
  after: number;
  growth: number;
  updateBytes: number;
  awarenessBytes: number;
}

const BOARD: BoardFile = {
  format: 'ml-design-board',
  version: 2,
  title: 'Drag test',
  nodes: [
    { id: 'a', type: 'ranker', title: 'Ranker', position: { x: 0, y: 0 }, props: {} },
    { id: 'b', type: 'feature-store', title: 'Feature store', position: { x: 600, y: 0 }, props: {} },
  ],
  edges: [{ id: 'e', source: 'a', target: 'b', kind: 'online' }],
};

function join(server: BenchServer, room: { name: string; params: Record<string, string> }, name: string): Promise<Person> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room.name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: room.params,
    disableBc: true,
  });
  const person: Person = { doc, provider, binding: new BoardBinding(doc), presence: new BoardPresence(provider.awareness), updateBytes: 0, awarenessBytes: 0 };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== provider) person.updateBytes += update.length;
  });
  provider.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === 'local') person.awarenessBytes += encodeAwarenessUpdate(provider.awareness, [...added, ...updated, ...removed]).length;
  });
  person.presence.setUser({ name, role: 'candidate' });
  return new Promise((resolve) => provider.once('sync', () => resolve(person)));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One person's drag of `id` along a loop, `moves` moves at MOVES_PER_SECOND, written as `variant` says. */
async function drag(person: Person, id: string, variant: Variant, moves: number): Promise<{ x: number; y: number }> {
  const start = person.binding.getNode(id)!.position;
  const y = boardMaps(person.doc).nodes.get(id)!;
  let at = start;
  if (variant === 'app') {
    person.binding.setSelection([id]);
    person.presence.setSelection([id]);
  }
  for (let i = 1; i <= moves; i++) {
    const t = i / moves;
    // A loop that ends away from where it began, so the drop is a real move.
    at = { x: Math.round(start.x + 300 * Math.sin(2 * Math.PI * t) + 200 * t), y: Math.round(start.y + 150 * (1 - Math.cos(2 * Math.PI * t))) };
    if (variant === 'app') {
      person.binding.applyNodeChanges([{ type: 'position', id, position: at, dragging: true }]);
      person.presence.setDrag({ [id]: at });
    } else if (variant === 'xy-keys') {
      person.doc.transact(() => {
        y.set('x', at.x);
        y.set('y', at.y);
      });
    } else {
      y.set('position', at);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 / MOVES_PER_SECOND));
  }
  if (variant === 'app') {
    person.binding.applyNodeChanges([{ type: 'position', id, position: at, dragging: false }]);
    person.binding.commitLocalGeometry({ reparent: true });
    person.presence.setDrag(null);
  }
  return at;
}

async function measure(server: BenchServer, variant: Variant, seconds: number): Promise<GrowthRow> {
  const room = await server.createRoom();
  const observer = await join(server, room, 'Observer');
  observer.binding.replaceBoard(BOARD);
  const [ann, bob] = await Promise.all([join(server, room, 'Ann'), join(server, room, 'Bob')]);
  await until(() => ann.binding.getNode('b') !== undefined && bob.binding.getNode('a') !== undefined, 'both editors to load the board');
  const size = () => Y.encodeStateAsUpdate(observer.doc).length;
  const before = size();
  const moves = Math.round(seconds * MOVES_PER_SECOND);
  const [endA, endB] = await Promise.all([drag(ann, 'a', variant, moves), drag(bob, 'b', variant, moves)]);
  const landed = (id: string, end: { x: number; y: number }) => {
    const node = boardMaps(observer.doc).nodes.get(id)!;
    const p = variant === 'xy-keys' ? { x: node.get('x'), y: node.get('y') } : (node.get('position') as { x: number; y: number });
    return p.x === end.x && p.y === end.y;
  };
  await until(() => landed('a', endA) && landed('b', endB), 'the observer to see both drops');
  const after = size();
  for (const person of [observer, ann, bob]) {
    person.presence.destroy();
    person.binding.destroy();
    person.provider.destroy();
  }
  return { variant, moves, before, after, growth: after - before, updateBytes: ann.updateBytes + bob.updateBytes, awarenessBytes: ann.awarenessBytes + bob.awarenessBytes };
}

export async function growthBenchmark(ctx: BenchContext): Promise<BenchResult> {
  const seconds = ctx.quick ? 1 : 10;
  const server = await startOurs();
  const rows: GrowthRow[] = [];
  try {
    for (const variant of ['app', 'xy-keys', 'position-key'] as Variant[]) {
      ctx.log(`growth: ${variant}`);
      rows.push(await measure(server, variant, seconds));
    }
  } finally {
    await server.stop();
  }
  const baseline = rows.find((r) => r.variant === 'xy-keys')!;
  const app = rows.find((r) => r.variant === 'app')!;
  const body = table(
    ['how the drags are written', 'moves', 'document growth', 'vs baseline', 'update bytes sent', 'awareness bytes sent'],
    rows.map((r) => [VARIANT_LABEL[r.variant], num(r.moves), bytes(r.growth), times(ratio(r.growth, baseline.growth)), bytes(r.updateBytes), bytes(r.awarenessBytes)]),
  );
  return {
    id: 'growth',
    title: '6. Document growth',
    markdown: [
      `Two people (two y-websocket clients in Node) each drag their own node for ${seconds} s at ${MOVES_PER_SECOND} moves a second, at ` +
        'the same time, on a board of two nodes and an edge served by our server. "App protocol" drives the app\'s own modules: ' +
        'BoardBinding.applyNodeChanges with React Flow position changes (dragging), BoardPresence.setDrag (awareness, throttled to ' +
        '~30 messages a second), then at the drop the position change with dragging false and BoardBinding.commitLocalGeometry, as ' +
        `src/board/Canvas.tsx does on onNodeDragStop. Document size before: ${bytes(app.before)}.`,
      '',
      body,
    ].join('\n'),
    targets: [{ target: 'document growth from the drag test under 1 KB', figure: bytes(app.growth), met: app.growth < 1024 }],
    raw: rows,
  };
}
