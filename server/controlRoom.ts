import { roomName } from '../src/shared/boardId';
import { newInterviewControl, readControlState, type ControlState, type InterviewSetup } from '../src/shared/interview/control';
import type { Rooms } from './rooms';

/**
 * The server's side of a board's control room `<boardId>.control` (src/interview/control.ts holds
 * its layout): the server reads it to tell a candidate from a collaborator and to gate the
 * reference, and writes it once, when an interview board is created. Afterwards only connections
 * holding the interviewer token may change it (access.ts canWrite; rooms.ts drops the others' updates).
 */
export async function readBoardControl(rooms: Rooms, boardId: string): Promise<ControlState> {
  return readControlState(await rooms.readState(roomName(boardId, 'control')));
}

/** Stores the first control state of a new interview board (before anyone can connect to it). */
export async function createInterviewControl(rooms: Rooms, boardId: string, setup: InterviewSetup, durationMs: number): Promise<void> {
  await rooms.storeInitialState(roomName(boardId, 'control'), newInterviewControl(setup, durationMs));
}
