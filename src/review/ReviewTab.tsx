import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import { useReadOnly } from '../board/BoardContext';
import { showNodes } from '../board/showNodes';
import { notifyError } from '../ui/notices';
import { applyFix } from './applyFix';
import type { FlowEdge, FlowNode } from '../doc/binding';
import { review, type Finding } from './index';
import { ReviewPanel } from './ReviewPanel';

/**
 * The Review side panel: the design review of the board as it is now, run again (at most once a
 * frame) whenever the board changes; choosing a finding selects its nodes and centres them.
 */
export function ReviewTab({ binding }: BoardPanelProps) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const readOnly = useReadOnly();
  const [findings, setFindings] = useState<Finding[]>(() => review(binding.toBoardFile()));

  useEffect(() => {
    let frame = 0;
    let lastBoard = '';
    const run = () => {
      frame = 0;
      const board = binding.toBoardFile();
      // Selection and drags re-emit the snapshot without changing the board: skip those.
      const key = JSON.stringify(board);
      if (key === lastBoard) return;
      lastBoard = key;
      setFindings(review(board));
    };
    const unsubscribe = binding.subscribe(() => {
      if (!frame) frame = requestAnimationFrame(run);
    });
    run();
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [binding]);

  const fix = (finding: Finding) => {
    if (!finding.fix) return;
    const result = applyFix(binding, finding.fix);
    if (!result.ok) notifyError(`Could not apply the fix: ${result.error}`);
  };
  return <ReviewPanel findings={findings} onSelectNodes={(nodeIds, edgeIds) => showNodes(binding, flow, nodeIds, edgeIds)} onFix={readOnly ? undefined : fix} />;
}
