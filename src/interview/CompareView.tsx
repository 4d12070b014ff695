import { useReactFlow } from '@xyflow/react';
import { CircleCheck, CircleDashed, CircleHelp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useBoardSelector } from '../board/BoardContext';
import type { BoardSnapshot, FlowEdge, FlowNode } from '../doc/binding';
import type { BoardPanelProps } from '../ui/slots';
import type { Reference } from './reference';
import { compareWithReference, type Coverage } from './compare';
import { ReferenceDiagram } from './ReferenceDiagram';
import { showNodes } from '../board/showNodes';

const COVERAGE: Record<Coverage, { icon: typeof CircleCheck; label: string }> = {
  covered: { icon: CircleCheck, label: 'On your board' },
  similar: { icon: CircleHelp, label: 'A similar component stands in' },
  missing: { icon: CircleDashed, label: 'Missing' },
};

/**
 * Compare with reference: step by step, which components of the template's reference architecture
 * the board has (same type), has something like (same category) or lacks; and the reference
 * diagram itself beside the board. The reference comes from the server (./reference.ts), which
 * sends it only to those who may see it now; the parent fetches it once for Compare and its notes.
 */
type Mine = { id: string; type: string; title: string }[];

/** What the comparison reads of each node (not its position: a drag does not recompute it). */
const selectMine = (snapshot: BoardSnapshot): Mine => snapshot.nodes.map((n) => ({ id: n.id, type: n.type ?? '', title: n.data.title }));
const sameMine = (a: Mine, b: Mine) => a.length === b.length && a.every((n, i) => n.id === b[i]!.id && n.type === b[i]!.type && n.title === b[i]!.title);

export function CompareView({ binding, reference }: Pick<BoardPanelProps, 'binding'> & { reference: Reference }) {
  const mine = useBoardSelector(selectMine, sameMine);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [showDiagram, setShowDiagram] = useState(false);
  const comparison = useMemo(() => compareWithReference(mine, reference.board.nodes), [mine, reference]);
  const template = reference.info;

  return (
    <div className="compare-view">
      <p className="compare-summary">
        Your board has <strong>{comparison.covered}</strong> of the {comparison.total} components of the reference
        {comparison.similar > 0 && <>, and something similar for {comparison.similar} more</>}.
      </p>
      <button type="button" className="button" aria-pressed={showDiagram} onClick={() => setShowDiagram((on) => !on)}>
        {showDiagram ? 'Hide the reference diagram' : 'Show the reference diagram'}
      </button>
      <ol className="stack-list compare-steps">
        {comparison.steps.map((step) => (
          <li key={step.step}>
            <h4>
              {step.title}{' '}
              <span className="interview-count">
                {step.parts.filter((p) => p.coverage === 'covered').length}/{step.parts.length}
              </span>
            </h4>
            {step.parts.length === 0 ? (
              <p className="muted">Nothing in the reference diagram for this step.</p>
            ) : (
              <ul className="stack-list compare-parts">
                {step.parts.map((part) => {
                  const { icon: Icon, label } = COVERAGE[part.coverage];
                  const content = (
                    <>
                      <Icon size={14} aria-label={label} className="compare-icon" />
                      <span>
                        <span className="compare-part-title">{part.title}</span> <span className="muted">({part.typeLabel})</span>
                        {part.coverage === 'similar' && part.match && (
                          <span className="compare-match">
                            your “{part.match.title}” ({part.match.typeLabel}) stands in
                          </span>
                        )}
                      </span>
                    </>
                  );
                  return (
                    <li key={part.id} className={`compare-part compare-${part.coverage}`}>
                      {part.match ? (
                        <button type="button" title="Show it on the board" onClick={() => showNodes(binding, flow, [part.match!.id])}>
                          {content}
                        </button>
                      ) : (
                        <div>{content}</div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {template.steps[step.step] && (
              <details className="compare-reference-note">
                <summary>Reference notes</summary>
                <p>{template.steps[step.step]}</p>
              </details>
            )}
          </li>
        ))}
      </ol>
      {showDiagram && <ReferenceDiagram board={reference.board} onClose={() => setShowDiagram(false)} />}
    </div>
  );
}
