import type { BoardFile } from '../shared/format';
import { parseBoardValue } from '../shared/parseBoard';
import summaries from './summaries.json';
import type { TemplateSummary } from './summary';

/**
 * The case-study templates as the app sees them. The list (id, title, tags, difficulty, prompt) is a
 * small JSON bundled with the app; each template file (/templates/<id>.json, 15-25 KB) is its own
 * chunk, fetched only when a board or a gallery card needs it.
 */
export const TEMPLATES: readonly TemplateSummary[] = summaries as TemplateSummary[];

const files = import.meta.glob<unknown>('/templates/*.json', { import: 'default' });

const fileKey = (id: string) => `/templates/${id}.json`;

export function findTemplate(id: string): TemplateSummary | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

export function hasTemplate(id: string): boolean {
  return fileKey(id) in files;
}

export type TemplateLoad = { ok: true; board: BoardFile } | { ok: false; error: string };

const loaded = new Map<string, Promise<TemplateLoad>>();

/** Loads and validates one template (through the one import path, parseBoardValue); cached per id. */
export function loadTemplate(id: string): Promise<TemplateLoad> {
  let load = loaded.get(id);
  if (!load) {
    load = readTemplate(id);
    loaded.set(id, load);
  }
  return load;
}

async function readTemplate(id: string): Promise<TemplateLoad> {
  const importFile = files[fileKey(id)];
  if (!importFile) return { ok: false, error: `There is no template "${id}".` };
  let value: unknown;
  try {
    value = await importFile();
  } catch (error) {
    loaded.delete(id);
    return { ok: false, error: `The template "${id}" could not be loaded (${(error as Error).message}).` };
  }
  const parsed = parseBoardValue(value);
  if (!parsed.ok) return { ok: false, error: `The template "${id}" is invalid. ${parsed.error}` };
  return { ok: true, board: parsed.board };
}

export type { TemplateSummary };
