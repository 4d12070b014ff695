import { Lock } from 'lucide-react';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import { CollabTextarea } from './CollabTextarea';
import { askedKey, editPrivateText, gradeNoteText, GRADES, readGrades, setAsked, setGrade, type InterviewerTypes } from './interviewerDoc';
import { useDocValue, useFollowUps, useInterviewerRoom, type InterviewerRoom } from './interviewerRoom';

const GRADE_LABELS = { strong: 'Strong', adequate: 'Adequate', weak: 'Weak' } as const;

/**
 * The interviewer's private side: the template's follow-up questions and a scoring rubric (one row
 * per framework step), kept in the private document of room `<boardId>.interviewer`. Shown only to
 * the holder of the interviewer token who chose the interviewer role; none of it is in the board.
 */
export function InterviewerView({ boardId, token, templateId }: { boardId: string; token: string; templateId: string | undefined }) {
  const { room, status } = useInterviewerRoom(boardId, token);
  return (
    <div className="interviewer-view" data-testid="interviewer-private">
      <p className="interviewer-private-note">
        <Lock size={14} aria-hidden /> Only you see this: it is stored apart from the board, and candidates' links cannot open it.
      </p>
      {status?.message && (
        <p className="interview-error" role="alert">
          {status.message}
        </p>
      )}
      {room ? <PrivateContent room={room} boardId={boardId} token={token} templateId={templateId} /> : <p className="muted">Opening your notes…</p>}
    </div>
  );
}

function PrivateContent({ room, boardId, token, templateId }: { room: InterviewerRoom; boardId: string; token: string; templateId: string | undefined }) {
  const { questions, error } = useFollowUps(room, boardId, token, templateId);
  const { types } = room;
  const asked = useDocValue(room, () => Object.fromEntries([...types.asked.entries()].filter(([, v]) => v === true)));
  const grades = useDocValue(room, () => readGrades(types));

  return (
    <>
      <section className="interview-section" aria-labelledby="interviewer-follow-ups">
        <h3 id="interviewer-follow-ups">Follow-up questions</h3>
        {!templateId && <p className="muted">This board follows no case study, so there are no prepared follow-ups. Pick one under Templates (Prompt only keeps the board empty).</p>}
        {templateId && error && (
          <p className="interview-error" role="alert">
            {error}
          </p>
        )}
        {templateId && !questions && !error && <p className="muted">Loading the follow-up questions…</p>}
        {templateId && questions && (
          <ol className="stack-list interviewer-follow-ups">
            {questions.map((question, index) => {
              const key = askedKey(templateId, index);
              return (
                <li key={key} className={asked[key] ? 'is-asked' : undefined}>
                  <label>
                    <input type="checkbox" checked={!!asked[key]} onChange={(e) => setAsked(types, key, e.target.checked)} />
                    <span>{question}</span>
                  </label>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="interview-section" aria-labelledby="interviewer-rubric">
        <h3 id="interviewer-rubric">Rubric</h3>
        <ol className="stack-list interviewer-rubric">
          {FRAMEWORK_STEPS.map((step, index) => (
            <li key={step.id}>
              <fieldset>
                <legend>
                  {index + 1}. {step.title}
                </legend>
                <div className="interviewer-grades" role="radiogroup" aria-label={`Grade: ${step.title}`}>
                  {GRADES.map((grade) => (
                    <label key={grade} className={`interviewer-grade grade-${grade}`}>
                      <input
                        type="radio"
                        name={`grade-${step.id}`}
                        checked={grades[step.id] === grade}
                        onChange={() => setGrade(types, step.id, grade)}
                        onClick={() => grades[step.id] === grade && setGrade(types, step.id, null)}
                      />
                      {GRADE_LABELS[grade]}
                    </label>
                  ))}
                </div>
                <PrivateText types={types} text={gradeNoteText(types, step.id)} label={`Rubric notes: ${step.title}`} placeholder="What was strong, what was missing" />
              </fieldset>
            </li>
          ))}
        </ol>
      </section>

      <section className="interview-section" aria-labelledby="interviewer-notes">
        <h3 id="interviewer-notes">Private notes</h3>
        <PrivateText types={types} text={types.notes} label="Private notes" placeholder="Anything else for the debrief" rows={4} />
      </section>
    </>
  );
}

function PrivateText({ types, text, label, placeholder, rows = 2 }: { types: InterviewerTypes; text: InterviewerTypes['notes']; label: string; placeholder: string; rows?: number }) {
  return <CollabTextarea className="interview-text" aria-label={label} text={text} onEdit={(edit) => editPrivateText(types, text, edit)} rows={rows} placeholder={placeholder} />;
}
