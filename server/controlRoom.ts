import { roomName } from '../src/shared/boardId';
import { newInterviewControl, readControlState, type ControlState, type InterviewSetup } from '../src/shared/interview/control';
import { newTitledBoard } from '../src/shared/yjsBoard';
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

/**
 * Stores the first state of a new interview board (before anyone can connect to it): its control
 * room, and the board titled after the case, so that every page opens on the case's name.
 */
export async function createInterviewRooms(rooms: Rooms, boardId: string, setup: InterviewSetup, durationMs: number): Promise<void> {
  await rooms.storeInitialState(roomName(boardId, 'control'), newInterviewControl(setup, durationMs));
  await rooms.storeInitialState(roomName(boardId, 'board'), newTitledBoard(setup.title));
}
