import type { BoardPanelProps } from '../ui/slots';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import { useCaseStudy } from '../interview/caseStudy';
import { useReference } from '../interview/reference';
import { useMaySeeReference } from '../interview/referenceAccess';
import { useControl } from '../interview/useControl';
import type { SharedTemplateInfo } from '../shared/templateInfo';
import './templates.css';

/**
 * The side panel of a board that follows a case study: the prompt, the clarifying questions (answers
 * folded, to practise asking first), the ML framing, the metrics and a note per framework step.
 * Everything past the prompt is the worked answer: it comes from the server (GET
 * /api/boards/<id>/reference) under Compare's rule (src/interview/referenceAccess.ts), so a
 * candidate's browser holds the prompt alone until the interviewer reveals the answer.
 */
export function CaseStudyPanel({ session, binding }: BoardPanelProps) {
  const info = useCaseStudy(session, binding);
  const interviewBoard = useControl(session).interview !== null;
  const maySeeAnswer = useMaySeeReference(session);
  const answer = useReference(session, maySeeAnswer, info?.templateId);
  if (!info) {
    return (
      <div className="case-study">
        <p className="muted">
          This board follows no case study. Open <strong>Templates</strong> and pick <strong>Prompt only</strong> to practise a question without its diagram, or start from a full template.
        </p>
      </div>
    );
  }
  return (
    <div className="case-study">
      <div className="template-card-heading">
        <h3>{info.title}</h3>
        {info.difficulty && <span className={`badge template-difficulty template-difficulty-${info.difficulty}`}>{info.difficulty}</span>}
      </div>
      <p className="case-study-prompt">{info.prompt}</p>
      {!info.templateId ? null : !maySeeAnswer ? (
        <p className="muted">The clarifying answers, framing, metrics and step notes are the reference answer: they show here once the interviewer ends the interview and reveals it.</p>
      ) : answer?.status === 'ok' ? (
        <CaseStudyAnswer info={answer.reference.info} />
      ) : answer?.status === 'error' ? (
        <p className="interview-error">{answer.error}</p>
      ) : (
        <p className="muted">Loading the reference answer…</p>
      )}

      {/* An interview board's case is the interviewer's (its control room); elsewhere whoever edits may take it away. */}
      {!binding.readOnly && !interviewBoard && (
        <button type="button" className="button" onClick={() => binding.setTemplateInfo(null)}>
          Remove the case study from this board
        </button>
      )}
    </div>
  );
}

/** The reference notes: clarifying questions with their answers, framing, metrics, a note per step. */
function CaseStudyAnswer({ info }: { info: SharedTemplateInfo }) {
  return (
    <>
      <h4>Clarifying questions</h4>
      <ul className="case-study-questions">
        {info.clarifyingQuestions.map((q) => (
          <li key={q.question}>
            <details>
              <summary>{q.question}</summary>
              <p>{q.answer}</p>
            </details>
          </li>
        ))}
      </ul>

      <h4>Framing</h4>
      <dl className="case-study-facts">
        <dt>Task</dt>
        <dd>{info.framing.taskType}</dd>
        <dt>Input</dt>
        <dd>{info.framing.input}</dd>
        <dt>Output</dt>
        <dd>{info.framing.output}</dd>
        <dt>Labels</dt>
        <dd>{info.framing.labels}</dd>
      </dl>

      <h4>Metrics</h4>
      <dl className="case-study-facts">
        <dt>Offline</dt>
        <dd>{info.metrics.offline.join(' · ')}</dd>
        <dt>Online</dt>
        <dd>{info.metrics.online.join(' · ')}</dd>
        <dt>Business</dt>
        <dd>{info.metrics.business.join(' · ')}</dd>
      </dl>

      <h4>Step notes</h4>
      <ol className="case-study-steps">
        {FRAMEWORK_STEPS.map((step) => (
          <li key={step.id}>
            <details>
              <summary>{step.title}</summary>
              <p>{info.steps[step.id]}</p>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
