import { useState } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import { CompareView } from './CompareView';
import { FrameworkView } from './FrameworkView';
import { InterviewerView } from './InterviewerView';
import { useCaseStudy } from './caseStudy';
import { useReference } from './reference';
import { useMaySeeReference } from './referenceAccess';
import { useIsInterviewer } from './useInterviewerRole';

type View = 'framework' | 'compare' | 'private';

/**
 * The Interview side panel: the shared framework (timer, requirements, steps, metrics), Compare
 * with reference for a board that follows a case study, and, for the interviewer only, the
 * private follow-ups and rubric.
 *
 * The reference is the answer: Compare shows only to those ./referenceAccess.ts lets see it (the
 * case-study panel follows the same rule), and is fetched from the server only when shown.
 */
export function InterviewPanel({ session, binding }: BoardPanelProps) {
  const template = useCaseStudy(session, binding);
  const interviewer = useIsInterviewer(session);
  const canCompare = useMaySeeReference(session) && !!template?.templateId;
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
      {view === 'framework' && <FrameworkView session={session} binding={binding} />}
      {view === 'compare' && template?.templateId && <ComparePart session={session} binding={binding} templateId={template.templateId} />}
      {view === 'private' && session.token && <InterviewerView boardId={session.boardId} token={session.token} templateId={template?.templateId} />}
    </div>
  );
}

/** Compare, with the reference asked from the server when it opens. */
function ComparePart({ session, binding, templateId }: BoardPanelProps & { templateId: string }) {
  const result = useReference(session, true, templateId);
  if (!result || result.status === 'loading') return <p className="muted">Loading the reference…</p>;
  if (result.status === 'error') return <p className="interview-error">{result.error}</p>;
  return <CompareView binding={binding} reference={result.reference} />;
}
