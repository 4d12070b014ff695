import { useReactFlow } from '@xyflow/react';
import { CircleCheck, CircleDashed, CircleDot } from 'lucide-react';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { getNodeType } from '../catalog';
import type { FrameworkStepId } from '../shared/catalog/framework';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import { sameItems, useBoardSelector, useReadOnly } from '../board/BoardContext';
import type { BoardSnapshot } from '../doc/binding';
import type { BoardBinding } from '../doc/binding';
import { CollabTextarea } from './CollabTextarea';
import { stepEvidence, type StepEvidence } from './evidence';
import { stepReadiness, type StepReadiness } from './readiness';
import { showNodes } from '../board/showNodes';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { useReview } from '../review/useReview';
import { useReviewVisible } from './reviewVisibility';
import { METRIC_KINDS, type MetricKind } from '../shared/formatBasics';
import { editText, setCovered } from './interviewDoc';
import { metricText, noteText, type InterviewTypes } from '../shared/interviewLayout';
import { TimerCard } from './Timer';
import { formatClock, isRunning, timerView } from '../shared/interview/timer';
import { useInterview, useNow } from './useInterview';
import { useControl } from './useControl';
import type { BoardPanelProps } from '../ui/slots';

const METRIC_LABELS: Record<MetricKind, { label: string; placeholder: string }> = {
  business: { label: 'Business', placeholder: 'What the company cares about: retention, revenue, time spent…' },
  online: { label: 'Online', placeholder: 'Measured in an A/B test: CTR, watch time per user, conversion…' },
  offline: { label: 'Offline', placeholder: 'Measured on held-out data: ROC-AUC, recall@k, nDCG…' },
};

/**
 * The shared side of an interview: the timer, the requirements agreed, the seven framework steps
 * (prompts, shared notes, a "covered" tick, and the diagram's evidence for each), and the metrics.
 * Everything here is in the shared board document, written through ./interviewDoc.ts.
 */
/** The board's node types: the evidence depends on them only, not on where the nodes are (a drag). */
const selectTypes = (snapshot: BoardSnapshot) => snapshot.nodes.map((n) => n.type ?? '');

export function FrameworkView({ session, binding }: BoardPanelProps) {
  const nodeTypes = useBoardSelector(selectTypes, sameItems);
  const readOnly = useReadOnly();
  const { types, covered } = useInterview(binding);
  const control = useControl(session);
  const now = useNow(isRunning(control.timer), 1000);
  const view = timerView(control.timer, now, covered);
  const evidence = useMemo(() => stepEvidence(nodeTypes), [nodeTypes]);
  const findings = useReview(binding);
  // The findings are the review's: during an interview the candidate sees them only when the Review panel shows.
  const reviewVisible = useReviewVisible(session);
  const readiness = useMemo(() => stepReadiness(evidence, reviewVisible ? findings : []), [evidence, findings, reviewVisible]);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  // Which steps are open. The schedule opens the current step; it never closes one (someone may be typing in it).
  const [toggled, setToggled] = useState<Partial<Record<FrameworkStepId, boolean>>>({});
  const current = view.phase === 'running' || view.phase === 'paused' ? FRAMEWORK_STEPS[control.step]!.id : null;
  const lit = evidence.filter((e) => e.lit).length;
  useEffect(() => {
    if (current) setToggled((before) => (before[current] === undefined ? { ...before, [current]: true } : before));
  }, [current]);

  return (
    <div className="interview-framework">
      <TimerCard session={session} binding={binding} />

      <section className="interview-section" aria-labelledby="interview-requirements">
        <h3 id="interview-requirements">Requirements</h3>
        <CollabTextarea
          className="interview-text"
          aria-labelledby="interview-requirements"
          text={types.requirements}
          onEdit={(edit) => editText(binding, types.requirements, edit)}
          readOnly={readOnly}
          rows={3}
          placeholder="Scale agreed: users, items, QPS at peak, latency budget, growth…"
        />
      </section>

      <section className="interview-section" aria-labelledby="interview-steps">
        <h3 id="interview-steps">
          Framework <span className="interview-count">{lit} of 7 steps on the diagram</span>
        </h3>
        <ol className="stack-list">
          {FRAMEWORK_STEPS.map((step, index) => (
            <StepItem
              key={step.id}
              index={index}
              binding={binding}
              types={types}
              evidence={evidence[index]!}
              readiness={readiness[index]!}
              onShow={(nodeIds, edgeIds) => showNodes(binding, flow, nodeIds, edgeIds)}
              covered={covered.has(step.id)}
              current={current === step.id}
              overrunMs={view.phase === 'idle' ? undefined : view.overruns[step.id]}
              open={toggled[step.id] ?? false}
              onToggle={(on) => setToggled((before) => ({ ...before, [step.id]: on }))}
              readOnly={readOnly}
            />
          ))}
        </ol>
      </section>

      <section className="interview-section" aria-labelledby="interview-metrics">
        <h3 id="interview-metrics">Metrics</h3>
        {METRIC_KINDS.map((kind) => (
          <label key={kind} className="interview-metric">
            <span>{METRIC_LABELS[kind].label}</span>
            <CollabTextarea
              className="interview-text"
              text={metricText(types, kind)}
              onEdit={(edit) => editText(binding, metricText(types, kind), edit)}
              readOnly={readOnly}
              rows={2}
              placeholder={METRIC_LABELS[kind].placeholder}
            />
          </label>
        ))}
      </section>
    </div>
  );
}

interface StepItemProps {
  index: number;
  binding: BoardBinding;
  types: InterviewTypes;
  evidence: StepEvidence;
  /** How much of the step the board covers, and the review's findings that belong to it. */
  readiness: StepReadiness;
  onShow: (nodeIds: string[], edgeIds: string[]) => void;
  covered: boolean;
  current: boolean;
  overrunMs: number | undefined;
  open: boolean;
  onToggle: (open: boolean) => void;
  readOnly: boolean;
}

function StepItem({ index, binding, types, evidence, readiness, onShow, covered, current, overrunMs, open, onToggle, readOnly }: StepItemProps) {
  const step = FRAMEWORK_STEPS[index]!;
  const notes = noteText(types, step.id);
  const StatusIcon = covered ? CircleCheck : evidence.lit ? CircleDot : CircleDashed;
  const status = covered ? 'Covered' : evidence.lit ? 'On the diagram' : 'Not on the diagram yet';
  return (
    <li className={`interview-step${evidence.lit ? ' is-lit' : ''}${covered ? ' is-covered' : ''}${current ? ' is-current' : ''}`} data-step={step.id}>
      <details open={open} onToggle={(e) => e.currentTarget.open !== open && onToggle(e.currentTarget.open)}>
        <summary>
          <StatusIcon size={16} className="interview-step-status" aria-label={status} />
          <span className="interview-step-title">
            {index + 1}. {step.title}
          </span>
          {current && <span className="interview-badge interview-badge-now">now</span>}
          {overrunMs !== undefined && (
            <span className="interview-badge interview-badge-over" title="Past its time budget and not ticked as covered">
              +{formatClock(overrunMs)}
            </span>
          )}
          <span
            className={`interview-readiness${readiness.ready ? ' is-ready' : ''}`}
            title={`${readiness.covered} of ${readiness.total} kinds of part on the diagram; ${readiness.findings.length} review finding${readiness.findings.length === 1 ? '' : 's'}`}
          >
            {readiness.covered}/{readiness.total}
            {readiness.findings.length > 0 && <span className={`interview-finding-count review-${readiness.findings[0]!.severity}`}>{readiness.findings.length}</span>}
          </span>
          <span className="interview-step-minutes">{step.minutes} min</span>
        </summary>
        <div className="interview-step-body">
          <ul className="chip-list interview-evidence" aria-label="Evidence on the diagram">
            {[...evidence.present, ...evidence.missing].map((t) => (
              <li
                key={t.typeId}
                className={t.count ? 'is-present' : 'is-missing'}
                style={{ '--chip-color': getNodeType(t.typeId)?.color ?? '#64748b' } as CSSProperties}
                title={t.count ? `${t.count} on the diagram` : 'Not on the diagram'}
              >
                {t.label}
                {t.count > 1 && ` ×${t.count}`}
              </li>
            ))}
          </ul>
          {readiness.findings.length > 0 && (
            <ul className="interview-findings" aria-label="Review findings for this step">
              {readiness.findings.map((finding, i) => (
                <li key={`${finding.ruleId}-${i}`} className={`review-${finding.severity}`}>
                  <button type="button" title="Show on the board" onClick={() => onShow(finding.nodeIds, finding.edgeIds)}>
                    {finding.message}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ul className="interview-prompts">
            {step.prompts.map((prompt) => (
              <li key={prompt}>{prompt}</li>
            ))}
          </ul>
          <CollabTextarea
            className="interview-text"
            aria-label={`Notes: ${step.title}`}
            text={notes}
            onEdit={(edit) => editText(binding, notes, edit)}
            readOnly={readOnly}
            rows={3}
            placeholder="Shared notes for this step"
          />
          <label className="interview-covered">
            <input type="checkbox" checked={covered} disabled={readOnly} onChange={(e) => setCovered(binding, types, step.id, e.target.checked)} />
            Covered
          </label>
        </div>
      </details>
    </li>
  );
}
