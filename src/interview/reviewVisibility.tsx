import type { ComponentType } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import type { BoardSession } from '../sync/session';
import { maySeeReference } from '../shared/interview/control';
import { useControl } from './useControl';
import { useIsInterviewer } from './useInterviewerRole';

/**
 * Whether the Review panel shows: during an interview it lists what the candidate's design still
 * lacks, so the candidate sees it only when the interviewer allows it (the control room's
 * reviewVisibleToCandidate, off by default) or after the reveal; elsewhere always.
 */
export function useReviewVisible(session: Pick<BoardSession, 'boardId' | 'token' | 'access'>): boolean {
  const control = useControl(session);
  const interviewer = useIsInterviewer(session);
  return control.reviewVisibleToCandidate || maySeeReference({ interviewer, interview: control.interview !== null, revealed: control.revealed });
}

/** A side panel that shows only while useReviewVisible allows it, with a note in its place otherwise. */
export function withReviewVisibility(Panel: ComponentType<BoardPanelProps>): ComponentType<BoardPanelProps> {
  return function ReviewWhenVisible(props: BoardPanelProps) {
    if (useReviewVisible(props.session)) return <Panel {...props} />;
    return <p className="muted review-hidden">The review of the design opens when the interviewer allows it or ends the interview.</p>;
  };
}
