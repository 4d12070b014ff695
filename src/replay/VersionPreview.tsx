import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { BoardFile } from '../shared/format';
import { ReadOnlyCanvas } from './ReadOnlyCanvas';

/**
 * A past version drawn read-only before anyone opens or restores it: the board with the board's
 * own node and edge components, in a document of its own (nothing here can touch the board), and
 * which framework steps had notes then.
 */
export function VersionPreview({ board, label }: { board: BoardFile; label: string }) {
  const binding = useMemo(() => {
    const preview = new BoardBinding(new Y.Doc());
    preview.replaceBoard(board);
    preview.setReadOnly(true);
    return preview;
  }, [board]);
  useEffect(
    () => () => {
      binding.destroy();
      binding.doc.destroy();
    },
    [binding],
  );
  const { nodes, edges } = useSyncExternalStore(binding.subscribe, binding.getSnapshot);
  const noted = FRAMEWORK_STEPS.filter((step) => board.interview?.notes?.[step.id]);
  return (
    <figure className="version-preview" aria-label={`Preview of ${label}`}>
      <div className="version-preview-canvas">
        <ReactFlowProvider>
          <ReadOnlyCanvas id="version-preview" binding={binding} nodes={nodes} edges={edges} fitView controls={false} />
        </ReactFlowProvider>
      </div>
      <figcaption className="muted">
        {board.title}: {count(nodes.length, 'node')}, {count(edges.length, 'edge')}
        {noted.length ? `; framework notes in ${noted.map((step) => step.title).join(', ')}` : '; no framework notes'}
      </figcaption>
    </figure>
  );
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
