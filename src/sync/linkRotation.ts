import { RefusalSchema } from './access';

/**
 * Replaces the board's edit and read links (POST /api/boards/<id>/links/rotate, interviewer token
 * only): whoever holds the old ones is disconnected at once. Resolves with the server's refusal in
 * words, or null once done.
 */
export async function replaceLinks(boardId: string, token: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/links/rotate`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch {
    return 'The server cannot be reached: the links were not replaced.';
  }
  if (response.ok) return null;
  const refusal = RefusalSchema.safeParse(await response.json().catch(() => null));
  return (refusal.success && refusal.data.error) || `The server answered ${response.status}: the links were not replaced.`;
}
