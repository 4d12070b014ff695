import { Pause, Play, RotateCcw, Timer as TimerIcon } from 'lucide-react';
import type { BoardPanelProps } from '../ui/slots';
import { useReadOnly } from '../board/BoardContext';
import type { BoardBinding } from '../doc/binding';
import { pauseTimer, resetTimer, setTimerDuration, startTimer } from './interviewDoc';
import { type InterviewTypes } from '../shared/interviewLayout';
import { DURATION_CHOICES_MIN, formatClock, isRunning, stepBudgets, timerView, type TimerState, type TimerView } from '../shared/interview/timer';
import { useInterview, useNow } from './useInterview';
import './interview.css';

function useTimerView(binding: BoardBinding): { timer: TimerState; view: TimerView; types: InterviewTypes } {
  const { timer, covered, types } = useInterview(binding);
  const now = useNow(isRunning(timer));
  return { timer, view: timerView(timer, now, covered), types };
}

function StartPause({ binding, types, timer, view, compact }: { binding: BoardBinding; types: InterviewTypes; timer: TimerState; view: TimerView; compact?: boolean }) {
  const running = isRunning(timer);
  const label = running ? 'Pause the timer' : view.phase === 'idle' ? 'Start the timer' : 'Resume the timer';
  const Icon = running ? Pause : Play;
  return (
    <button
      type="button"
      className={compact ? 'icon-button' : 'button button-primary'}
      aria-label={label}
      title={label}
      onClick={() => (running ? pauseTimer(binding, types) : startTimer(binding, types))}
    >
      <Icon size={16} aria-hidden />
      {!compact && (running ? 'Pause' : view.phase === 'idle' ? 'Start' : 'Resume')}
    </button>
  );
}

function ResetButton({ binding, types }: { binding: BoardBinding; types: InterviewTypes }) {
  return (
    <button type="button" className="icon-button" aria-label="Reset the timer" title="Reset the timer" onClick={() => resetTimer(binding, types)}>
      <RotateCcw size={16} aria-hidden />
    </button>
  );
}

/**
 * The shared timer in the header: time left, the step the schedule is in, start/pause. Everyone
 * on the board sees the same time: it is computed from the start stamp in the document.
 */
export function HeaderTimer({ binding }: BoardPanelProps) {
  const readOnly = useReadOnly();
  const { timer, view, types } = useTimerView(binding);
  const step = stepBudgets(timer.durationMs)[view.currentStep]!;
  const over = view.phase === 'over';
  const stepOver = view.phase !== 'idle' && view.overruns[step.id] !== undefined;
  return (
    <div className={`header-timer timer-${view.phase}`} role="timer" aria-label="Interview timer">
      <TimerIcon size={16} aria-hidden className="header-timer-icon" />
      <span className="timer-clock" data-testid="timer-clock" title={over ? 'Over time' : 'Time left'}>
        {formatClock(view.remainingMs)}
      </span>
      {view.phase !== 'idle' && (
        <span className={`header-timer-step${stepOver ? ' is-over' : ''}`} title={`Step ${view.currentStep + 1} of 7: ${step.title}`}>
          {over ? 'Time is up' : `${view.currentStep + 1}. ${step.title}`}
        </span>
      )}
      {!readOnly && (over ? <ResetButton binding={binding} types={types} /> : <StartPause binding={binding} types={types} timer={timer} view={view} compact />)}
    </div>
  );
}

/** The timer in the interview panel: the clock, the controls, and the schedule of the seven steps. */
export function TimerCard({ binding }: { binding: BoardBinding }) {
  const readOnly = useReadOnly();
  const { timer, view, types } = useTimerView(binding);
  const budgets = stepBudgets(timer.durationMs);
  const step = budgets[view.currentStep]!;
  const progress = Math.min(1, view.elapsedMs / timer.durationMs);
  return (
    <section className={`timer-card timer-${view.phase}`} aria-label="Shared timer">
      <div className="timer-card-top">
        <div className="timer-card-clock timer-clock">{formatClock(view.remainingMs)}</div>
        {!readOnly && (
          <div className="timer-card-controls">
            {view.phase !== 'over' && <StartPause binding={binding} types={types} timer={timer} view={view} />}
            {view.phase !== 'idle' && <ResetButton binding={binding} types={types} />}
            {view.phase === 'idle' && (
              <select
                aria-label="Interview length"
                value={Math.round(timer.durationMs / 60_000)}
                onChange={(e) => setTimerDuration(binding, types, Number(e.target.value) * 60_000)}
              >
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
        {view.phase === 'idle' && `${Math.round(timer.durationMs / 60_000)} minutes, the same clock for everyone on the board.`}
        {(view.phase === 'running' || view.phase === 'paused') && (
          <>
            {view.phase === 'paused' && <strong>Paused · </strong>}
            Step {view.currentStep + 1}: {step.title}, {formatClock(view.stepRemainingMs)} left in it
          </>
        )}
        {view.phase === 'over' && `Time is up: ${formatClock(view.remainingMs).slice(1)} over.`}
      </div>
      <div className="timer-schedule" aria-hidden>
        {budgets.map((b, i) => (
          <span
            key={b.id}
            className={`timer-slot${i === view.currentStep && view.phase !== 'idle' ? ' is-current' : ''}${view.overruns[b.id] !== undefined ? ' is-over' : ''}`}
            style={{ flexGrow: b.endMs - b.startMs }}
            title={`${b.title}: ${formatClock(b.endMs - b.startMs)}`}
          />
        ))}
        <span className="timer-progress" style={{ left: `${progress * 100}%` }} />
      </div>
    </section>
  );
}
