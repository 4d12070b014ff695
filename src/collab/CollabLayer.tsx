import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useActionRunner } from '../actions/runner';
import { useBoardSnapshot } from '../board/BoardContext';
import type { FlowNode } from '../doc/binding';
import { absolutePosition } from '../doc/geometry';
import { EXPORT_HIDDEN_CLASS } from '../ui/exportHidden';
import type { BoardPresence } from '../sync/boardPresence';
import type { Peer } from '../sync/presence';
import { dragPositions, sameViewport, viewportShowing, visibleView, type Viewport } from './presenceGeometry';
import { useBoardPresence, usePresence } from './usePresence';
import './collab.css';

const selectView = (s: ReactFlowState) => ({ transform: s.transform, width: s.width, height: s.height, minZoom: s.minZoom, maxZoom: s.maxZoom, domNode: s.domNode });
const sameView = (a: ReturnType<typeof selectView>, b: ReturnType<typeof selectView>) =>
  a.transform[0] === b.transform[0] && a.transform[1] === b.transform[1] && a.transform[2] === b.transform[2] && a.width === b.width && a.height === b.height && a.domNode === b.domNode;

/**
 * Presence on the canvas, mounted inside <ReactFlow>. It publishes this person's pointer,
 * selection, in-drag positions and view (flow coordinates), follows a chosen person's view, and
 * draws the others: cursors with names, outlines of what they selected, and the nodes they are
 * dragging where they are now (the document gets the position once, at the drop).
 */
export const CollabLayer = memo(function CollabLayer() {
  const presence = useBoardPresence(useActionRunner().ctx.session);
  if (!presence) return null;
  return <Presence presence={presence} />;
});

/*
 * React Flow's <ViewportPortal> looks its container up with querySelector in a store selector,
 * i.e. on every store update (several per frame of a drag, on a 1,000-node DOM); the container
 * is looked up here once per canvas instead.
 */
const selectDomNode = (s: ReactFlowState) => s.domNode;
function useViewportPortal(): Element | null {
  const domNode = useStore(selectDomNode);
  return useMemo(() => domNode?.querySelector('.react-flow__viewport-portal') ?? null, [domNode]);
}

function Presence({ presence }: { presence: BoardPresence }) {
  const { nodes } = useBoardSnapshot();
  const { peers, following } = usePresence(presence);
  const view = useStore(selectView, sameView);
  const zoom = view.transform[2];

  usePublishPointer(presence, view.domNode);
  usePublishBoardState(presence, nodes);
  usePublishView(presence, view);
  useFollow(presence, peers, following, view);

  // Only the others' marks need the lookup: alone on the board, a drag frame does not build it.
  const byId = useMemo(() => (peers.length ? new Map(nodes.map((n) => [n.id, n])) : null), [nodes, peers.length]);
  const portal = useViewportPortal();
  if (!portal) return null;

  return createPortal(
    <div className={`collab-layer ${EXPORT_HIDDEN_CLASS}`} aria-hidden>
      {byId && peers.map((peer) => <PeerMarks key={peer.clientId} peer={peer} byId={byId} zoom={zoom} />)}
    </div>,
    portal,
  );
}

function PeerMarks({ peer, byId, zoom }: { peer: Peer; byId: ReadonlyMap<string, FlowNode>; zoom: number }) {
  const color = peer.user.color;
  const scale = 1 / zoom;
  const drag = peer.drag ?? {};
  const rect = (id: string) => {
    const node = byId.get(id);
    if (!node) return null;
    const at = drag[id] ?? absolutePosition(node, (parentId) => byId.get(parentId));
    return { x: at.x, y: at.y, width: node.measured?.width ?? node.width ?? 0, height: node.measured?.height ?? node.height ?? 0, title: node.data.title };
  };
  const pad = 4 * scale;
  return (
    <>
      {peer.selection.map((id) => {
        const r = rect(id);
        if (!r) return null;
        return (
          <div
            key={`sel-${id}`}
            className="collab-selection"
            data-peer={peer.user.name}
            style={{
              transform: `translate(${r.x - pad}px, ${r.y - pad}px)`,
              width: r.width + 2 * pad,
              height: r.height + 2 * pad,
              borderColor: color,
              borderWidth: 2 * scale,
              borderRadius: 10 * scale,
            }}
          />
        );
      })}
      {Object.keys(drag).map((id) => {
        const r = rect(id);
        if (!r) return null;
        return (
          <div
            key={`drag-${id}`}
            className="collab-drag-ghost"
            data-node-id={id}
            style={{ transform: `translate(${r.x}px, ${r.y}px)`, width: r.width, height: r.height, borderColor: color, '--peer-color': color } as CSSProperties}
          >
            <span style={{ fontSize: 12 * Math.max(1, scale) }}>{r.title}</span>
          </div>
        );
      })}
      {peer.cursor && (
        <div className="collab-cursor" data-peer={peer.user.name} style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${scale})` }}>
          <svg width="18" height="22" viewBox="0 0 18 22" aria-hidden>
            <path d="M1 1 L1 18 L5.5 13.8 L8.6 21 L11.6 19.7 L8.6 12.7 L15 12.7 Z" fill={color} stroke="white" strokeWidth="1.5" strokeLinejoin="round" />
          </svg>
          <span className="collab-cursor-label" style={{ background: color }}>
            {peer.user.name}
          </span>
        </div>
      )}
    </>
  );
}

/** The pointer over the canvas, in flow coordinates; null once it leaves. */
function usePublishPointer(presence: BoardPresence, domNode: HTMLElement | null) {
  const { screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    if (!domNode) return;
    const move = (event: PointerEvent) => {
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false });
      presence.setCursor({ x: Math.round(at.x), y: Math.round(at.y) });
    };
    const leave = () => presence.setCursor(null);
    domNode.addEventListener('pointermove', move);
    domNode.addEventListener('pointerleave', leave);
    return () => {
      domNode.removeEventListener('pointermove', move);
      domNode.removeEventListener('pointerleave', leave);
    };
  }, [presence, domNode, screenToFlowPosition]);
}

/** Selected nodes and the positions of nodes being dragged, from the binding's local state. */
function usePublishBoardState(presence: BoardPresence, nodes: readonly FlowNode[]) {
  useEffect(() => {
    presence.setSelection(nodes.filter((n) => n.selected).map((n) => n.id));
    presence.setDrag(dragPositions(nodes));
  }, [presence, nodes]);
}

function usePublishView(presence: BoardPresence, view: ReturnType<typeof selectView>) {
  const [x, y, zoom] = view.transform;
  useEffect(() => {
    const visible = visibleView({ x, y, zoom }, view.width, view.height);
    if (visible) presence.setView(visible);
  }, [presence, x, y, zoom, view.width, view.height]);
}

/**
 * While following someone, this view shows theirs (centred, zoomed to fit this screen). Any other
 * change of the viewport is this person moving: following stops.
 */
function useFollow(presence: BoardPresence, peers: Peer[], following: number | null, view: ReturnType<typeof selectView>) {
  const { setViewport } = useReactFlow();
  const expected = useRef<Viewport | null>(null);
  const target = peers.find((p) => p.clientId === following)?.view ?? null;
  const [x, y, zoom] = view.transform;

  useEffect(() => {
    if (following === null || !target) {
      expected.current = null;
      return;
    }
    const next = viewportShowing(target, view.width, view.height, view.minZoom, view.maxZoom);
    expected.current = next;
    void setViewport(next, { duration: 0 });
  }, [following, target?.x, target?.y, target?.width, target?.height, view.width, view.height, view.minZoom, view.maxZoom, setViewport]); // eslint-disable-line react-hooks/exhaustive-deps

  const seen = useRef<Viewport>({ x, y, zoom });
  useEffect(() => {
    const now = { x, y, zoom };
    const moved = !sameViewport(now, seen.current);
    seen.current = now;
    if (moved && following !== null && expected.current && !sameViewport(now, expected.current)) presence.follow(null);
  }, [presence, following, x, y, zoom]);
}
