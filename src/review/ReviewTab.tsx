import { useReactFlow } from '@xyflow/react';
import type { BoardPanelProps } from '../ui/slots';
import { notifyError } from '../ui/notices';
import { useReadOnly } from '../board/BoardContext';
import { showNodes } from '../board/showNodes';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { applyFix } from './applyFix';
import type { Finding } from './index';
import { ReviewPanel } from './ReviewPanel';
import { useReview } from './useReview';

/**
 * The Review side panel: the design review of the board as it is now; choosing a finding selects its
 * nodes and path and centres them; a fix is applied through the binding as one undo step.
 */
export function ReviewTab({ binding }: BoardPanelProps) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const readOnly = useReadOnly();
  const findings = useReview(binding);
  const fix = (finding: Finding) => {
    if (!finding.fix) return;
    const result = applyFix(binding, finding.fix);
    if (!result.ok) notifyError(`Could not apply the fix: ${result.error}`);
  };
  return <ReviewPanel findings={findings} onSelectNodes={(nodeIds, edgeIds) => showNodes(binding, flow, nodeIds, edgeIds)} onFix={readOnly ? undefined : fix} />;
}
