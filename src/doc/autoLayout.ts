import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Layout } from './boardWrites';
import { SidePlanner } from './edgeSides';
import { routeAround } from './edgeRouter';
import { absoluteRects, facingSides, labelRect, overlaps, isFrameType, nodeSize, SIDES, type Point, type Rect, type Size } from './geometry';
import { edgeRoute, segmentsThrough, type EdgeRoute } from './edgeRoute';
import { STAGES } from '../shared/catalog';
import type { BoardEdge, BoardFile, BoardNode } from '../shared/format';

/**
 * Auto-layout: ELK's layered algorithm, left to right, in two levels. The cards of each stage frame
 * are arranged inside it, and the frame takes the size of what it holds; then frames and free cards
 * are arranged as blocks, with an edge between two cards of different frames counted as an edge
 * between the frames. Stage frames keep the lifecycle's order (data, training, serving, monitoring);
 * a flow back to an earlier stage closes a loop and does not reorder them. At either level a diagram
 * wider than `maxWidth` wraps: its columns (ELK's layers) are cut into rows of about equal width,
 * with room between rows for the edges from one row to the next. Blocks no edge touches (notes) go
 * under the flow. Then, for each way to wrap (how many rows, read like text or like a snake), the
 * cards of each frame are reordered within their columns while that leaves fewer edges through cards;
 * the way with the fewest wins.
 *
 * Edges are left to float (each attaches to the sides its two cards turn to each other), except those
 * that would then run through a card: they get the sides that keep them clear (./edgeSides.ts).
 */
const elk = new ELK();

const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.componentComponent': '80',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // The blocks come in reading order (see readingOrder): an edge against it is the one a cycle gives up.
  'elk.layered.cycleBreaking.strategy': 'GREEDY_MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};
/** Room around a frame's cards; the top holds the frame's title. */
const FRAME_PADDING = { top: 72, right: 40, bottom: 40, left: 40 };
/** Between two rows of a wrapped diagram: the edges from one row to the next curve through it. */
const ROW_GAP = 140;
/** Between the flow and the blocks no edge touches, and between those. */
const LOOSE_GAP = 80;
/** Clear space either side of an edge label drawn between two columns. */
const LABEL_MARGIN = 32;

export interface LayoutOptions {
  /** The widest a row may be, in board pixels; wider diagrams wrap. */
  maxWidth?: number;
}

interface Block extends Size {
  id: string;
}
type Placed = Rect & { id: string };
interface Link {
  source: string;
  target: string;
  /** The gap the edge's label needs between the two blocks, if it has one (drawn halfway, it sits in that gap). */
  labelGap?: number;
}
interface Arrangement extends Size {
  /** Top-left corners, from the arrangement's own top-left corner. */
  at: Map<string, Point>;
  /** The height of the flow, without the blocks no edge touches under it. */
  flowHeight: number;
  rows: number;
  snake: boolean;
}

export async function computeLayout(board: Pick<BoardFile, 'nodes' | 'edges'>, options: LayoutOptions = {}): Promise<Layout> {
  const maxWidth = options.maxWidth ?? Infinity;
  const tops = readingOrder(board.nodes.filter((n) => !n.parentId));
  if (!tops.length) return { nodes: [], edges: [] };
  const byId = new Map(board.nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<string, typeof board.nodes>();
  for (const node of board.nodes) {
    if (node.parentId && byId.has(node.parentId)) childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  }
  const blockOf = (id: string) => {
    const parentId = byId.get(id)?.parentId;
    return parentId && byId.has(parentId) ? parentId : id;
  };
  const links = board.edges.filter((e) => e.source !== e.target && byId.has(e.source) && byId.has(e.target));

  // Each frame's cards first: the frame's size is what they need.
  const blocks: Block[] = [];
  const inner = new Map<string, Arrangement>();
  for (const node of tops) {
    const children = childrenOf.get(node.id) ?? [];
    if (!isFrameType(node.type) || !children.length) {
      blocks.push({ id: node.id, ...nodeSize(node) });
      continue;
    }
    const inside = new Set(children.map((c) => c.id));
    const cards = readingOrder(children).map((c) => ({ id: c.id, ...nodeSize(c) }));
    const own = links.filter((e) => inside.has(e.source) && inside.has(e.target)).map(withLabelGap);
    const arrangement = fewestCrossings(await arrange(cards, own, maxWidth - FRAME_PADDING.left - FRAME_PADDING.right), (a) => floatingCrossings(a, cards, own));
    inner.set(node.id, arrangement);
    blocks.push({ id: node.id, width: arrangement.width + FRAME_PADDING.left + FRAME_PADDING.right, height: arrangement.height + FRAME_PADDING.top + FRAME_PADDING.bottom });
  }
  // A flow from a later stage back to an earlier one (serving logs feeding the data) closes a loop: it does not order the stages.
  const stageOf = new Map(tops.map((n) => [n.id, lifecycleRank(n)]));
  const blockLinks = links
    .map((e) => {
      // A frame keeps its padding between its cards and the gap.
      const padding = (inner.has(blockOf(e.source)) ? FRAME_PADDING.right : 0) + (inner.has(blockOf(e.target)) ? FRAME_PADDING.left : 0);
      const { labelGap } = withLabelGap(e);
      return { source: blockOf(e.source), target: blockOf(e.target), ...(labelGap ? { labelGap: labelGap - padding } : {}) };
    })
    .filter((e) => e.source !== e.target && !(stageOf.get(e.source)! > stageOf.get(e.target)! && stageOf.get(e.source)! < LIFECYCLE.length));
  // The board keeps its top-left corner.
  const origin = { x: Math.min(...tops.map((n) => n.position.x)), y: Math.min(...tops.map((n) => n.position.y)) };
  // `inside`: each card's place in its frame, from the frame's padding box.
  // `at`: each block's place in the arrangement, and each card's in its frame (from the frame's padding box).
  const place = (at: ReadonlyMap<string, Point>): Layout => {
    const nodes: Layout['nodes'] = [];
    for (const block of blocks) {
      const arrangement = inner.get(block.id);
      nodes.push({
        id: block.id,
        position: whole({ x: origin.x + at.get(block.id)!.x, y: origin.y + at.get(block.id)!.y }),
        ...(arrangement ? { size: { width: Math.round(block.width), height: Math.round(block.height) } } : {}),
      });
      for (const id of arrangement?.at.keys() ?? []) nodes.push({ id, position: whole({ x: FRAME_PADDING.left + at.get(id)!.x, y: FRAME_PADDING.top + at.get(id)!.y }) });
    }
    return { nodes, edges: [] };
  };
  const cardsAt = [...inner.values()].flatMap((arrangement) => [...arrangement.at]);
  const cardMoves = [...inner.values()].flatMap((arrangement) => reorderings(arrangement, (id) => nodeSize(byId.get(id)!)));
  const linked = new Set(links.flatMap((e) => [blockOf(e.source), blockOf(e.target)]));
  const candidates = (await arrange(blocks, blockLinks, maxWidth, linked)).map((outer) => {
    // Cards of a frame reordered within their columns (a frame turned upside down, two cards swapped), each kept when
    // that leaves less wrong (see trouble); twice round, as one change can make another pay.
    let at: ReadonlyMap<string, Point> = new Map([...outer.at, ...cardsAt]);
    let crossing = trouble(board, place(at), links);
    for (let round = 0; round < 2 && crossing > 0; round++) {
      for (const move of cardMoves) {
        const trial = move(at);
        const count = trouble(board, place(trial), links);
        if (count < crossing) [at, crossing] = [trial, count];
        if (!crossing) break;
      }
    }
    return { ...outer, placed: at, crossing };
  });
  const chosen = fewestCrossings(
    candidates,
    (c) => Math.floor(c.crossing / THROUGH_CARD),
    (c) => c.crossing % THROUGH_CARD,
  );
  const layout = place(chosen.placed);
  return { ...layout, edges: clearSides(board, layout, links) };
}

/**
 * The arrangement whose edges run through the fewest cards; on a tie, the one with fewer rows (a
 * diagram that fits the screen at a legible zoom), then fewer labels on cards, then text order over snake.
 */
function fewestCrossings<T extends Arrangement>(candidates: T[], crossings: (candidate: T) => number, labelsOnCards: (candidate: T) => number = () => 0): T {
  const scored = candidates.map((candidate) => ({ candidate, score: [crossings(candidate), candidate.rows, labelsOnCards(candidate), Number(candidate.snake)] }));
  scored.sort((a, b) => a.score[0] - b.score[0] || a.score[1] - b.score[1] || a.score[2] - b.score[2] || a.score[3] - b.score[3]);
  return scored[0].candidate;
}

type Reordering = (inside: ReadonlyMap<string, Point>) => Map<string, Point>;

/**
 * The ways to reorder a frame's cards that keep its flow and its size: the flow turned upside down,
 * and any two cards of one size in one column swapped. Blocks no edge touches stay where they are.
 */
function reorderings(arrangement: Arrangement, sizeOf: (id: string) => Size): Reordering[] {
  const flowing = [...arrangement.at].filter(([, p]) => p.y < arrangement.flowHeight).map(([id]) => id);
  const turned: Reordering = (at) => {
    const next = new Map(at);
    for (const id of flowing) next.set(id, { x: at.get(id)!.x, y: arrangement.flowHeight - at.get(id)!.y - sizeOf(id).height });
    return next;
  };
  const swaps: Reordering[] = [];
  for (const [i, a] of flowing.entries()) {
    for (const b of flowing.slice(i + 1)) {
      const [pa, pb, sa, sb] = [arrangement.at.get(a)!, arrangement.at.get(b)!, sizeOf(a), sizeOf(b)];
      if (pa.x !== pb.x || sa.width !== sb.width || sa.height !== sb.height) continue;
      swaps.push((inside) => new Map(inside).set(a, inside.get(b)!).set(b, inside.get(a)!));
    }
  }
  return [turned, ...swaps];
}

/** How many of `links` run through a card of the arrangement when their ends float. */
function floatingCrossings(arrangement: Arrangement, blocks: Block[], links: Link[]): number {
  const rects = new Map(blocks.map((b) => [b.id, { ...arrangement.at.get(b.id)!, width: b.width, height: b.height }]));
  return links.filter((link) => runsThroughCard(edgeRoute({}, rects.get(link.source)!, rects.get(link.target)!).points, link, rects, [...rects.keys()])).length;
}

function runsThroughCard(route: Point[], link: Pick<Link, 'source' | 'target'>, rects: ReadonlyMap<string, Rect>, cards: readonly string[]): boolean {
  return cards.some((id) => segmentsThrough(route, rects.get(id)!, id === link.source || id === link.target) > 0);
}

/**
 * Stage frames in the order of the ML lifecycle (data, training, serving, monitoring), then the rest
 * as they stand on the board, left to right: the order a feedback loop is read in, so the edge that
 * closes it (serving back to data) is the one that runs backwards.
 */
function readingOrder<T extends Pick<BoardNode, 'type' | 'position' | 'props'>>(nodes: T[]): T[] {
  return [...nodes].sort((a, b) => lifecycleRank(a) - lifecycleRank(b) || a.position.x - b.position.x || a.position.y - b.position.y);
}

/** A stage frame's place in the lifecycle; anything else comes after the four stages. */
function lifecycleRank(node: Pick<BoardNode, 'type' | 'props'>): number {
  const stage = isFrameType(node.type) ? LIFECYCLE.indexOf(node.props.stage as string) : -1;
  return stage >= 0 ? stage : LIFECYCLE.length;
}
const LIFECYCLE: readonly string[] = STAGES.slice(0, 4);

/**
 * The blocks arranged left to right by ELK and, when wider than `maxWidth`, the ways to wrap them:
 * each number of rows from the fewest that fit to two more, rows read like text or (every other row
 * right to left) like a snake, whose row ends sit over each other. Blocks outside `linked` (by
 * default: that no link touches) go underneath.
 */
async function arrange(blocks: Block[], links: Link[], maxWidth: number, linked: ReadonlySet<string> = new Set(links.flatMap((link) => [link.source, link.target]))): Promise<Arrangement[]> {
  const loose = blocks.filter((b) => !linked.has(b.id));
  const flowing = blocks.filter((b) => linked.has(b.id));
  if (!flowing.length) return [underneath(empty(), loose, maxWidth)];
  const seen = new Set<string>();
  const edges = links
    .filter((link) => {
      const key = `${link.source}\n${link.target}`;
      return !seen.has(key) && seen.add(key);
    })
    .map((link, i) => ({ id: `e${i}`, sources: [link.source], targets: [link.target] }));
  const result: ElkNode = await elk.layout({ id: 'root', layoutOptions: LAYERED, children: flowing.map((b) => ({ ...b })), edges });
  const placed = (result.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }));
  const columns = columnsOf(placed);
  const roomy = roomForLabels(columns, links);
  // With room for the labels first, so that it wins a tie; without, as that room can cost a row.
  return [...new Set([roomy, columns])]
    .flatMap((spaced) => rowCuts(spaced, maxWidth))
    .flatMap((rows) => (rows.length > 1 ? [stack(rows, false), stack(rows, true)] : [stack(rows, false)]))
    .map((arrangement) => underneath(arrangement, loose, maxWidth));
}

const empty = (): Arrangement => ({ at: new Map(), width: 0, height: 0, flowHeight: 0, rows: 0, snake: false });

/**
 * Blocks no edge touches (a sticky note, a card not yet connected) in rows of their own under the
 * arrangement, left to right: in the middle of the flow they would stand in the way of its edges.
 */
function underneath(arrangement: Arrangement, loose: Block[], maxWidth: number): Arrangement {
  if (!loose.length) return arrangement;
  const at = new Map(arrangement.at);
  const rowWidth = Math.max(arrangement.width, Math.min(maxWidth, Math.max(...loose.map((b) => b.width))));
  let x = 0;
  let y = arrangement.at.size ? arrangement.height + LOOSE_GAP : 0;
  let rowHeight = 0;
  let width = arrangement.width;
  for (const block of loose) {
    if (x > 0 && x + block.width > rowWidth) {
      x = 0;
      y += rowHeight + LOOSE_GAP;
      rowHeight = 0;
    }
    at.set(block.id, { x, y });
    width = Math.max(width, x + block.width);
    rowHeight = Math.max(rowHeight, block.height);
    x += block.width + LOOSE_GAP;
  }
  return { ...arrangement, at, width, height: y + rowHeight };
}

/** Blocks grouped into columns: blocks whose horizontal extents overlap share one (ELK's layers, for a layered layout). */
function columnsOf(placed: Placed[]): Placed[][] {
  const sorted = [...placed].sort((a, b) => a.x - b.x);
  const columns: Placed[][] = [];
  let right = -Infinity;
  for (const block of sorted) {
    if (block.x >= right) columns.push([]);
    columns[columns.length - 1].push(block);
    right = Math.max(right, block.x + block.width);
  }
  return columns;
}

/**
 * The columns moved apart where an edge between neighbouring columns carries a label wider than the
 * gap: its label is drawn halfway along the edge, in that gap, and there it covers no card.
 */
function roomForLabels(columns: Placed[][], links: Link[]): Placed[][] {
  const columnOf = new Map(columns.flatMap((column, c) => column.map((b) => [b.id, c] as const)));
  const wanted = columns.map(() => 0);
  for (const link of links) {
    const [a, b] = [columnOf.get(link.source), columnOf.get(link.target)];
    if (!link.labelGap || a === undefined || b === undefined || Math.abs(a - b) !== 1) continue;
    wanted[Math.max(a, b)] = Math.max(wanted[Math.max(a, b)], link.labelGap);
  }
  if (!wanted.some(Boolean)) return columns;
  let shift = 0;
  return columns.map((column, c) => {
    if (c > 0) shift += Math.max(0, wanted[c] - (spanOf(column).left - spanOf(columns[c - 1]).right));
    return column.map((b) => ({ ...b, x: b.x + shift }));
  });
}

const withLabelGap = (edge: Pick<BoardEdge, 'source' | 'target' | 'label'>): Link => ({
  source: edge.source,
  target: edge.target,
  ...(edge.label ? { labelGap: labelRect(edge.label, { x: 0, y: 0 }).width + 2 * LABEL_MARGIN } : {}),
});

/** A place in whole pixels, as the board stores it: the routes round the cards are made for the places stored. */
const whole = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

const spanOf = (column: Rect[]) => ({ left: Math.min(...column.map((b) => b.x)), right: Math.max(...column.map((b) => b.x + b.width)) });

/** The rows stacked top to bottom, each from its own left edge; `snake`: every other row mirrored. */
function stack(rows: Placed[][][], snake: boolean): Arrangement {
  const spans = rows.map((row) => {
    const blocks = row.flat();
    const left = Math.min(...blocks.map((b) => b.x));
    const top = Math.min(...blocks.map((b) => b.y));
    return { blocks, left, top, width: Math.max(...blocks.map((b) => b.x + b.width)) - left, height: Math.max(...blocks.map((b) => b.y + b.height)) - top };
  });
  const width = Math.max(...spans.map((row) => row.width));
  const at = new Map<string, Point>();
  let y = 0;
  spans.forEach((row, r) => {
    const mirrored = snake && r % 2 === 1;
    for (const b of row.blocks) at.set(b.id, { x: mirrored ? width - (b.x - row.left) - b.width : b.x - row.left, y: b.y - row.top + y });
    y += row.height + ROW_GAP;
  });
  const height = Math.max(0, y - ROW_GAP);
  return { at, width, height, flowHeight: height, rows: rows.length, snake };
}

/** The ways to cut the columns into rows within `maxWidth` (a column wider than that is a row of its own): the fewest rows that fit, and up to two more. */
function rowCuts<T extends Rect>(columns: T[][], maxWidth: number): T[][][][] {
  if (!columns.length) return [];
  const spans = columns.map(spanOf);
  const total = spans[spans.length - 1].right - spans[0].left;
  if (total <= maxWidth) return [[columns]];
  const cuts: T[][][][] = [];
  for (let count = Math.ceil(total / maxWidth); count <= columns.length && cuts.length < 3; count++) {
    const rows = balancedRows(columns, spans, count);
    if (rows.every((row) => rowWidth(spans, row) <= maxWidth || row.length === 1)) cuts.push(rows.map((row) => row.map((i) => columns[i])));
  }
  return cuts.length ? cuts : [columns.map((column) => [column])];
}

const rowWidth = (spans: { left: number; right: number }[], row: number[]) => spans[row[row.length - 1]].right - spans[row[0]].left;

/** The columns in `count` rows, each cut placed where the row's width comes closest to an equal share. */
function balancedRows(columns: unknown[], spans: { left: number; right: number }[], count: number): number[][] {
  const rows: number[][] = [];
  let start = 0;
  for (let r = 0; r < count && start < columns.length; r++) {
    const left = count - r;
    const share = (spans[spans.length - 1].right - spans[start].left) / left;
    let end = start;
    // Grow the row while the next column brings its width closer to the share, keeping a column for each row left.
    while (end + 1 < columns.length - (left - 1) && Math.abs(spans[end + 1].right - spans[start].left - share) <= Math.abs(spans[end].right - spans[start].left - share)) end++;
    if (r === count - 1) end = columns.length - 1;
    rows.push(Array.from({ length: end - start + 1 }, (_, i) => start + i));
    start = end + 1;
  }
  return rows;
}

/**
 * The sides of each edge after the layout: none (the ends float) where the floating edge runs clear
 * of every card, else the sides that keep it clear (./edgeSides.ts), or failing that a right-angled
 * route round the cards (./edgeRouter.ts) with its sides and bends.
 */
function clearSides(board: Pick<BoardFile, 'nodes' | 'edges'>, layout: Layout, links: BoardFile['edges']): Layout['edges'] {
  const { rects, cards } = placedCards(board, layout);
  const planner = new SidePlanner(rects, cards);
  const blocked: BoardFile['edges'] = [];
  for (const edge of links) {
    const source = rects.get(edge.source)!;
    const target = rects.get(edge.target)!;
    const route = edgeRoute({}, source, target);
    if (runsThroughCard(route.points, edge, rects, cards) || labelOnCard(edge, route, rects, cards)) blocked.push(edge);
    else planner.keep(edge, facingSides(source, target));
  }
  const chosen = new Map<string, Layout['edges'][number]>();
  for (const edge of blocked) {
    const sides = planner.place({ source: edge.source, target: edge.target, label: edge.label });
    const [source, target] = [rects.get(edge.source)!, rects.get(edge.target)!];
    const curve = { sourceHandle: sides.source, targetHandle: sides.target };
    const around = runsThroughCard(edgeRoute(curve, source, target).points, edge, rects, cards)
      ? routeAround(
          source,
          target,
          cards.filter((id) => id !== edge.source && id !== edge.target).map((id) => rects.get(id)!),
        )
      : undefined;
    chosen.set(edge.id, { id: edge.id, ...(around ? { sourceHandle: around.source, targetHandle: around.target, bends: around.bends } : curve) });
  }
  return board.edges.map((edge) => chosen.get(edge.id) ?? { id: edge.id });
}

/** Per edge through a card, as many as there can be labels on cards: an edge through a card is the worse. */
const THROUGH_CARD = 1000;

/**
 * What is wrong after the layout: the edges of `links` that run through a card whatever sides they
 * take (what clearSides leaves, counted without its costs: side use, edges crossing edges), times
 * THROUGH_CARD, plus the labels that lie on a card other than their edge's ends when the ends float.
 */
function trouble(board: Pick<BoardFile, 'nodes'>, layout: Layout, links: BoardFile['edges']): number {
  const { rects, cards } = placedCards(board, layout);
  let count = 0;
  for (const edge of links) {
    const [source, target] = [rects.get(edge.source)!, rects.get(edge.target)!];
    const route = edgeRoute({}, source, target);
    if (labelOnCard(edge, route, rects, cards)) count++;
    if (!runsThroughCard(route.points, edge, rects, cards)) continue;
    if (!SIDES.some((from) => SIDES.some((to) => !runsThroughCard(edgeRoute({ sourceHandle: from, targetHandle: to }, source, target).points, edge, rects, cards)))) count += THROUGH_CARD;
  }
  return count;
}

/** Whether the edge's label, drawn where `route` puts it, lies on a card that is neither of its ends. */
function labelOnCard(edge: Pick<BoardEdge, 'source' | 'target' | 'label'>, route: EdgeRoute, rects: ReadonlyMap<string, Rect>, cards: readonly string[]): boolean {
  if (!edge.label) return false;
  const box = labelRect(edge.label, route.label);
  return cards.some((id) => id !== edge.source && id !== edge.target && overlaps(box, rects.get(id)!));
}

function placedCards(board: Pick<BoardFile, 'nodes'>, layout: Layout): { rects: Map<string, Rect>; cards: string[] } {
  const placed = new Map(layout.nodes.map((p) => [p.id, p]));
  const rects = absoluteRects(board.nodes.map((n) => ({ ...n, position: placed.get(n.id)?.position ?? n.position, size: placed.get(n.id)?.size ?? n.size })));
  return { rects, cards: board.nodes.filter((n) => !isFrameType(n.type)).map((n) => n.id) };
}
