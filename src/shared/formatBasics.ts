import { z } from './zod';

/**
 * What the board page needs of the board file format at start: its name and version, its limits,
 * the lists its fields choose from, and the check of a node's position (which the board applies to
 * every node it reads from the document). The file's schemas are in ./format.ts, which loads with
 * the parts that read files (import, templates, paste), not with the board (docs/BENCHMARKS.md, load).
 */
export const FORMAT_NAME = 'ml-design-board';
export const FORMAT_VERSION = 2;

/** The title of a board nobody has named. */
export const DEFAULT_BOARD_TITLE = 'Untitled board';

/** Files larger than this are refused before they are parsed. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_NODES = 5_000;
export const MAX_EDGES = 10_000;

/** The metrics an interview agrees on, one text each (the Interview panel's metrics section). */
export const METRIC_KINDS = ['business', 'online', 'offline'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** How a board draws its edges: curves (the default, never written to a file) or right-angled lines. */
export const EDGE_ROUTINGS = ['curved', 'orthogonal'] as const;
export type EdgeRouting = (typeof EDGE_ROUTINGS)[number];

const coordinate = z.number().check(z.gte(-1e7), z.lte(1e7));

/** A point on the board: where a node is (relative to its parent frame when it has one, as in React Flow), or a corner of an edge's route. */
export const BoardPositionSchema = z.strictObject({ x: coordinate, y: coordinate });
