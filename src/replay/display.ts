import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { boardMaps, changedKeys } from '../shared/yjsBoard';

/**
 * The board the replay shows: one read-only binding over one document of its own, for the whole
 * replay, made to hold what the engine's document of the moment holds by writing only what differs
 * (BoardBinding.mirror). A jump back or into another window gives the player a new document; the
 * canvas still gets the same binding, and the same node and edge objects for every card that did
 * not change, so React Flow draws again only what changed, as it does during playback.
 *
 * While the engine moves the same document forward, the ids its updates touched are collected from
 * that document's events, so a step of playback compares just those; a new document is compared
 * whole (reading it, not drawing it).
 */
export class ReplayDisplay {
  readonly binding: BoardBinding;
  private source: Y.Doc | null = null;
  private readonly touched = { nodes: new Set<string>(), edges: new Set<string>() };
  private stopWatching: (() => void) | null = null;

  constructor() {
    this.binding = readOnlyBinding(new Y.Doc());
  }

  /** Shows the board `source` holds. */
  show(source: Y.Doc): void {
    if (source === this.source) this.binding.mirror(source, this.touched);
    else {
      this.watch(source);
      this.binding.mirror(source);
    }
    this.touched.nodes.clear();
    this.touched.edges.clear();
  }

  destroy(): void {
    this.stopWatching?.();
    this.binding.destroy();
    this.binding.doc.destroy();
  }

  private watch(source: Y.Doc): void {
    this.stopWatching?.();
    this.source = source;
    const { nodes, edges } = boardMaps(source);
    const onNodes = (events: Y.YEvent<Y.Map<unknown>>[]) => changedKeys(events, nodes, this.touched.nodes);
    const onEdges = (events: Y.YEvent<Y.Map<unknown>>[]) => changedKeys(events, edges, this.touched.edges);
    nodes.observeDeep(onNodes);
    edges.observeDeep(onEdges);
    this.stopWatching = () => {
      nodes.unobserveDeep(onNodes);
      edges.unobserveDeep(onEdges);
    };
  }
}

/** A binding that refuses every edit, over a document nobody shares. */
export function readOnlyBinding(doc: Y.Doc): BoardBinding {
  const binding = new BoardBinding(doc);
  binding.setReadOnly(true);
  return binding;
}
