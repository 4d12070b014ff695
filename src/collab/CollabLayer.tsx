import { useReactFlow, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
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

const selectZoom = (s: ReactFlowState) => s.transform[2];
const selectFrame = (s: ReactFlowState) => ({ width: s.width, height: s.height, minZoom: s.minZoom, maxZoom: s.maxZoom });
type Frame = ReturnType<typeof selectFrame>;
const sameFrame = (a: Frame, b: Frame) => a.width === b.width && a.height === b.height && a.minZoom === b.minZoom && a.maxZoom === b.maxZoom;
const viewportOf = (s: ReactFlowState): Viewport => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2] });

/**
 * Presence on the canvas, mounted inside <ReactFlow>. It publishes this person's pointer,
 * selection, in-drag positions and view (flow coordinates), follows a chosen person's view, and
 * draws the others: cursors with names, outlines of what they selected, and the nodes they are
 * dragging where they are now (the document gets the position once, at the drop). The view is read
 * from the store as it changes, not rendered: a pan frame renders nothing here (only a zoom does, the
 * marks' scale).
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
  const zoom = useStore(selectZoom);

  usePublishPointer(presence, useStore(selectDomNode));
  usePublishBoardState(presence, nodes);
  usePublishView(presence);
  useFollow(presence, peers, following);

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

/** The part of the board in view, sent as it changes (a pan moves it every frame). */
function usePublishView(presence: BoardPresence) {
  const store = useStoreApi();
  useEffect(() => {
    let sent: unknown[] = [];
    const update = (state: ReactFlowState) => {
      const now = [...state.transform, state.width, state.height];
      if (now.every((value, i) => value === sent[i])) return;
      sent = now;
      const visible = visibleView(viewportOf(state), state.width, state.height);
      if (visible) presence.setView(visible);
    };
    update(store.getState());
    return store.subscribe(update);
  }, [presence, store]);
}

/**
 * While following someone, this view shows theirs (centred, zoomed to fit this screen). Any other
 * change of the viewport is this person moving: following stops.
 */
function useFollow(presence: BoardPresence, peers: Peer[], following: number | null) {
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  const frame = useStore(selectFrame, sameFrame);
  const expected = useRef<Viewport | null>(null);
  const target = peers.find((p) => p.clientId === following)?.view ?? null;

  useEffect(() => {
    if (following === null || !target) {
      expected.current = null;
      return;
    }
    const next = viewportShowing(target, frame.width, frame.height, frame.minZoom, frame.maxZoom);
    expected.current = next;
    void setViewport(next, { duration: 0 });
  }, [following, target?.x, target?.y, target?.width, target?.height, frame, setViewport]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (following === null) return;
    let seen = viewportOf(store.getState());
    return store.subscribe((state) => {
      const now = viewportOf(state);
      const moved = !sameViewport(now, seen);
      seen = now;
      if (moved && expected.current && !sameViewport(now, expected.current)) presence.follow(null);
    });
  }, [presence, store, following]);
}
