import '@xyflow/react/dist/style.css';
import {
  Background,
  BackgroundVariant,
  Controls,
  getNodesBounds,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Edge,
  type Node,
} from '@xyflow/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The baseline of the browser benchmarks: React Flow as its documentation shows it, default nodes,
 * controlled state with useNodesState, nothing else. The board comes from window.__BENCH_BOARD__
 * (set by the benchmark before the page's scripts run); the canvas size from ?w=&h= so it matches
 * the app's canvas. window.bench.toPng is React Flow's "download image" example (html-to-image,
 * loaded on demand so it is not part of the page's first load). For profiling only (bench/profile.ts),
 * ?with=background,minimap,controls adds React Flow's own widgets as the app draws them.
 */
interface BenchWindow {
  __BENCH_BOARD__?: { nodes: Node[]; edges: Edge[] };
  bench?: { toPng(scale: number, padding: number): Promise<{ ms: number; bytes: number; width: number; height: number }> };
}
const benchWindow = window as unknown as BenchWindow;
const params = new URLSearchParams(location.search);
const width = params.get('w') ? `${params.get('w')}px` : '100vw';
const height = params.get('h') ? `${params.get('h')}px` : '100vh';
const extras = new Set((params.get('with') ?? '').split(','));

function Flow() {
  const initial = benchWindow.__BENCH_BOARD__ ?? { nodes: [], edges: [] };
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  const flow = useReactFlow();

  useEffect(() => {
    benchWindow.bench = {
      async toPng(scale, padding) {
        const { toBlob } = await import('html-to-image');
        const started = performance.now();
        const bounds = getNodesBounds(flow.getNodes());
        const imageWidth = Math.ceil(bounds.width + 2 * padding);
        const imageHeight = Math.ceil(bounds.height + 2 * padding);
        const viewport = getViewportForBounds(bounds, imageWidth, imageHeight, 0.1, 2, 0);
        const element = document.querySelector<HTMLElement>('.react-flow__viewport')!;
        const blob = await toBlob(element, {
          backgroundColor: '#ffffff',
          width: imageWidth,
          height: imageHeight,
          pixelRatio: scale,
          style: { width: `${imageWidth}px`, height: `${imageHeight}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
        });
        return { ms: performance.now() - started, bytes: blob?.size ?? 0, width: imageWidth * scale, height: imageHeight * scale };
      },
    };
  }, [flow]);

  return (
    <div style={{ width, height }}>
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView fitViewOptions={{ padding: 0.2, maxZoom: 1 }} minZoom={0.1} maxZoom={2.5}>
        {extras.has('background') && <Background variant={BackgroundVariant.Dots} gap={20} size={1.5} />}
        {extras.has('controls') && <Controls showInteractive={false} position="bottom-left" />}
        {extras.has('minimap') && <MiniMap position="bottom-right" pannable zoomable />}
      </ReactFlow>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <Flow />
  </ReactFlowProvider>,
);
