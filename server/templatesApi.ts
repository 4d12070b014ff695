import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBoardId } from '../src/shared/boardId';
import type { Access } from './access';
import { mayReadAnswer, NOT_REVEALED, roleOrRefusal } from './roles';
import type { Rooms } from './rooms';

/**
 * The case studies' files (templates/<id>.json), which the app's bundle does not contain: their
 * diagrams and notes are worked answers, and a candidate must not receive one during an interview.
 *
 *   GET /api/templates/<templateId>[?board=<boardId>&token=T]
 *     -> 200 the template file without its follow-up questions (the board file format)
 *   Without a board, anyone gets it (the gallery of a solo user). With a board, the token must open
 *   that board, and on an interview board that is not revealed yet only the interviewer's token gets
 *   it (403 reason not_revealed): the app asks with its board wherever it has one.
 *
 *   GET /api/templates/<templateId>/follow-ups?board=<boardId>&token=<interviewer token>
 *     -> 200 { followUps: string[] }, for the interviewer token of the given board only (an edit or
 *   read token gets 403), so a candidate holding the edit link cannot read them.
 *
 * 400 for a malformed board id, 404 for a template that does not exist. The token may also come as
 * `Authorization: Bearer T`.
 */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

const TEMPLATE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ROUTE = /^\/api\/templates\/([^/]+)(\/follow-ups)?$/;

export type Reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

export interface TemplatesApiOptions {
  access: Access;
  rooms: Rooms;
  send: Reply;
  tokenOf: (req: IncomingMessage, url: URL) => string | null;
  templatesDir?: string;
}

/** Answers the routes and returns true, or returns false for any other path. */
export function createTemplatesApi({ access, rooms, send, tokenOf, templatesDir = TEMPLATES_DIR }: TemplatesApiOptions) {
  async function diagram(req: IncomingMessage, res: ServerResponse, url: URL, templateId: string): Promise<void> {
    const boardId = url.searchParams.get('board');
    if (boardId !== null) {
      if (!isBoardId(boardId)) return send(res, 400, { error: 'The board parameter must be a board id' });
      const found = await roleOrRefusal(access, rooms, boardId, tokenOf(req, url));
      if ('refused' in found) return send(res, 403, found.refused);
      if (!mayReadAnswer(found)) return send(res, 403, NOT_REVEALED);
    }
    const file = await readTemplateFile(templatesDir, templateId);
    if (!file?.template) return send(res, 404, { error: `There is no template "${templateId}"` });
    const { followUps: _private, ...info } = file.template;
    send(res, 200, { ...file, template: info });
  }

  async function followUps(req: IncomingMessage, res: ServerResponse, url: URL, templateId: string): Promise<void> {
    const boardId = url.searchParams.get('board') ?? '';
    if (!isBoardId(boardId)) return send(res, 400, { error: 'The board parameter must be a board id' });
    if ((await access.roleOf(boardId, tokenOf(req, url))) !== 'interviewer') return send(res, 403, { error: 'Follow-up questions are for the interviewer of this board only' });
    const file = await readTemplateFile(templatesDir, templateId);
    if (!file) return send(res, 404, { error: 'There is no such template' });
    send(res, 200, { followUps: followUpsOf(file) });
  }

  return async function handleTemplates(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return true;
    }
    await (match[2] ? followUps : diagram)(req, res, url, match[1]!);
    return true;
  };
}

/** A template file as stored (templates/<id>.json), or null when there is no such template. */
export async function readTemplateFile(dir: string, templateId: string): Promise<TemplateFile | null> {
  if (!TEMPLATE_ID.test(templateId)) return null;
  let text: string;
  try {
    text = await readFile(join(dir, `${templateId}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as TemplateFile;
}

/** What the server reads of a template file; templates:check validates the rest. */
export interface TemplateFile {
  title?: string;
  template?: { id?: string; title?: string; prompt?: string; followUps?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

export function followUpsOf(file: TemplateFile): string[] {
  const followUps = file.template?.followUps;
  return Array.isArray(followUps) ? followUps.filter((q): q is string => typeof q === 'string') : [];
}
