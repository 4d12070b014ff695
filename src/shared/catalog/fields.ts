import { z } from 'zod';

/**
 * Property field builders. Every property of every node type is built here, so that its zod
 * schema (what is valid), its default and its form metadata (label, unit, options) live together.
 * The inspector, templates' validation and the node faces read the metadata back with fieldMeta().
 */

export type FieldKind = 'text' | 'longtext' | 'number' | 'boolean' | 'enum' | 'list';

export interface FieldMeta {
  kind: FieldKind;
  label: string;
  /** Shown after a number, and in the node's face ("50 ms"). */
  unit?: string;
  /** Choices for an enum field, as value and label. */
  options?: readonly { value: string; label: string }[];
  /** One line of help shown under the field in the inspector. */
  help?: string;
  placeholder?: string;
}

export type Field = z.ZodType;

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 5_000;
const MAX_LIST = 50;

interface CommonOptions {
  help?: string;
  placeholder?: string;
}

export function text(label: string, defaultValue = '', opts: CommonOptions = {}) {
  return z
    .string()
    .max(MAX_TEXT)
    .default(defaultValue)
    .meta({ kind: 'text', label, ...opts } satisfies FieldMeta);
}

export function longText(label: string, defaultValue = '', opts: CommonOptions = {}) {
  return z
    .string()
    .max(MAX_LONG_TEXT)
    .default(defaultValue)
    .meta({ kind: 'longtext', label, ...opts } satisfies FieldMeta);
}

/** A number left empty by default: an interviewer expects it to be filled in, and reviews check for it. */
export function optionalNumber(label: string, opts: CommonOptions & { unit?: string; min?: number; max?: number; integer?: boolean } = {}) {
  let schema = z.number({ error: 'Must be a number' }).min(opts.min ?? 0, `Must be at least ${opts.min ?? 0}`);
  if (opts.max !== undefined) schema = schema.max(opts.max, `Must be at most ${opts.max}`);
  if (opts.integer) schema = schema.int('Must be a whole number');
  const { min: _min, max: _max, integer: _integer, ...meta } = opts;
  return schema.optional().meta({ kind: 'number', label, ...meta } satisfies FieldMeta);
}

export function flag(label: string, defaultValue = false, opts: CommonOptions = {}) {
  return z
    .boolean()
    .default(defaultValue)
    .meta({ kind: 'boolean', label, ...opts } satisfies FieldMeta);
}

export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T, defaultValue: T[number], opts: CommonOptions & { labels?: Partial<Record<T[number], string>> } = {}) {
  const { labels, ...rest } = opts;
  const options = values.map((value) => ({ value, label: labels?.[value as T[number]] ?? value }));
  return z
    .enum(values, { error: `Must be one of: ${values.join(', ')}` })
    .default(defaultValue)
    .meta({ kind: 'enum', label, options, ...rest } satisfies FieldMeta);
}

export function list(label: string, defaultValue: string[] = [], opts: CommonOptions = {}) {
  return z
    .array(z.string().max(MAX_TEXT))
    .max(MAX_LIST)
    .default(defaultValue)
    .meta({ kind: 'list', label, ...opts } satisfies FieldMeta);
}

/** The latency budget that online serving stages carry; the review adds these up against the client's SLO. */
export const latencyBudget = () => optionalNumber('Latency budget', { unit: 'ms', help: 'Share of the end-to-end latency this stage may use.' });

/** Reads a property schema's form metadata; every catalog field has it. */
export function fieldMeta(schema: z.ZodType): FieldMeta {
  const meta = schema.meta() as FieldMeta | undefined;
  if (!meta?.kind) throw new Error('Catalog field without metadata');
  return meta;
}

/** How a property value reads on a node's face or in a list: "50 ms", "Online", "AUC, nDCG". */
export function formatFieldValue(meta: FieldMeta, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (meta.kind) {
    case 'number':
      return `${Number(value).toLocaleString('en-US')}${meta.unit ? ` ${meta.unit}` : ''}`;
    case 'boolean':
      return value ? 'yes' : 'no';
    case 'enum':
      return meta.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : '';
    default:
      return String(value);
  }
}
