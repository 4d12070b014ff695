import { z } from '../shared/zod';
import { PARTICIPANT_ROLES } from '../shared/boardId';

/**
 * What each person on a board publishes in Yjs awareness (never in the document), and how the
 * app reads what others publish. Remote states are untrusted input: anything that does not parse
 * is ignored, and strings are shown as text only.
 *
 * Every position is in FLOW coordinates (the board's own space), so it means the same thing on
 * every screen whatever its zoom and pan; each client draws it with its own viewport transform.
 */

export const MAX_NAME = 40;
/** At most this many in-drag positions or selected ids are read from one person. */
const MAX_IDS = 500;

const finite = z.number();
const point = z.object({ x: finite, y: finite });
const nodeId = z.string().check(z.minLength(1), z.maxLength(100));

export const UserSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME)),
  /** The role the person's link gives them (the server's word to their own page; shown to the others as a label). */
  role: z.enum(PARTICIPANT_ROLES),
  color: z.string().check(z.regex(/^#[0-9a-f]{6}$/i)),
});
export type User = z.infer<typeof UserSchema>;

export const PresenceSchema = z.object({
  user: UserSchema,
  /** The pointer over the board, or null when it is elsewhere. */
  cursor: z._default(z.nullable(point), null),
  /** Nodes this person has selected. */
  selection: z._default(z.array(nodeId).check(z.maxLength(MAX_IDS)), []),
  /** Nodes being dragged right now: their absolute positions, carried here (not in the document) until the drop. */
  drag: z._default(z.nullable(z.record(nodeId, point)), null),
  /** The part of the board on this person's screen, for others to follow. */
  view: z._default(z.nullable(z.object({ x: finite, y: finite, width: z.number().check(z.positive()), height: z.number().check(z.positive()) })), null),
});
export type Presence = z.infer<typeof PresenceSchema>;

export interface Peer extends Presence {
  /** The awareness client id: one per open tab. */
  clientId: number;
}

/** The valid states of everyone but `self`, ordered by client id so avatars keep their places. */
export function readPeers(states: Map<number, unknown>, self: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === self) continue;
    const parsed = PresenceSchema.safeParse(state);
    if (parsed.success && Object.keys(parsed.data.drag ?? {}).length <= MAX_IDS) peers.push({ clientId, ...parsed.data });
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Colours for people, distinct from each other and readable on light and dark boards. */
export const PEOPLE_COLORS = ['#e11d48', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#4f46e5'] as const;

/**
 * A colour for someone joining: their remembered colour if nobody present wears it, else the
 * least worn colour (ties broken by `seed`, e.g. the client id, so two people joining at once
 * tend to differ).
 */
export function chooseColor(preferred: string | undefined, worn: readonly string[], seed: number): string {
  const count = (color: string) => worn.filter((w) => w.toLowerCase() === color.toLowerCase()).length;
  if (preferred && UserSchema.shape.color.safeParse(preferred).success && count(preferred) === 0) return preferred;
  const start = Math.abs(Math.trunc(seed)) % PEOPLE_COLORS.length;
  let best: string = PEOPLE_COLORS[start]!;
  for (let i = 1; i < PEOPLE_COLORS.length; i++) {
    const color = PEOPLE_COLORS[(start + i) % PEOPLE_COLORS.length]!;
    if (count(color) < count(best)) best = color;
  }
  return best;
}

/**
 * Two people who picked the same colour at the same moment: the one with the higher client id
 * gives way. Returns the colour `self` should wear now.
 */
export function settleColor(self: { clientId: number; color: string }, peers: readonly { clientId: number; user: { color: string } }[]): string {
  const clash = peers.some((p) => p.clientId < self.clientId && p.user.color.toLowerCase() === self.color.toLowerCase());
  if (!clash) return self.color;
  return chooseColor(
    undefined,
    peers.map((p) => p.user.color),
    self.clientId,
  );
}

/**
 * One or two letters for an avatar: the first letter of each of the first two words, letters only.
 * Text in brackets is a note beside the name, not part of it: "Ivy (interviewer)" is "I".
 */
export function initials(name: string): string {
  const words = name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').split(/\s+/);
  const letters = words.map((word) => /\p{L}/u.exec(word)?.[0]).filter((letter) => letter !== undefined);
  return letters.slice(0, 2).join('').toUpperCase() || '?';
}
