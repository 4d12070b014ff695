import { z } from './zod';
import { getNodeType, variantOf } from './catalog';
import { EDGE_KIND_IDS } from './catalog/edgeKinds';
import { FRAMEWORK_STEP_IDS } from './catalog/framework';
import { BoardPositionSchema, DEFAULT_BOARD_TITLE, EDGE_ROUTINGS, FORMAT_NAME, FORMAT_VERSION, MAX_EDGES, MAX_NODES, METRIC_KINDS, type MetricKind } from './formatBasics';
import { TemplateInfoSchema } from './templateInfo';

/**
 * The board file format (JSON export, templates, clipboard, PNG/SVG embedded scenes, the server's
 * /api/boards/<id>.json): its schemas. Documented in docs/FORMAT.md; older versions are upgraded by
 * migrations.ts. Its name, version and limits are in ./formatBasics.ts.
 */

const id = z.string().check(z.minLength(1, 'Ids must not be empty'), z.maxLength(100));
/** A route round the cards turns a few times; more would be a maze. */
const MAX_BENDS = 12;
const length = z.number().check(z.positive(), z.lte(1e5));

export const BoardNodeSchema = z.strictObject({
  id,
  type: z.string().check(z.minLength(1), z.maxLength(60)),
  title: z.string().check(z.maxLength(500)),
  position: BoardPositionSchema,
  size: z.optional(z.strictObject({ width: length, height: length })),
  parentId: z.optional(id),
  props: z.record(z.string(), z.unknown()),
});

export const BoardEdgeSchema = z.strictObject({
  id,
  source: id,
  target: id,
  sourceHandle: z.optional(z.string().check(z.maxLength(40))),
  targetHandle: z.optional(z.string().check(z.maxLength(40))),
  kind: z.enum(EDGE_KIND_IDS),
  label: z.optional(z.string().check(z.maxLength(200))),
  /** The corners of a route round the cards, in board coordinates (auto-layout's, for an edge no curve keeps clear of them). */
  bends: z.optional(z.array(BoardPositionSchema).check(z.minLength(1), z.maxLength(MAX_BENDS))),
});

const interviewText = z.string().check(z.maxLength(100_000));
const optionalText = z.optional(interviewText);

/**
 * The shared interview state a board file may carry (JSON export and import as a new board): the
 * requirements, the agreed metrics, the notes per framework step and the steps ticked as covered.
 * Never the timer (a board opened from a file starts its own interview) nor anything private to the
 * interviewer, which is not in the board document at all. Empty texts are left out.
 */
export const InterviewContentSchema = z.strictObject({
  requirements: optionalText,
  metrics: z.optional(z.strictObject(Object.fromEntries(METRIC_KINDS.map((kind) => [kind, optionalText])) as Record<MetricKind, typeof optionalText>)),
  notes: z.optional(z.strictObject(Object.fromEntries(FRAMEWORK_STEP_IDS.map((step) => [step, optionalText])) as Record<(typeof FRAMEWORK_STEP_IDS)[number], typeof optionalText>)),
  covered: z.optional(z.array(z.enum(FRAMEWORK_STEP_IDS)).check(z.maxLength(FRAMEWORK_STEP_IDS.length))),
});
export type InterviewContent = z.infer<typeof InterviewContentSchema>;

const BoardShape = z.strictObject({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  title: z.string().check(z.maxLength(200)),
  nodes: z.array(BoardNodeSchema).check(z.maxLength(MAX_NODES)),
  edges: z.array(BoardEdgeSchema).check(z.maxLength(MAX_EDGES)),
  // A board keeps the shared part of its template; template files also carry the interviewer's follow-ups.
  template: z.optional(z.extend(TemplateInfoSchema, { followUps: z.optional(TemplateInfoSchema.shape.followUps) })),
  interview: z.optional(InterviewContentSchema),
  edgeRouting: z.optional(z.enum(EDGE_ROUTINGS)),
});

/**
 * The whole file: its shape, then what relates its parts. Node properties are checked against the
 * catalog schema of the node's type and replaced by the parsed value, so defaults are filled in.
 */
export const BoardFileSchema = z.pipe(
  BoardShape,
  z.transform((board: z.output<typeof BoardShape>, ctx) => {
    const fail = (path: PropertyKey[], message: string) => ctx.issues.push({ code: 'custom', path, message, input: board });
    const nodeIds = new Set<string>();
    const nodes = board.nodes.map((node, index) => {
      const where = `node "${node.id}"`;
      if (nodeIds.has(node.id)) fail(['nodes', index, 'id'], `${where}: the id is used twice`);
      nodeIds.add(node.id);
      const type = getNodeType(node.type);
      if (!type) {
        fail(['nodes', index, 'type'], `${where}: unknown node type "${node.type}"`);
        return node;
      }
      const props = type.props.safeParse(node.props);
      if (!props.success) {
        for (const issue of props.error.issues) {
          fail(['nodes', index, 'props', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], `${where} (${type.label}): ${describeIssue(issue)}`);
        }
        return node;
      }
      return { ...node, props: props.data as Record<string, unknown> };
    });
    board.nodes.forEach((node, index) => {
      if (node.parentId === undefined) return;
      const parent = board.nodes.find((n) => n.id === node.parentId);
      if (!parent) fail(['nodes', index, 'parentId'], `node "${node.id}": its frame "${node.parentId}" does not exist`);
      else if (variantOf(parent.type) !== 'group') fail(['nodes', index, 'parentId'], `node "${node.id}": its parent "${parent.id}" is not a stage frame`);
      else if (parent.parentId !== undefined) fail(['nodes', index, 'parentId'], `node "${node.id}": frames inside frames are not supported`);
    });
    const edgeIds = new Set<string>();
    board.edges.forEach((edge, index) => {
      if (edgeIds.has(edge.id)) fail(['edges', index, 'id'], `edge "${edge.id}": the id is used twice`);
      edgeIds.add(edge.id);
      for (const end of ['source', 'target'] as const) {
        if (!nodeIds.has(edge[end])) fail(['edges', index, end], `edge "${edge.id}": its ${end} node "${edge[end]}" does not exist`);
      }
    });
    return { ...board, nodes };
  }),
);

export type BoardFile = z.output<typeof BoardFileSchema>;
export type BoardNode = z.infer<typeof BoardNodeSchema>;
export type BoardEdge = z.infer<typeof BoardEdgeSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') return `${path}unknown propert${issue.keys.length > 1 ? 'ies' : 'y'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${path}${issue.message}`;
}

/** One readable message naming the first problems of a failed parse, with where they are. */
export function describeErrors(error: z.core.$ZodError, max = 3): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    if (issue.code === 'custom') return issue.message;
    const where = issue.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : 'file';
    return `${where}: ${describeIssue({ ...issue, path: [] })}`;
  });
  const more = error.issues.length - lines.length;
  return lines.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

export function emptyBoard(title = DEFAULT_BOARD_TITLE): BoardFile {
  return { format: FORMAT_NAME, version: FORMAT_VERSION, title, nodes: [], edges: [] };
}
