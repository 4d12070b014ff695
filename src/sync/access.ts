import { z } from '../shared/zod';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../shared/boardId';
import { readRemembered, rememberedFor, requestAccess, writeRemembered } from './accessRequest';

/**
 * What a board token makes of its holder, as the server says (GET /api/boards/<id>/access): the
 * role comes from the token and from whether the board is an interview board, never from a choice
 * made in the page. The answer is remembered in localStorage per board (without the links), so a
 * board opened offline keeps the rights its link had.
 */
export type { ParticipantRole };

const LinkSchema = z.object({ role: z.enum(PARTICIPANT_ROLES), token: z.string().check(z.minLength(1)), grants: z.string() });
const AccessSchema = z.object({
  role: z.enum(PARTICIPANT_ROLES),
  readOnly: z.boolean(),
  interview: z.boolean(),
  links: z.array(LinkSchema),
});
export type BoardAccess = z.infer<typeof AccessSchema>;
export type BoardLink = z.infer<typeof LinkSchema>;
/** What is remembered between visits: everything but the links. */
export type KnownAccess = Omit<BoardAccess, 'links'>;

const KnownAccessSchema = z.omit(AccessSchema, { links: true });

/** A refusal: `reason` is the server's (bad_token, missing_token, link_revoked...), null when there is none. */
export type AccessResult = { ok: true; access: BoardAccess } | { ok: false; status: number | null; error: string; reason: string | null };

export const RefusalSchema = z.object({ error: z.optional(z.string()), reason: z.optional(z.string()) });

/** What this token grants on this board, from the server: asked now, or read from `request` when it was asked already (src/app/startEarly.ts). */
export async function fetchAccess(boardId: string, token: string, request = requestAccess(boardId, token)): Promise<AccessResult> {
  const response = await request;
  if (!response) return { ok: false, status: null, error: 'The server cannot be reached.', reason: null };
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = RefusalSchema.safeParse(body);
    const { error = `The server answered ${response.status}.`, reason = null } = refusal.success ? refusal.data : {};
    return { ok: false, status: response.status, error, reason };
  }
  const parsed = AccessSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: response.status, error: 'The server sent an answer this app cannot read.', reason: null };
  rememberAccess(boardId, token, parsed.data);
  return { ok: true, access: parsed.data };
}

/** What this token was last known to grant on this board, or null. */
export function knownAccess(boardId: string, token: string): KnownAccess | null {
  const entry = rememberedFor(boardId, token);
  if (!entry) return null;
  const parsed = KnownAccessSchema.safeParse(entry);
  return parsed.success ? parsed.data : null;
}

export function rememberAccess(boardId: string, token: string, access: KnownAccess): void {
  const { role, readOnly, interview } = access;
  writeRemembered({ ...readRemembered(), [boardId]: { token, role, readOnly, interview } });
}
