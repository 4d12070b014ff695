import { ExternalLink } from 'lucide-react';
import { useState } from 'react';
import type { BoardDialogProps } from '../ui/slots';
import { Dialog } from '../ui/Dialog';
import { useReadableView } from '../board/useReadableView';
import { notify, notifyError } from '../ui/notices';
import { followLink } from '../ui/router';
import type { BoardFile } from '../shared/format';
import { useControl } from '../interview/useControl';
import { useIsInterviewer } from '../interview/useInterviewerRole';
import { applyTemplate, type TemplateUse } from './apply';
import type { TemplateSummary } from './index';
import { TemplateGallery } from './TemplateGallery';
import { newBoardPath } from './TemplatesButton';
import { viewMotion } from '../ui/motion';

const DONE: Record<TemplateUse, (title: string) => string> = {
  replace: (title) => `The board now holds “${title}”. Undo brings back what was there.`,
  beside: (title) => `“${title}” was added beside your diagram.`,
  prompt: (title) => `The case study “${title}” is in the Case study panel.`,
};

/**
 * The gallery inside an open board: replace the content (after a confirmation; undo restores it),
 * add the diagram beside the existing nodes, take only the prompt, or start a new board from it.
 * While the board's interview is under way a template would put a worked answer (its diagram, or its
 * notes with "Prompt only") before the candidate, and undo would not take back what was seen: then
 * nothing is applied here; the interviewer may open a template on a new board, in a new tab, and
 * the candidate gets no template diagram at all (the server refuses them).
 */
export function TemplatesDialog({ session, binding, onClose }: BoardDialogProps) {
  const readableView = useReadableView();
  const [confirming, setConfirming] = useState<string | null>(null);
  const control = useControl(session);
  const interviewer = useIsInterviewer(session);
  const underWay = control.interview !== null && !control.revealed;
  const readOnly = binding.readOnly;
  const asker = session.token ? { boardId: session.boardId, token: session.token } : undefined;

  const use = (summary: TemplateSummary, board: BoardFile, how: TemplateUse) => {
    const result = applyTemplate(binding, board, how);
    if (!result.ok) {
      notifyError(result.error);
      return;
    }
    notify(DONE[how](summary.title));
    onClose();
    // Once the new cards are drawn: the readable zoom comes from their title's size.
    if (how !== 'prompt') setTimeout(() => readableView.show({ duration: viewMotion(300) }), 50);
  };

  return (
    <Dialog title="Case-study templates" className="template-dialog" onClose={onClose}>
      {underWay && (
        <p className="template-dialog-note" role="note">
          {interviewer
            ? 'The interview is under way: a template added here would show its worked answer to everyone on this board. You can open one on a new board, in a new tab; once you end the interview, templates can be added here again.'
            : 'The interview is under way: the case studies show their diagrams once the interviewer ends it.'}
        </p>
      )}
      <TemplateGallery
        asker={asker}
        renderActions={(summary, board) => {
          if (underWay) {
            return interviewer ? (
              <a className="button" href={newBoardPath(summary.id)} target="_blank" rel="noopener" aria-label={`Open ${summary.title} on a new board in a new tab`}>
                New board <ExternalLink size={14} aria-hidden />
              </a>
            ) : null;
          }
          const newBoard = (
            <a className="button" href={newBoardPath(summary.id)} onClick={followLink}>
              New board
            </a>
          );
          if (readOnly || !board) return newBoard;
          if (confirming === summary.id) {
            return (
              <div className="template-confirm" role="group" aria-label="Confirm replacing the board">
                <span>Replace everything on this board? Undo brings it back.</span>
                <button type="button" className="button button-danger" onClick={() => use(summary, board, 'replace')}>
                  Replace
                </button>
                <button type="button" className="button" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            );
          }
          const empty = binding.getSnapshot().nodes.length === 0;
          return (
            <>
              <button
                type="button"
                className="button button-primary"
                onClick={() => (empty ? use(summary, board, 'replace') : setConfirming(summary.id))}
                title="Replace the board's content with this template"
              >
                {empty ? 'Use template' : 'Replace board'}
              </button>
              {!empty && (
                <button type="button" className="button" onClick={() => use(summary, board, 'beside')} title="Add the template's diagram to the right of your nodes">
                  Add beside
                </button>
              )}
              <button type="button" className="button" onClick={() => use(summary, board, 'prompt')} title="Only the question, requirements and step notes, no diagram">
                Prompt only
              </button>
              {newBoard}
            </>
          );
        }}
      />
    </Dialog>
  );
}
