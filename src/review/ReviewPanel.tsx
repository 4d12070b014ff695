import { CircleCheck, CircleX, Info, MessageCircleQuestion, TriangleAlert, Wrench, type LucideIcon } from 'lucide-react';
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
  /** Called with the nodes and edges a finding names, for the board to select them and centre the nodes. */
  onSelectNodes: (nodeIds: string[], edgeIds: string[]) => void;
  /** Applies a finding's one-click fix; without it (a read-only board) fixes are not offered. */
  onFix?: (finding: Finding) => void;
}

/** The design review's findings, most serious first; choosing one shows its nodes on the board. */
export function ReviewPanel({ findings, onSelectNodes, onFix }: ReviewPanelProps) {
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
        <p className="review-passed">Checked: {RULES.map((r) => r.title.toLowerCase()).join(', ')}.</p>
      ) : (
        <ul className="stack-list">
          {findings.map((finding, index) => {
            const { icon: Icon, label } = SEVERITY_LOOK[finding.severity];
            const canShow = finding.nodeIds.length > 0;
            return (
              <li key={`${finding.ruleId}-${index}`} className={`review-item review-${finding.severity}`} data-rule={finding.ruleId}>
                <button
                  type="button"
                  className={`review-finding review-${finding.severity}`}
                  disabled={!canShow}
                  title={canShow ? 'Show on the board' : undefined}
                  onClick={() => onSelectNodes(finding.nodeIds, finding.edgeIds)}
                >
                  <Icon className="review-icon" size={16} aria-label={label} />
                  <span className="review-text">
                    <span className="review-rule">{ruleTitle(finding.ruleId)}</span>
                    <span className="review-message">{finding.message}</span>
                    <span className="review-question">
                      <MessageCircleQuestion size={13} aria-label="Follow-up question" /> {finding.question}
                    </span>
                  </span>
                </button>
                {finding.fix && onFix && (
                  <button type="button" className="review-fix" onClick={() => onFix(finding)}>
                    <Wrench size={13} aria-hidden /> {finding.fix.label}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
