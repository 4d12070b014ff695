import type { BoardBinding } from '../doc/binding';
import type { Fix } from './types';

/** Where a node a fix adds goes: to the right of the node it is about, clear of it. */
const BESIDE = 320;

/**
 * Applies a finding's fix to the board through the binding, as one undo step. Nodes the fix adds are
 * named by their `ref` in later operations. Stops at the first operation the board refuses (read-only,
 * a node deleted meanwhile) and reports why; what was done before it stays one undo step.
 */
export function applyFix(binding: BoardBinding, fix: Fix): { ok: true } | { ok: false; error: string } {
  const added = new Map<string, string>();
  const idOf = (ref: string) => added.get(ref) ?? ref;
  return binding.batch(() => {
    for (const operation of fix.operations) {
      if (operation.op === 'set-prop') {
        const result = binding.setProp(operation.nodeId, operation.key, operation.value);
        if (!result.ok) return result;
      } else if (operation.op === 'add-node') {
        const near = binding.nodeRect(idOf(operation.near));
        const at = near ? { x: near.x + near.width / 2 + BESIDE, y: near.y + near.height / 2 } : { x: 0, y: 0 };
        const result = binding.addNode(operation.type, at, { title: operation.title, props: operation.props });
        if (!result.ok) return result;
        added.set(operation.ref, result.value);
      } else {
        const connected = binding.connect({ source: idOf(operation.source), target: idOf(operation.target) });
        if (!connected.ok) return connected;
        const kind = binding.setEdgeKind(connected.value, operation.kind);
        if (!kind.ok) return kind;
      }
    }
    return { ok: true } as const;
  });
}
