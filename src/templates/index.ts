import type { BoardFile } from '../shared/format';
import { parseBoardValue } from '../shared/parseBoard';
import summaries from './summaries.json';
import type { TemplateSummary } from './summary';

/**
 * The case-study templates as the app sees them. The list (id, title, tags, difficulty, prompt) is a
 * small JSON bundled with the app: the prompts are public. Each template's diagram and notes are a
 * worked answer, so the app's files do not contain them: the server answers them
 * (GET /api/templates/<id>), asked with the board the page shows, if any, and refuses them to all
 * but the interviewer while that board's interview is under way.
 */
export const TEMPLATES: readonly TemplateSummary[] = summaries as TemplateSummary[];

export function findTemplate(id: string): TemplateSummary | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** The board a template is asked for, with the token this browser holds for it. */
export interface TemplateAsker {
  boardId: string;
  token: string | undefined;
}

export type TemplateLoad = { ok: true; board: BoardFile } | { ok: false; error: string; reason?: string };

const loaded = new Map<string, Promise<TemplateLoad>>();

/** Loads and validates one template (through the one import path, parseBoardValue); answers are kept per template and board. */
export function loadTemplate(id: string, asker?: TemplateAsker): Promise<TemplateLoad> {
  const key = `${asker?.boardId ?? ''}/${id}`;
  let load = loaded.get(key);
  if (!load) {
    load = readTemplate(id, asker).then((result) => {
      // A refusal (before the reveal) or a failure is asked again next time.
      if (!result.ok) loaded.delete(key);
      return result;
    });
    loaded.set(key, load);
  }
  return load;
}

async function readTemplate(id: string, asker?: TemplateAsker): Promise<TemplateLoad> {
  if (!findTemplate(id)) return { ok: false, error: `There is no template "${id}".` };
  const query = asker ? `?board=${encodeURIComponent(asker.boardId)}` : '';
  let response: Response;
  try {
    response = await fetch(`/api/templates/${encodeURIComponent(id)}${query}`, { headers: { Accept: 'application/json', ...(asker?.token ? { Authorization: `Bearer ${asker.token}` } : {}) } });
  } catch {
    return { ok: false, error: `The template "${id}" could not be loaded: the server cannot be reached.` };
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const { error, reason } = (body ?? {}) as { error?: unknown; reason?: unknown };
    return {
      ok: false,
      error: typeof error === 'string' ? error : `The template "${id}" could not be loaded (the server answered ${response.status}).`,
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  }
  const parsed = parseBoardValue(body);
  if (!parsed.ok) return { ok: false, error: `The template "${id}" is invalid. ${parsed.error}` };
  return { ok: true, board: parsed.board };
}

export type { TemplateSummary };
