import { z } from '../zod';

/**
 * Property field builders. Every property of every node type is built here, so that its zod
 * schema (what is valid), its default and its form metadata (label, unit, options) live together.
 * The inspector, templates' validation and the node faces read the metadata back with fieldMeta().
 */

export type FieldKind = 'text' | 'longtext' | 'number' | 'boolean' | 'enum' | 'list';

// A type, not an interface: zod's registry takes metadata as a record of strings.
export type FieldMeta = {
  kind: FieldKind;
  label: string;
  /** Shown after a number, and in the node's face ("50 ms"). */
  unit?: string;
  /** Choices for an enum field, as value and label. */
  options?: readonly { value: string; label: string }[];
  /** One line of help shown under the field in the inspector. */
  help?: string;
  placeholder?: string;
};

export type Field = z.ZodMiniType;

/** Attaches a field's form metadata to its schema (zod's global registry), where fieldMeta() finds it. */
function described<T extends Field>(schema: T, meta: FieldMeta): T {
  z.globalRegistry.add(schema, meta);
  return schema;
}

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 5_000;
const MAX_LIST = 50;

interface CommonOptions {
  help?: string;
  placeholder?: string;
}

export function text(label: string, defaultValue = '', opts: CommonOptions = {}) {
  return described(z._default(z.string().check(z.maxLength(MAX_TEXT)), defaultValue), { kind: 'text', label, ...opts });
}

export function longText(label: string, defaultValue = '', opts: CommonOptions = {}) {
  return described(z._default(z.string().check(z.maxLength(MAX_LONG_TEXT)), defaultValue), { kind: 'longtext', label, ...opts });
}

/** A number left empty by default: an interviewer expects it to be filled in, and reviews check for it. */
export function optionalNumber(label: string, opts: CommonOptions & { unit?: string; min?: number; max?: number; integer?: boolean } = {}) {
  const checks: z.core.$ZodCheck<number>[] = [z.gte(opts.min ?? 0, `Must be at least ${opts.min ?? 0}`)];
  if (opts.max !== undefined) checks.push(z.lte(opts.max, `Must be at most ${opts.max}`));
  const number = z.number({ error: 'Must be a number' }).check(...checks);
  const { min: _min, max: _max, integer: _integer, ...meta } = opts;
  return described(z.optional(opts.integer ? number.check(z.int('Must be a whole number')) : number), { kind: 'number', label, ...meta });
}

export function flag(label: string, defaultValue = false, opts: CommonOptions = {}) {
  return described(z._default(z.boolean(), defaultValue), { kind: 'boolean', label, ...opts });
}

export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T, defaultValue: T[number], opts: CommonOptions & { labels?: Partial<Record<T[number], string>> } = {}) {
  const { labels, ...rest } = opts;
  const options = values.map((value) => ({ value, label: labels?.[value as T[number]] ?? value }));
  return described(z._default(z.enum(values, { error: `Must be one of: ${values.join(', ')}` }), defaultValue), { kind: 'enum', label, options, ...rest });
}

export function list(label: string, defaultValue: string[] = [], opts: CommonOptions = {}) {
  return described(z._default(z.array(z.string().check(z.maxLength(MAX_TEXT))).check(z.maxLength(MAX_LIST)), defaultValue), { kind: 'list', label, ...opts });
}

/** The latency budget that online serving stages carry; the review adds these up against the client's SLO. */
export const latencyBudget = () => optionalNumber('Latency budget', { unit: 'ms', help: 'Share of the end-to-end latency this stage may use.' });

/** Reads a property schema's form metadata; every catalog field has it. */
export function fieldMeta(schema: Field): FieldMeta {
  const meta = z.globalRegistry.get(schema) as FieldMeta | undefined;
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
