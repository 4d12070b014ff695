import { participantRole, ROLES, type ParticipantRole, type Role } from '../src/shared/boardId';
import { maySeeReference, type ControlState } from '../src/shared/interview/control';
import type { Access } from './access';
import { readBoardControl } from './controlRoom';
import type { Rooms } from './rooms';

/**
 * Who a token makes its holder on a board. The token says interviewer, edit or read (access.ts);
 * whether the board is an interview board (its control room holds an `interview`) turns an edit
 * token into the candidate or a collaborator. Nothing the client sends besides the token counts.
 */
export interface BoardRole {
  boardId: string;
  tokenRole: Role;
  role: ParticipantRole;
  readOnly: boolean;
  interview: boolean;
  control: ControlState;
}

/** The holder's role; 'revoked' for an edit or read link the interviewer replaced; null for a wrong token. */
export async function resolveRole(access: Access, rooms: Rooms, boardId: string, token: string | null): Promise<BoardRole | 'revoked' | null> {
  const checked = await access.check(boardId, token);
  if (!checked) return null;
  if ('revoked' in checked) return 'revoked';
  const tokenRole = checked.role;
  const control = await readBoardControl(rooms, boardId);
  const interview = control.interview !== null;
  return { boardId, tokenRole, role: participantRole(tokenRole, interview), readOnly: tokenRole === 'read', interview, control };
}

export const BAD_TOKEN = { error: 'This link does not open this board', reason: 'bad_token' } as const;
export const LINK_REVOKED = { error: "This link was replaced by the board's owner", reason: 'link_revoked' } as const;
export const MISSING_TOKEN = { error: 'This link has no access token', reason: 'missing_token' } as const;
export const NOT_REVEALED = { error: 'The answer shows once the interviewer ends the interview and reveals it', reason: 'not_revealed' } as const;

export type Refusal = { refused: typeof BAD_TOKEN | typeof LINK_REVOKED | typeof MISSING_TOKEN };

/** resolveRole for an API request: the role, or the 403 body that refuses the token. */
export async function roleOrRefusal(access: Access, rooms: Rooms, boardId: string, token: string | null): Promise<BoardRole | Refusal> {
  if (!token) return { refused: MISSING_TOKEN };
  const found = await resolveRole(access, rooms, boardId, token);
  if (!found) return { refused: BAD_TOKEN };
  if (found === 'revoked') return { refused: LINK_REVOKED };
  return found;
}

/** Whether the holder may read a case study's worked answer now (maySeeReference, from the server's side). */
export function mayReadAnswer({ role, interview, control }: BoardRole): boolean {
  return maySeeReference({ interviewer: role === 'interviewer', interview, revealed: control.revealed });
}

/** One line saying what a link opens, for the Share dialog. */
export function grants(role: ParticipantRole): string {
  switch (role) {
    case 'interviewer':
      return 'Runs the interview: the private notes, follow-up questions and rubric, the timer and the reveal. Keep it to yourself.';
    case 'candidate':
      return 'Joins as the candidate: edits the board; sees the prompt, not the answer, until you reveal it.';
    case 'collaborator':
      return 'Edits the board.';
    case 'viewer':
      return 'Views the board; cannot change it.';
  }
}

export interface BoardLink {
  role: ParticipantRole;
  tokenRole: Role;
  token: string;
  grants: string;
}

/** The links a holder of `tokenRole` may hand out: its own and every weaker one, strongest first. */
export async function linksFor(access: Access, boardId: string, tokenRole: Role, interview: boolean): Promise<BoardLink[]> {
  const tokens = await access.tokensAtOrBelow(tokenRole, boardId);
  return ROLES.slice(ROLES.indexOf(tokenRole)).map((r) => {
    const role = participantRole(r, interview);
    return { role, tokenRole: r, token: tokens[r]!, grants: grants(role) };
  });
}
