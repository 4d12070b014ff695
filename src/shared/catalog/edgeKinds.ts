import { getNodeType } from './index';
import type { NodeTypeDefinition } from './types';

/**
 * The four kinds of data flow between components, each drawn differently so a diagram reads at a
 * glance which paths are offline, streaming, on the request path, or closing the learning loop.
 */
export const EDGE_KINDS = [
  {
    id: 'batch',
    label: 'Batch / offline',
    description: 'Data moved by scheduled jobs: tables, snapshots, trained models.',
    color: '#64748b',
    dash: '8 5',
    animated: false,
  },
  {
    id: 'streaming',
    label: 'Streaming',
    description: 'Events flowing continuously through a queue or stream processor.',
    color: '#0d9488',
    dash: '4 4',
    animated: true,
  },
  {
    id: 'online',
    label: 'Online request',
    description: 'A call on the request path, inside the latency budget.',
    color: '#ea580c',
    dash: undefined,
    animated: false,
  },
  {
    id: 'feedback',
    label: 'Feedback',
    description: 'Logged interactions flowing back to become labels and training data.',
    color: '#7c3aed',
    dash: '1 5',
    animated: false,
  },
] as const;

export type EdgeKind = (typeof EDGE_KINDS)[number]['id'];
export const EDGE_KIND_IDS = EDGE_KINDS.map((k) => k.id) as [EdgeKind, ...EdgeKind[]];

export function getEdgeKind(id: string) {
  return EDGE_KINDS.find((k) => k.id === id) ?? EDGE_KINDS[0];
}

/** Where logged behaviour lands when it flows back to learning. */
const LEARNING_CATEGORIES = new Set(['data', 'training']);

/**
 * The kind a new edge takes from its endpoints: anything touching a stream is streaming; online
 * components feeding data or training close the loop (feedback); two online stages talk on the
 * request path; everything else moves in batch. The user can change it in the inspector.
 */
export function suggestEdgeKind(sourceTypeId: string, targetTypeId: string): EdgeKind {
  const source = getNodeType(sourceTypeId);
  const target = getNodeType(targetTypeId);
  if (!source || !target) return 'batch';
  if (source.plane === 'stream' || target.plane === 'stream') return 'streaming';
  if (source.plane === 'online' && LEARNING_CATEGORIES.has(target.category)) return 'feedback';
  if (isOnlineSide(source) && isOnlineSide(target) && (source.plane === 'online' || target.plane === 'online')) return 'online';
  return 'batch';
}

function isOnlineSide(type: NodeTypeDefinition): boolean {
  return type.plane === 'online' || type.plane === 'any';
}
