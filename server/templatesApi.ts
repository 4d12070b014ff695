import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBoardId } from '../src/shared/boardId';
import type { Access } from './access';

/**
 * The interviewer's follow-up questions of a case study, which the app's bundle never contains
 * (the Vite plugin in scripts/privateFollowUps.ts strips them):
 *
 *   GET /api/templates/<templateId>/follow-ups?board=<boardId>&token=<interviewer token>
 *     -> 200 { followUps: string[] }
 *
 * Only the interviewer token of the given board is accepted (an edit or read token gets 403), so a
 * candidate holding the edit link cannot read them. 400 for a malformed board id, 404 for a
 * template that does not exist. The token may also come as `Authorization: Bearer T`.
 */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

const TEMPLATE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ROUTE = /^\/api\/templates\/([^/]+)\/follow-ups$/;

export type Reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;

export interface TemplatesApiOptions {
  access: Access;
  send: Reply;
  tokenOf: (req: IncomingMessage, url: URL) => string | null;
  templatesDir?: string;
}

/** Answers the route and returns true, or returns false for any other path. */
export function createTemplatesApi({ access, send, tokenOf, templatesDir = TEMPLATES_DIR }: TemplatesApiOptions) {
  return async function handleTemplates(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return true;
    }
    const boardId = url.searchParams.get('board') ?? '';
    if (!isBoardId(boardId)) {
      send(res, 400, { error: 'The board parameter must be a board id' });
      return true;
    }
    if ((await access.roleOf(boardId, tokenOf(req, url))) !== 'interviewer') {
      send(res, 403, { error: 'Follow-up questions are for the interviewer of this board only' });
      return true;
    }
    const followUps = await readFollowUps(templatesDir, match[1]!);
    if (!followUps) {
      send(res, 404, { error: 'There is no such template' });
      return true;
    }
    send(res, 200, { followUps });
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

/** The template's follow-up questions, or null when the file does not exist. */
async function readFollowUps(dir: string, templateId: string): Promise<string[] | null> {
  const file = await readTemplateFile(dir, templateId);
  return file ? followUpsOf(file) : null;
}

export function followUpsOf(file: TemplateFile): string[] {
  const followUps = file.template?.followUps;
  return Array.isArray(followUps) ? followUps.filter((q): q is string => typeof q === 'string') : [];
}
