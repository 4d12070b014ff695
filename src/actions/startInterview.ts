import { menuIcon } from './menuIcon';
import type { Action } from './types';

/** "Start a mock interview" from an open board: a new interview board (src/interview/StartInterviewDialog.tsx); this one stays as it is. */
export const startInterview: Action = {
  id: 'start-interview',
  label: 'Start a mock interview',
  icon: menuIcon('UsersRound'),
  toolbar: 'interview',
  perform: ({ ui }) => ui.openDialog('start-interview'),
};
