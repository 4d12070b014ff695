import { getNodeType } from '../catalog';
import { getEdgeKind } from '../shared/catalog/edgeKinds';
import type { BoardFile } from '../shared/format';
import { absoluteRects, boundsOf, isFrame } from '../doc/geometry';
import { edgeRoute } from '../doc/edgeRoute';

const PADDING = 40;

/**
 * A thumbnail of a template drawn from its own data: stage frames, component boxes in their
 * category colour and edges along the curves the board draws. No image is stored anywhere.
 */
export function TemplatePreview({ board }: { board: Pick<BoardFile, 'nodes' | 'edges' | 'title'> }) {
  const rects = absoluteRects(board.nodes);
  const bounds = boundsOf(rects.values());
  const viewBox = `${bounds.x - PADDING} ${bounds.y - PADDING} ${bounds.width + 2 * PADDING} ${bounds.height + 2 * PADDING}`;
  const components = board.nodes.filter((n) => !isFrame(n));
  return (
    <svg className="template-preview" viewBox={viewBox} preserveAspectRatio="xMidYMid meet" role="img" aria-label={`Diagram of ${board.title}: ${components.length} components`}>
      {board.nodes.filter(isFrame).map((frame) => {
        const r = rects.get(frame.id)!;
        return <rect key={frame.id} className="template-preview-frame" x={r.x} y={r.y} width={r.width} height={r.height} rx={24} />;
      })}
      {board.edges.map((edge) => {
        const source = rects.get(edge.source);
        const target = rects.get(edge.target);
        if (!source || !target) return null;
        const points = edgeRoute(edge, source, target).points.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`);
        return <polyline key={edge.id} points={points.join(' ')} fill="none" stroke={getEdgeKind(edge.kind).color} strokeWidth={10} />;
      })}
      {components.map((node) => {
        const r = rects.get(node.id)!;
        const type = getNodeType(node.type);
        const note = type?.variant === 'note';
        return (
          <rect key={node.id} x={r.x} y={r.y} width={r.width} height={r.height} rx={16} className={note ? 'template-preview-note' : undefined} fill={note ? undefined : (type?.color ?? '#64748b')} />
        );
      })}
    </svg>
  );
}
