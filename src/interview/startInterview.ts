import { createInterviewBoard, type InterviewRequest } from '../collab/createBoard';
import { fillAndOpenBoard } from '../collab/fillNewBoard';

/**
 * Starts a mock interview in one step: the server creates an interview board (the case and its
 * length in the board's control room, which only the interviewer writes), the creator keeps the
 * interviewer link, the server titles the board after the case, and the board page opens on it, where the
 * interviewer's checklist hands out the candidate link. The case's prompt reaches everyone from
 * the control room; nothing of its worked answer is written into the shared document.
 */
export async function startMockInterview(request: InterviewRequest, title: string): Promise<{ ok: false; error: string } | void> {
  const created = await createInterviewBoard(request);
  if (!created.ok) return created;
  // The server titled the board after the case; the page has nothing to write first.
  await fillAndOpenBoard({ ...created, title }, () => undefined);
}
