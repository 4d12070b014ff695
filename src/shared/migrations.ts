import { FORMAT_NAME, FORMAT_VERSION } from './formatBasics';

/**
 * Upgrades a board file of any earlier version to the current one, one version at a time.
 *
 * Version 1 is React Flow's own object shape (what `toObject()` returns, and what the first
 * prototype saved): nodes carry `data: { title, ...properties }`, edges `data: { kind }`, there is
 * no `format` field and the version is 1 or absent. Version 2 (current) names the format, moves the
 * title and properties out of `data`, and sizes nodes with one `size` object.
 */
type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

const MIGRATIONS: Record<number, Migration> = {
  1: (file) => ({
    format: FORMAT_NAME,
    version: 2,
    title: typeof file.title === 'string' ? file.title : 'Imported board',
    nodes: asArray(file.nodes).map((node) => {
      const { title, label, ...props } = asRecord(node.data);
      const width = node.width ?? asRecord(node.style).width;
      const height = node.height ?? asRecord(node.style).height;
      return dropUndefined({
        id: node.id,
        type: node.type,
        title: typeof title === 'string' ? title : typeof label === 'string' ? label : '',
        position: node.position,
        size: typeof width === 'number' && typeof height === 'number' ? { width, height } : undefined,
        parentId: node.parentId ?? node.parentNode,
        props,
      });
    }),
    edges: asArray(file.edges).map((edge) =>
      dropUndefined({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        sourceHandle: edge.sourceHandle ?? undefined,
        targetHandle: edge.targetHandle ?? undefined,
        kind: asRecord(edge.data).kind ?? 'batch',
        label: typeof edge.label === 'string' ? edge.label : undefined,
      }),
    ),
    ...(file.template !== undefined ? { template: file.template } : {}),
  }),
};

export type MigrationResult = { ok: true; file: Record<string, unknown>; from: number } | { ok: false; error: string };

export function fileVersion(file: Record<string, unknown>): number | null {
  if (file.format === FORMAT_NAME) return typeof file.version === 'number' ? file.version : null;
  if (file.format === undefined && Array.isArray(file.nodes) && (file.version === undefined || file.version === 1)) return 1;
  return null;
}

export function migrate(value: unknown): MigrationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'This is not a board file: expected a JSON object with nodes and edges.' };
  }
  let file = value as Record<string, unknown>;
  if (file.format !== undefined && file.format !== FORMAT_NAME) {
    return { ok: false, error: `This is not a board file: its format is "${String(file.format)}", expected "${FORMAT_NAME}".` };
  }
  const from = fileVersion(file);
  if (from === null || !Number.isInteger(from) || from < 1) {
    return { ok: false, error: `Unsupported file version ${JSON.stringify(file.version)}: this app reads versions 1 to ${FORMAT_VERSION}.` };
  }
  if (from > FORMAT_VERSION) {
    return { ok: false, error: `This file is version ${from}, made by a newer ML Design Board; this one reads up to version ${FORMAT_VERSION}.` };
  }
  for (let version = from; version < FORMAT_VERSION; version++) file = MIGRATIONS[version](file);
  return { ok: true, file, from };
}

/** A part of an old file, read field by field: whatever it holds is validated after the migration (BoardFileSchema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Loose = Record<string, any>;

function asArray(value: unknown): Loose[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

function asRecord(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
