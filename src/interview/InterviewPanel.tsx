import { useState, useSyncExternalStore } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import { CompareView } from './CompareView';
import { FrameworkView } from './FrameworkView';
import { InterviewerView } from './InterviewerView';
import { useMaySeeReference } from './referenceAccess';
import { useIsInterviewer } from './useInterviewerRole';

type View = 'framework' | 'compare' | 'private';

/**
 * The Interview side panel: the shared framework (timer, requirements, steps, metrics), Compare
 * with reference for a board that follows a case study, and, for the interviewer only, the
 * private follow-ups and rubric.
 *
 * The reference is the answer: Compare shows only to those ./referenceAccess.ts lets see it (the
 * case-study panel follows the same rule).
 */
export function InterviewPanel({ session, binding }: BoardPanelProps) {
  const template = useSyncExternalStore(binding.subscribe, () => binding.getTemplateInfo());
  const interviewer = useIsInterviewer(session);
  const canCompare = useMaySeeReference(session, binding, interviewer) && !!template;
  const [chosen, setChosen] = useState<View>('framework');
  const views: { id: View; label: string }[] = [
    { id: 'framework', label: 'Framework' },
    ...(canCompare ? [{ id: 'compare' as const, label: 'Compare' }] : []),
    ...(interviewer && session.token ? [{ id: 'private' as const, label: 'Interviewer' }] : []),
  ];
  const view = views.find((v) => v.id === chosen)?.id ?? 'framework';

  return (
    <div className="interview-panel">
      {views.length > 1 && (
        <div className="interview-views" role="tablist" aria-label="Interview views">
          {views.map((v) => (
            <button key={v.id} type="button" role="tab" aria-selected={v.id === view} className="interview-view-tab" onClick={() => setChosen(v.id)}>
              {v.label}
            </button>
          ))}
        </div>
      )}
      {template && view === 'framework' && <p className="interview-prompt">{template.prompt}</p>}
      {view === 'framework' && <FrameworkView binding={binding} />}
      {view === 'compare' && template && <CompareView binding={binding} template={template} />}
      {view === 'private' && session.token && <InterviewerView boardId={session.boardId} token={session.token} templateId={template?.id} />}
    </div>
  );
}
