import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { isBoardId, newBoardId, roomName } from '../src/shared/boardId';
import { DURATION_CHOICES_MIN } from '../src/shared/interview/timer';
import type { Access } from './access';
import { createInterviewRooms } from './controlRoom';
import { errorFields, type RateLimitedLog } from './limits';
import type { Metrics } from './metrics';
import { linksFor, mayReadAnswer, NOT_REVEALED, roleOrRefusal } from './roles';
import type { Rooms } from './rooms';
import { followUpsOf, readTemplateFile, TEMPLATES_DIR, type Reply } from './templatesApi';

/**
 * Boards and the roles their links give (docs: /work/coord/interview-contract.md, server/README.md):
 *   POST /api/boards                 body none, {} or { interview: { templateId | prompt: {title, text}, durationMinutes } }
 *                                    -> 201 { boardId, tokens: { interviewer, edit, read }, interview }
 *   GET  /api/boards/<id>/access     -> 200 { boardId, role, tokenRole, readOnly, interview, links: [{ role, tokenRole, token, grants }] }
 *   GET  /api/boards/<id>/reference  -> 200 { templateId, title, board, info, followUps? } for whoever may see the
 *                                       worked answer now (the interviewer always; others on an interview board
 *                                       once it is revealed); 403 reason not_revealed; 404 reason no_reference
 * Tokens as everywhere in the API: `Authorization: Bearer T` or ?token=T. A wrong token: 403 reason bad_token.
 */
export interface InterviewApiOptions {
  access: Access;
  rooms: Rooms;
  metrics: Metrics;
  rlog: RateLimitedLog;
  send: Reply;
  tokenOf: (req: IncomingMessage, url: URL) => string | null;
  templatesDir?: string;
}

const MAX_BODY_BYTES = 16 * 1024;

const DurationSchema = z.number().refine((m) => (DURATION_CHOICES_MIN as readonly number[]).includes(m), { message: `must be one of ${DURATION_CHOICES_MIN.join(', ')}` });

export const CreateBoardSchema = z.strictObject({
  interview: z
    .strictObject({
      templateId: z.string().min(1).max(100).optional(),
      prompt: z.strictObject({ title: z.string().trim().min(1).max(200), text: z.string().trim().min(1).max(4_000) }).optional(),
      durationMinutes: DurationSchema,
    })
    .refine((interview) => (interview.templateId === undefined) !== (interview.prompt === undefined), {
      message: 'give either templateId (a case study) or prompt (your own), not both',
    })
    .optional(),
});
export type CreateBoardRequest = z.infer<typeof CreateBoardSchema>;

class BadRequest extends Error {}

/** The request's JSON body (none or empty reads as {}), at most MAX_BODY_BYTES. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('The request body is not JSON');
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

export function createInterviewApi(options: InterviewApiOptions) {
  const { access, rooms, metrics, rlog, send, tokenOf, templatesDir = TEMPLATES_DIR } = options;

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: CreateBoardRequest;
    try {
      const parsed = CreateBoardSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) return send(res, 400, { error: `Cannot create this board: ${describeIssues(parsed.error)}` });
      body = parsed.data;
    } catch (error) {
      if (error instanceof BadRequest) return send(res, 400, { error: error.message });
      throw error;
    }
    const boardId = newBoardId();
    if (body.interview) {
      const setup = await interviewSetup(body.interview);
      if (!setup) return send(res, 400, { error: `There is no template "${body.interview.templateId ?? ''}"` });
      try {
        await createInterviewRooms(rooms, boardId, setup, body.interview.durationMinutes * 60_000);
      } catch (error) {
        rlog.error('interview_create', errorFields(error), 'cannot store a new interview board');
        return send(res, 503, { error: 'The board cannot be created right now' });
      }
    }
    metrics.boardsCreated.inc();
    send(res, 201, { boardId, tokens: await access.tokensAtOrBelow('interviewer', boardId), interview: body.interview !== undefined });
  }

  async function interviewSetup(interview: NonNullable<CreateBoardRequest['interview']>) {
    const createdAt = Date.now();
    if (interview.prompt) return { title: interview.prompt.title, prompt: interview.prompt.text, createdAt };
    const file = await readTemplateFile(templatesDir, interview.templateId!);
    const info = file?.template;
    if (!info || typeof info.prompt !== 'string') return null;
    return { templateId: interview.templateId!, title: typeof info.title === 'string' ? info.title : interview.templateId!, prompt: info.prompt, createdAt };
  }

  async function boardAccess(req: IncomingMessage, res: ServerResponse, url: URL, boardId: string): Promise<void> {
    const found = await roleOrRefusal(access, rooms, boardId, tokenOf(req, url));
    if ('refused' in found) return send(res, 403, found.refused);
    const { tokenRole, role, readOnly, interview } = found;
    send(res, 200, { boardId, role, tokenRole, readOnly, interview, links: await linksFor(access, boardId, tokenRole, interview) });
  }

  async function reference(req: IncomingMessage, res: ServerResponse, url: URL, boardId: string): Promise<void> {
    const found = await roleOrRefusal(access, rooms, boardId, tokenOf(req, url));
    if ('refused' in found) return send(res, 403, found.refused);
    if (!mayReadAnswer(found)) return send(res, 403, NOT_REVEALED);
    const { role, control } = found;
    const templateId = control.interview ? control.interview.templateId : await boardTemplateId(boardId);
    const file = templateId ? await readTemplateFile(templatesDir, templateId) : null;
    if (!templateId || !file?.template) return send(res, 404, { error: 'This board follows no case study with a worked answer', reason: 'no_reference' });
    const { template, ...board } = file;
    const { followUps: _private, ...info } = template;
    send(res, 200, {
      templateId,
      title: typeof info.title === 'string' ? info.title : templateId,
      board,
      info,
      ...(role === 'interviewer' ? { followUps: followUpsOf(file) } : {}),
    });
  }

  /** The case study a board that is not an interview board follows: its document's meta.template.id. */
  async function boardTemplateId(boardId: string): Promise<string | undefined> {
    const state = await rooms.readState(roomName(boardId, 'board'));
    if (!state) return undefined;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      const template = doc.getMap<unknown>('meta').get('template') as { id?: unknown } | undefined;
      return typeof template?.id === 'string' ? template.id : undefined;
    } finally {
      doc.destroy();
    }
  }

  /** Answers its routes and returns true, or returns false for any other path. */
  return async function handleInterview(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? 'GET';
    const allow = (methods: string) => {
      if (methods.split(', ').includes(method)) return true;
      send(res, 405, { error: 'Method not allowed' }, { Allow: methods });
      return false;
    };
    if (url.pathname === '/api/boards') {
      if (allow('POST')) await createBoard(req, res);
      return true;
    }
    const match = /^\/api\/boards\/([^/]+)\/(access|reference)$/.exec(url.pathname);
    if (!match) return false;
    if (!allow('GET, HEAD')) return true;
    const boardId = match[1]!;
    if (!isBoardId(boardId)) {
      send(res, 400, { error: 'Not a board id' });
      return true;
    }
    await (match[2] === 'access' ? boardAccess(req, res, url, boardId) : reference(req, res, url, boardId));
    return true;
  };
}
