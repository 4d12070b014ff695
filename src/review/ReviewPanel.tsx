import { CircleCheck, CircleX, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import { RULES } from './index';
import { SEVERITIES, type Finding, type Severity } from './types';
import './ReviewPanel.css';

const SEVERITY_LOOK: Record<Severity, { icon: LucideIcon; label: string; plural: string }> = {
  error: { icon: CircleX, label: 'Error', plural: 'errors' },
  warning: { icon: TriangleAlert, label: 'Warning', plural: 'warnings' },
  info: { icon: Info, label: 'Note', plural: 'notes' },
};

const ruleTitle = (ruleId: string) => RULES.find((r) => r.id === ruleId)?.title ?? ruleId;

export interface ReviewPanelProps {
  findings: readonly Finding[];
  /** Called with the nodes a finding names, for the board to select and centre them. */
  onSelectNodes: (nodeIds: string[]) => void;
}

/** The design review's findings, most serious first; choosing one shows its nodes on the board. */
export function ReviewPanel({ findings, onSelectNodes }: ReviewPanelProps) {
  const counts = SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const).filter(([, n]) => n > 0);
  return (
    <section className="review-panel" aria-label="Design review">
      <header className="review-summary">
        {counts.length === 0 ? (
          <span className="review-clear">
            <CircleCheck size={16} aria-hidden /> Nothing to flag
          </span>
        ) : (
          counts.map(([severity, n]) => (
            <span key={severity} className={`review-count review-${severity}`}>
              {n} {n === 1 ? SEVERITY_LOOK[severity].label.toLowerCase() : SEVERITY_LOOK[severity].plural}
            </span>
          ))
        )}
      </header>
      {findings.length === 0 ? (
        <p className="review-passed">
          Checked: {RULES.map((r) => r.title.toLowerCase()).join(', ')}.
        </p>
      ) : (
        <ul className="stack-list">
          {findings.map((finding, index) => {
            const { icon: Icon, label } = SEVERITY_LOOK[finding.severity];
            const canShow = finding.nodeIds.length > 0;
            return (
              <li key={`${finding.ruleId}-${index}`}>
                <button
                  type="button"
                  className={`review-finding review-${finding.severity}`}
                  disabled={!canShow}
                  title={canShow ? 'Show on the board' : undefined}
                  onClick={() => onSelectNodes(finding.nodeIds)}
                >
                  <Icon className="review-icon" size={16} aria-label={label} />
                  <span className="review-text">
                    <span className="review-rule">{ruleTitle(finding.ruleId)}</span>
                    <span className="review-message">{finding.message}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
