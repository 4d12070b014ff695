import { Eye, FileText, Flag, Pause, Play, Plus, RotateCcw, SkipForward, Timer as TimerIcon } from 'lucide-react';
import { followLink } from '../ui/router';
import type { BoardPanelProps } from '../ui/slots';
import type { ControlSnapshot } from './controlRoom';
import { DURATION_CHOICES_MIN, formatClock, isRunning, stepBudgets, timerView, type TimerView } from '../shared/interview/timer';
import { LAST_STEP } from '../shared/interview/control';
import { useControl, useControlActions, type ControlActions } from './useControl';
import { useInterview, useNow } from './useInterview';
import './interview.css';

/**
 * The shared timer lives in the board's control room (./controlRoom.ts): everyone sees the same
 * time, computed from the start stamp there, and only the interviewer gets the buttons (the server
 * refuses anyone else's change). The step shown is the one the interviewer moved to.
 */
function useTimerView({ session, binding }: BoardPanelProps): { control: ControlSnapshot; view: TimerView; actions: ControlActions | null } {
  const control = useControl(session);
  const { covered } = useInterview(binding);
  const now = useNow(isRunning(control.timer));
  return { control, view: timerView(control.timer, now, covered), actions: useControlActions(session) };
}

function StartPause({ actions, control, view, compact }: { actions: ControlActions; control: ControlSnapshot; view: TimerView; compact?: boolean }) {
  const running = isRunning(control.timer);
  const label = running ? 'Pause the timer' : view.phase === 'idle' ? 'Start the timer' : 'Resume the timer';
  const Icon = running ? Pause : Play;
  return (
    <button type="button" className={compact ? 'icon-button' : 'button button-primary'} aria-label={label} title={label} onClick={() => (running ? actions.pause() : actions.start())}>
      <Icon size={16} aria-hidden />
      {!compact && (running ? 'Pause' : view.phase === 'idle' ? 'Start' : 'Resume')}
    </button>
  );
}

function ResetButton({ actions }: { actions: ControlActions }) {
  return (
    <button type="button" className="icon-button" aria-label="Reset the timer" title="Reset the timer" onClick={() => actions.reset()}>
      <RotateCcw size={16} aria-hidden />
    </button>
  );
}

/** Where everyone goes once the interview has ended: the debrief report (what the server shows each role). */
function DebriefLink({ boardId, className }: { boardId: string; className: string }) {
  return (
    <a className={className} href={`/b/${boardId}/debrief`} onClick={followLink}>
      <FileText size={14} aria-hidden /> Debrief
    </a>
  );
}

/** The header's timer: time left, the current step, start/pause for the interviewer; once ended, the time taken and the debrief. */
export function HeaderTimer(props: BoardPanelProps) {
  const { control, view, actions } = useTimerView(props);
  if (control.revealed) {
    return (
      <div className="header-timer timer-ended" role="timer" aria-label="Interview timer">
        <Flag size={16} aria-hidden className="header-timer-icon" />
        <span className="header-timer-step">Interview ended</span>
        <span className="timer-clock" data-testid="timer-clock" title="Time taken">
          {formatClock(view.elapsedMs)}
        </span>
        <DebriefLink boardId={props.session.boardId} className="header-timer-debrief" />
      </div>
    );
  }
  const step = stepBudgets(control.timer.durationMs)[control.step]!;
  const over = view.phase === 'over';
  const stepOver = view.phase !== 'idle' && view.overruns[step.id] !== undefined;
  return (
    <div className={`header-timer timer-${view.phase}`} role="timer" aria-label="Interview timer">
      <TimerIcon size={16} aria-hidden className="header-timer-icon" />
      <span className="timer-clock" data-testid="timer-clock" title={over ? 'Over time' : 'Time left'}>
        {formatClock(view.remainingMs)}
      </span>
      {view.phase !== 'idle' && (
        <span className={`header-timer-step${stepOver ? ' is-over' : ''}`} title={`Step ${control.step + 1} of 7: ${step.title}`}>
          {over ? 'Time is up' : `${control.step + 1}. ${step.title}`}
        </span>
      )}
      {actions && !control.revealed && (over ? <ResetButton actions={actions} /> : <StartPause actions={actions} control={control} view={view} compact />)}
    </div>
  );
}

/** The timer in the interview panel: the clock, the controls, and the schedule of the seven steps. */
export function TimerCard(props: BoardPanelProps) {
  const { control, view, actions } = useTimerView(props);
  const { timer } = control;
  const budgets = stepBudgets(timer.durationMs);
  const step = budgets[control.step]!;
  const stepRemainingMs = step.endMs - view.elapsedMs;
  const progress = Math.min(1, view.elapsedMs / timer.durationMs);
  return (
    <section className={`timer-card timer-${control.revealed ? 'ended' : view.phase}`} aria-label="Shared timer">
      <div className="timer-card-top">
        {control.revealed ? (
          <div className="timer-card-clock timer-card-ended" data-testid="timer-card-clock">
            <Flag size={20} aria-hidden /> Ended
          </div>
        ) : (
          <div className="timer-card-clock timer-clock" data-testid="timer-card-clock">
            {formatClock(view.remainingMs)}
          </div>
        )}
        {actions && !control.revealed && (
          <div className="timer-card-controls">
            {view.phase !== 'over' && <StartPause actions={actions} control={control} view={view} />}
            {view.phase !== 'idle' && <ResetButton actions={actions} />}
            {view.phase === 'idle' && (
              <select aria-label="Interview length" value={Math.round(timer.durationMs / 60_000)} onChange={(e) => actions.setDuration(Number(e.target.value) * 60_000)}>
                {DURATION_CHOICES_MIN.map((m) => (
                  <option key={m} value={m}>
                    {m} min
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
      </div>
      <div className="timer-card-caption">
        {!control.revealed && view.phase === 'idle' && `${Math.round(timer.durationMs / 60_000)} minutes, the same clock for everyone on the board.`}
        {!control.revealed && (view.phase === 'running' || view.phase === 'paused') && (
          <>
            {view.phase === 'paused' && <strong>Paused · </strong>}
            Step {control.step + 1}: {step.title}, {formatClock(stepRemainingMs)} {stepRemainingMs < 0 ? 'over its time' : 'left in it'}
          </>
        )}
        {!control.revealed && view.phase === 'over' && `Time is up: ${formatClock(view.remainingMs).slice(1)} over.`}
      </div>
      <div className="timer-schedule" aria-hidden>
        {budgets.map((b, i) => (
          <span
            key={b.id}
            className={`timer-slot${i === control.step && view.phase !== 'idle' ? ' is-current' : ''}${view.overruns[b.id] !== undefined ? ' is-over' : ''}`}
            style={{ flexGrow: b.endMs - b.startMs }}
            title={`${b.title}: ${formatClock(b.endMs - b.startMs)}`}
          />
        ))}
        <span className="timer-progress" style={{ left: `${progress * 100}%` }} />
      </div>
      {actions && <InterviewerControls actions={actions} control={control} />}
      {control.revealed && (
        <p className="timer-card-caption">
          The interview ended after {formatClock(view.elapsedMs)} of {formatClock(timer.durationMs)}: the answer is revealed to everyone. Next:{' '}
          <DebriefLink boardId={props.session.boardId} className="timer-card-debrief" />
        </p>
      )}
    </section>
  );
}

/**
 * The interviewer's controls of the interview itself: next step, more time, the Review panel for the
 * candidate, and "End interview and reveal".
 */
function InterviewerControls({ actions, control }: { actions: ControlActions; control: ControlSnapshot }) {
  return (
    <div className="timer-card-interviewer" role="group" aria-label="Interviewer controls">
      {!control.revealed && (
        <>
          <button type="button" className="button" disabled={control.step >= LAST_STEP} onClick={() => actions.nextStep()}>
            <SkipForward size={16} aria-hidden /> Next step
          </button>
          <button type="button" className="button" onClick={() => actions.extend(5 * 60_000)}>
            <Plus size={16} aria-hidden /> 5 min
          </button>
        </>
      )}
      <label className="timer-card-check">
        <input type="checkbox" checked={control.reviewVisibleToCandidate || control.revealed} disabled={control.revealed} onChange={(e) => actions.setReviewVisible(e.target.checked)} />
        <Eye size={14} aria-hidden /> Show Review to the candidate
      </label>
      {!control.revealed && (
        <button type="button" className="button button-primary" onClick={() => actions.reveal()}>
          <Flag size={16} aria-hidden /> End interview and reveal
        </button>
      )}
    </div>
  );
}
